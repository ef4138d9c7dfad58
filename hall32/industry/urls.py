app_name = "industry"

urlpatterns: list = []
