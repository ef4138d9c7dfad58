"""The JSON API (django-ninja): one NinjaAPI, one router per app, one error shape.

Errors always answer {"detail": str, "code": str, "errors": {field: [messages]}}: 422 for a
malformed request (the field named), 4xx for a refused business rule, 401/403 for access.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from ninja import NinjaAPI
from ninja.errors import AuthenticationError
from ninja.errors import ValidationError as NinjaValidationError
from ninja.security import django_auth

from hall32.core.apidocs import VendoredSwagger
from hall32.core.errors import DomainError
from hall32.core.services import errors_from

api = NinjaAPI(
    title="Hall 32 API",
    version="1.0",
    description=_(
        "API du hub Hall 32 : événements, formation, Pôle Industrie. "
        "Authentification par session (cookie et jeton CSRF)."
    ),
    urls_namespace="api",
    auth=django_auth,
    docs_url="/docs",
    docs=VendoredSwagger(),
)


def _field_name(location: list[Any]) -> str:
    parts = [str(p) for p in location if p not in {"body", "query", "path", "form", "payload", "data"}]
    return ".".join(parts) or "__all__"


@api.exception_handler(NinjaValidationError)
def on_validation_error(request: HttpRequest, exc: NinjaValidationError) -> HttpResponse:
    errors: dict[str, list[str]] = {}
    for error in exc.errors:
        errors.setdefault(_field_name(list(error.get("loc", []))), []).append(str(error.get("msg", "")))
    return api.create_response(
        request, {"detail": _("Requête invalide."), "code": "invalid", "errors": errors}, status=422
    )


@api.exception_handler(DomainError)
def on_domain_error(request: HttpRequest, exc: DomainError) -> HttpResponse:
    return api.create_response(request, exc.as_dict(), status=exc.status_code)


@api.exception_handler(ValidationError)
def on_model_validation_error(request: HttpRequest, exc: ValidationError) -> HttpResponse:
    errors = errors_from(exc)
    first = next(iter(errors.values()))[0]
    return api.create_response(request, {"detail": first, "code": "invalid", "errors": errors}, status=422)


@api.exception_handler(PermissionDenied)
def on_forbidden(request: HttpRequest, exc: PermissionDenied) -> HttpResponse:
    return api.create_response(
        request, {"detail": _("Accès refusé."), "code": "forbidden", "errors": {}}, status=403
    )


@api.exception_handler(AuthenticationError)
def on_unauthenticated(request: HttpRequest, exc: AuthenticationError) -> HttpResponse:
    return api.create_response(
        request,
        {"detail": _("Authentification requise."), "code": "unauthenticated", "errors": {}},
        status=401,
    )


@api.exception_handler(Http404)
def on_not_found(request: HttpRequest, exc: Http404) -> HttpResponse:
    return api.create_response(
        request, {"detail": _("Introuvable."), "code": "not_found", "errors": {}}, status=404
    )


def require(request: HttpRequest, perm: str, obj: Any = None) -> None:
    """The API's permission check: the same rules as the pages and the admin."""
    if not request.user.has_perm(perm, obj):
        raise PermissionDenied


def _register_routers() -> None:
    from hall32.core.api import router as core_router

    api.add_router("/core/", core_router)
    for app in ("outreach", "training", "industry", "network", "impact"):
        module = __import__(f"hall32.{app}.api", fromlist=["router"])
        if getattr(module, "router", None) is not None:
            api.add_router(f"/{app}/", module.router)


_register_routers()
