"""Request middleware: attribute audited changes to the signed-in user."""

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse

from hall32.core import audit


class AuditActorMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = getattr(request, "user", None)
        with audit.acting_as(user if user is not None and user.is_authenticated else None):
            return self.get_response(request)
