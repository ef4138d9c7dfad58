"""French (or English) error pages; the API has its own JSON errors."""

from django.http import HttpRequest, HttpResponse, HttpResponseServerError
from django.shortcuts import render
from django.template import loader


def not_found(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return render(request, "404.html", status=404)


def forbidden(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return render(request, "403.html", status=403)


def server_error(request: HttpRequest) -> HttpResponse:
    # Without the request's context: the error may be the database's, which the context
    # processors (the menu, the signed-in user) would need again.
    return HttpResponseServerError(loader.get_template("500.html").render())
