"""The JSON API (django-ninja): one NinjaAPI, one router per app, one error shape.

Errors always answer {"detail": str, "code": str, "errors": {field: [messages]}}: 422 for a
malformed request (the field named), 400 for a body that cannot be read, 4xx for a refused
business rule, 401/403 for access, 503 while the database cannot be reached, 500 (still JSON) for
a bug. The OpenAPI schema documents these responses on every operation.
"""

from __future__ import annotations

import logging
import sys
from typing import Any

from django.core.exceptions import BadRequest, PermissionDenied, SuspiciousOperation, ValidationError
from django.db import InterfaceError, OperationalError
from django.http import Http404, HttpRequest, HttpResponse
from django.http.multipartparser import MultiPartParserError
from django.utils.translation import gettext as _
from django.views import defaults
from ninja import NinjaAPI, Schema
from ninja.errors import AuthenticationError, HttpError
from ninja.errors import ValidationError as NinjaValidationError
from ninja.parser import Parser
from ninja.security import django_auth

from hall32.core import api as core_api
from hall32.core.errors import DomainError
from hall32.core.services import errors_from
from hall32.impact import api as impact_api
from hall32.industry import api as industry_api
from hall32.network import api as network_api
from hall32.outreach import api as outreach_api
from hall32.training import api as training_api
from hall32.web import errorviews
from hall32.web.apidocs import VendoredSwagger

logger = logging.getLogger(__name__)

# --- The API and its error responses -------------------------------------------------------------


class ErrorOut(Schema):
    detail: str
    code: str
    errors: dict[str, list[str]]


ERROR_RESPONSES = {
    400: "Corps de requête illisible, ou refus d'une règle métier (errors nomme le champ)",
    401: "Authentification requise",
    403: "Accès refusé (droits, jeton CSRF)",
    404: "Introuvable",
    409: "En conflit avec l'existant (créneau pris, doublon)",
    422: "Requête invalide (errors nomme chaque champ)",
    503: "Service momentanément indisponible (base de données injoignable)",
}
WRITE_METHODS = {"post", "put", "patch", "delete"}


def _nul_characters(data: Any, location: tuple[Any, ...]) -> list[dict[str, Any]]:
    """Where the NUL character occurs in parsed JSON or a query (keys and values)."""
    if isinstance(data, str):
        return [{"loc": location, "msg": _("Le caractère NUL n'est pas accepté.")}] if "\x00" in data else []
    if isinstance(data, dict):
        return [
            e
            for k, v in data.items()
            for e in _nul_characters(v, (*location, k)) + _nul_characters(k, location)
        ]
    if isinstance(data, list):
        return [e for i, v in enumerate(data) for e in _nul_characters(v, (*location, i))]
    return []


class Hall32Parser(Parser):
    """ninja's parser, refusing the NUL character that PostgreSQL can neither store nor compare:
    422 naming the field, as for any other malformed value."""

    def parse_body(self, request: HttpRequest) -> Any:
        data = super().parse_body(request)
        if errors := _nul_characters(data, ("body",)):
            raise NinjaValidationError(errors)  # ninja wraps it in its HttpError(400): see on_http_error
        return data

    def parse_querydict(self, data: Any, list_fields: list[str], request: HttpRequest) -> Any:
        result = super().parse_querydict(data, list_fields, request)
        if errors := _nul_characters(result, ("query",)):
            raise NinjaValidationError(errors)
        return result


class Hall32API(NinjaAPI):
    def get_openapi_schema(self, *, path_prefix: str | None = None, path_params: Any = None) -> Any:
        schema = super().get_openapi_schema(path_prefix=path_prefix, path_params=path_params)
        return document_errors(schema)


def document_errors(schema: Any) -> Any:
    """Declare the error shape on every operation: 401/403 where a session is needed, 409 on
    writes, the others everywhere (a malformed request, a missing object, the database away)."""
    schema.setdefault("components", {}).setdefault("schemas", {})["Error"] = ErrorOut.model_json_schema()
    content = {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}
    for operations in schema["paths"].values():
        for method, operation in operations.items():
            codes = set(ERROR_RESPONSES) - {401, 403, 409}
            if operation.get("security"):
                codes |= {401, 403}
            if method in WRITE_METHODS:
                codes.add(409)
            responses = operation.setdefault("responses", {})
            for code in sorted(codes):
                responses.setdefault(str(code), {"description": ERROR_RESPONSES[code], "content": content})
    return schema


api = Hall32API(
    title="Hall 32 API",
    version="1.0",
    description=_(
        "API du hub Hall 32 : événements, formation, Pôle Industrie. "
        "Authentification par session (cookie et jeton CSRF)."
    ),
    urls_namespace="api",
    auth=django_auth,
    parser=Hall32Parser(),
    docs_url="/docs",
    docs=VendoredSwagger(),
)


def error_response(
    request: HttpRequest,
    status: int,
    detail: str,
    code: str,
    errors: dict[str, list[str]] | None = None,
) -> HttpResponse:
    return api.create_response(
        request, {"detail": detail, "code": code, "errors": errors or {}}, status=status
    )


def _field_name(location: list[Any]) -> str:
    parts = [str(p) for p in location if p not in {"body", "query", "path", "form", "payload", "data"}]
    return ".".join(parts) or "__all__"


@api.exception_handler(NinjaValidationError)
def on_validation_error(request: HttpRequest, exc: NinjaValidationError) -> HttpResponse:
    errors: dict[str, list[str]] = {}
    for error in exc.errors:
        errors.setdefault(_field_name(list(error.get("loc", []))), []).append(str(error.get("msg", "")))
    return error_response(request, 422, _("Requête invalide."), "invalid", errors)


@api.exception_handler(DomainError)
def on_domain_error(request: HttpRequest, exc: DomainError) -> HttpResponse:
    return api.create_response(request, exc.as_dict(), status=exc.status_code)


@api.exception_handler(ValidationError)
def on_model_validation_error(request: HttpRequest, exc: ValidationError) -> HttpResponse:
    errors = errors_from(exc)
    first = next(iter(errors.values()))[0]
    return error_response(request, 422, first, "invalid", errors)


@api.exception_handler(PermissionDenied)
def on_forbidden(request: HttpRequest, exc: PermissionDenied) -> HttpResponse:
    return error_response(request, 403, _("Accès refusé."), "forbidden")


@api.exception_handler(AuthenticationError)
def on_unauthenticated(request: HttpRequest, exc: AuthenticationError) -> HttpResponse:
    return error_response(request, 401, _("Authentification requise."), "unauthenticated")


@api.exception_handler(Http404)
def on_not_found(request: HttpRequest, exc: Http404) -> HttpResponse:
    return error_response(request, 404, _("Introuvable."), "not_found")


def _unreadable(request: HttpRequest) -> HttpResponse:
    message = _(
        "Corps de la requête illisible\u00a0: envoyez un objet JSON (Content-Type: application/json)."
    )
    return error_response(request, 400, message, "malformed", {"__all__": [message]})


@api.exception_handler(HttpError)
def on_http_error(request: HttpRequest, exc: HttpError) -> HttpResponse:
    """ninja's own refusals: a body it cannot parse (400), a failed CSRF check (403)."""
    if isinstance(exc.__cause__, NinjaValidationError):  # a value the parser refused
        return on_validation_error(request, exc.__cause__)
    if exc.status_code == 400:
        return _unreadable(request)
    if exc.status_code == 403:
        return error_response(
            request, 403, _("Jeton CSRF absent ou invalide (en-tête X-CSRFToken)."), "csrf_failed"
        )
    return error_response(request, exc.status_code, str(exc), "error")


@api.exception_handler(MultiPartParserError)
@api.exception_handler(BadRequest)
def on_unparsable_body(request: HttpRequest, exc: Exception) -> HttpResponse:
    """A form body Django cannot read (multipart without a boundary, a charset it refuses),
    met while the CSRF check looks for its token."""
    return _unreadable(request)


@api.exception_handler(SuspiciousOperation)
def on_suspicious(request: HttpRequest, exc: SuspiciousOperation) -> HttpResponse:
    # Logged where Django logs them when it answers itself (too many fields, too big a body).
    logging.getLogger(f"django.security.{exc.__class__.__name__}").error(str(exc))
    return _unreadable(request)


def _unavailable(request: HttpRequest) -> HttpResponse:
    response = error_response(
        request,
        503,
        _("Service momentanément indisponible\u00a0: réessayez dans quelques minutes."),
        "unavailable",
    )
    response["Retry-After"] = "60"
    return response


@api.exception_handler(OperationalError)
@api.exception_handler(InterfaceError)
def on_database_unavailable(request: HttpRequest, exc: Exception) -> HttpResponse:
    logger.error("Base de données injoignable : %s", exc.__class__.__name__, exc_info=exc)
    return _unavailable(request)


# --- Errors raised before the API is reached (middleware) ----------------------------------------


def is_api_request(request: HttpRequest) -> bool:
    return request.path_info.startswith(api.get_root_path({}))


def server_error(request: HttpRequest) -> HttpResponse:
    """handler500: the API's JSON under /api/ (503 when the database cannot be reached, as a
    middleware that loads the session finds out first), the HTML page elsewhere."""
    if not is_api_request(request):
        return errorviews.server_error(request)
    if isinstance(sys.exc_info()[1], OperationalError | InterfaceError):
        return _unavailable(request)
    return error_response(
        request, 500, _("Erreur interne\u00a0: l'équipe technique est prévenue."), "server_error"
    )


def bad_request(request: HttpRequest, exception: Exception) -> HttpResponse:
    """handler400: the API's JSON under /api/, Django's page elsewhere."""
    if not is_api_request(request):
        return defaults.bad_request(request, exception)
    return _unreadable(request)


# The routers import what they share from hall32.web.apikit, never this module: no circle.
for prefix, app_api in {
    "core": core_api,
    "outreach": outreach_api,
    "training": training_api,
    "industry": industry_api,
    "network": network_api,
    "impact": impact_api,
}.items():
    api.add_router(f"/{prefix}/", app_api.router)
