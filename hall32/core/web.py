"""Helpers every app's views use: permission checks, HTMX fragments, errors onto forms."""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from hall32.core.errors import DomainError
from hall32.core.models import Job
from hall32.core.services import errors_from


def require_perm(perm: str) -> Callable[[Callable[..., HttpResponse]], Callable[..., HttpResponse]]:
    """Anonymous users go to the login page; signed-in users without `perm` get a 403."""

    def decorator(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
        @functools.wraps(view)
        def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
            if not request.user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            if not request.user.has_perm(perm):
                raise PermissionDenied
            return view(request, *args, **kwargs)

        return wrapped

    return decorator


def posted(request: HttpRequest) -> Any:
    """The POST data of a POST (even empty, so that the form shows its errors), else None."""
    return request.POST if request.method == "POST" else None


def check_perm(request: HttpRequest, perm: str, obj: Any = None) -> None:
    if not request.user.has_perm(perm, obj):
        raise PermissionDenied


def render_page(
    request: HttpRequest,
    template: str,
    context: dict[str, Any],
    *,
    fragment: str | None = None,
    target: str = "list-results",
    status: int = 200,
) -> HttpResponse:
    """The whole page, or only `fragment` when HTMX asks for the `target` element."""
    htmx = getattr(request, "htmx", None)
    if fragment and htmx and htmx.target == target:
        return render(request, fragment, context, status=status)
    return render(request, template, context, status=status)


def form_page(
    request: HttpRequest,
    form: forms.Form,
    *,
    title: str,
    cancel_href: str,
    status: int = 200,
    **extra: Any,
) -> HttpResponse:
    """The shared one-form page (core/form_page.html): a title, the form and a cancel link; `extra`
    fills its optional parts (`intro`, `submit_label`)."""
    context = {"form": form, "title": title, "cancel_href": cancel_href, **extra}
    return render(request, "core/form_page.html", context, status=status)


def confirm_page(
    request: HttpRequest,
    form: forms.Form,
    *,
    title: str,
    danger_label: str,
    cancel_href: str,
    status: int = 200,
    **extra: Any,
) -> HttpResponse:
    """The shared confirmation page (core/confirm.html) shown before anything destructive; `extra`
    fills its optional parts (`warning`, `danger_class`)."""
    context = {
        "form": form,
        "title": title,
        "danger_label": danger_label,
        "cancel_href": cancel_href,
        **extra,
    }
    return render(request, "core/confirm.html", context, status=status)


def form_error(form: forms.Form, error: DomainError | ValidationError) -> None:
    """Put a service's refusal next to the field it concerns (or on top of the form)."""
    if isinstance(error, DomainError):
        for field, messages_ in error.errors.items():
            for message in messages_:
                form.add_error(field if field in form.fields else None, message)
        return
    for field, messages_ in errors_from(error).items():
        target = field if field in form.fields else None
        for message in messages_:
            form.add_error(target, message)


def run_action(request: HttpRequest, action: Callable[[], Any], success: str | Callable[[Any], str]) -> bool:
    """Run a service behind a button, where no form carries its errors: its refusal, or the success
    message (a string, or a function of the service's result), is shown on the next page."""
    try:
        result = action()
    except DomainError as error:
        messages.error(request, error.message)
        return False
    messages.success(request, success(result) if callable(success) else success)
    return True


def report_job(request: HttpRequest, job: Job, *, done: str, queued: str, failed: str = "%(why)s") -> bool:
    """Say how a background job just started stands: finished already (eager mode, the job ran at
    commit) with its result or its failure, or queued. Returns whether it has finished."""
    job.refresh_from_db()
    if not job.is_finished:
        messages.info(request, queued)
        return False
    if job.status == Job.Status.SUCCEEDED:
        messages.success(request, job.result.get("message", done))
    else:
        messages.error(request, failed % {"why": job.message})
    return True


def save_form(request: HttpRequest, form: forms.Form, action: Callable[[], Any], success: str) -> Any | None:
    """Run a service for a valid form; on refusal put the errors on the form and return None."""
    if not form.is_valid():
        return None
    try:
        result = action()
    except (DomainError, ValidationError) as error:
        form_error(form, error)
        return None
    messages.success(request, success)
    return result
