"""Request middleware: attribute audited changes to the signed-in user."""

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse

from hall32.core import audit


class AuditActorMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        # request.user stays lazy (audit.record asks is_authenticated when it writes): loading it
        # here would reach the database before the view, so a database outage would surface in
        # the middleware, where the API cannot answer it in JSON.
        with audit.acting_as(getattr(request, "user", None)):
            return self.get_response(request)
