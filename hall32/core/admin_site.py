"""The Django admin, opened by the policy (core.access_admin) rather than by is_staff."""

from django.contrib import admin
from django.contrib.admin.apps import AdminConfig
from django.http import HttpRequest


class Hall32AdminSite(admin.AdminSite):
    def has_permission(self, request: HttpRequest) -> bool:
        user = request.user
        return bool(user.is_active and user.has_perm("core.access_admin"))


class Hall32AdminConfig(AdminConfig):
    default_site = "hall32.core.admin_site.Hall32AdminSite"
