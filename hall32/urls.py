from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path
from django.utils.translation import gettext_lazy as _

from hall32.api import api
from hall32.core import views as core_views
from hall32.core.forms_auth import LoginForm

admin.site.site_header = _("Administration de Hall 32")
admin.site.site_title = _("Hall 32")
admin.site.index_title = _("Données de la plateforme")

urlpatterns = [
    path("healthz", core_views.healthz, name="healthz"),
    path(
        "compte/connexion/",
        auth_views.LoginView.as_view(authentication_form=LoginForm, redirect_authenticated_user=True),
        name="login",
    ),
    path("compte/deconnexion/", auth_views.LogoutView.as_view(), name="logout"),
    path("i18n/", include("django.conf.urls.i18n")),
    path("api/", api.urls),
    path("admin/", admin.site.urls),
    path("informer/", include("hall32.outreach.urls")),
    path("former/", include("hall32.training.urls")),
    path("innover/", include("hall32.industry.urls")),
    path("connecter/", include("hall32.network.urls")),
    path("impact/", include("hall32.impact.urls")),
    path("", include("hall32.core.urls")),
]

handler404 = "hall32.web.errorviews.not_found"
handler403 = "hall32.web.errorviews.forbidden"
handler500 = "hall32.api.server_error"  # JSON under /api/, the page elsewhere
handler400 = "hall32.api.bad_request"
