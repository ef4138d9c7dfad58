from django.urls import path

from hall32.impact import views

app_name = "impact"

urlpatterns = [path("", views.key_figures, name="key_figures")]
