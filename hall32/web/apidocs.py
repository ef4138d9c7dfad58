"""The API documentation page (/api/docs) with Swagger UI served from our own static files.

django-ninja's default page loads Swagger UI from a CDN unless "ninja" is an installed app; the
hub serves the vendored copy (hall32/static/vendor/swagger-ui-dist, `make vendor`) so the page
works offline, with no inline script: the settings travel in a JSON block, read by a static file.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from ninja.openapi.docs import Swagger, _csrf_needed

if TYPE_CHECKING:
    from ninja import NinjaAPI


class VendoredSwagger(Swagger):
    template = "api/docs.html"

    def render_page(self, request: HttpRequest, api: NinjaAPI, **kwargs: Any) -> HttpResponse:
        settings = {**self.settings, "url": self.get_openapi_url(api, kwargs)}
        context = {"swagger_settings": settings, "api": api, "add_csrf": _csrf_needed(api)}
        return render(request, self.template, context)
