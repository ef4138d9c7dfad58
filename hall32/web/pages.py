"""Helpers every app's views use: permission checks, HTMX fragments, errors onto forms."""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext as _

from hall32.core.errors import DomainError
from hall32.core.models import Job
from hall32.core.services import Rows, errors_from


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
    """The shared one-form page (web/form_page.html): a title, the form and a cancel link; `extra`
    fills its optional parts (`intro`, `submit_label`)."""
    context = {"form": form, "title": title, "cancel_href": cancel_href, **extra}
    return render(request, "web/form_page.html", context, status=status)


def edit_page(
    request: HttpRequest,
    form: forms.Form,
    *,
    save: Callable[[], Any],
    success: str,
    title: str,
    cancel_href: str,
    then: Callable[[Any], Any] = lambda saved: saved,
    **extra: Any,
) -> HttpResponse:
    """A record's create or edit page (the two are one): on a valid POST the service `save`s it and
    the browser goes to `then(saved)` (the record itself by default), where `success` is said;
    otherwise the form page, with the service's refusal on the form."""
    if request.method == "POST":
        saved = save_form(request, form, save, success)
        if saved is not None:
            return redirect(then(saved))
    return form_page(request, form, title=title, cancel_href=cancel_href, **extra)


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
    """The shared confirmation page (web/confirm.html) shown before anything destructive; `extra`
    fills its optional parts (`warning`, `danger_class`)."""
    context = {
        "form": form,
        "title": title,
        "danger_label": danger_label,
        "cancel_href": cancel_href,
        **extra,
    }
    return render(request, "web/confirm.html", context, status=status)


def feed_link_page(request: HttpRequest, raw: str, *, feed: str, title: str, back_href: str) -> HttpResponse:
    """The page that shows a new calendar link once (its secret is not kept): `feed` is the URL
    name of the feed, which takes the secret."""
    url = request.build_absolute_uri(reverse(feed, args=[raw]))
    context = {
        "title": title,
        "url": url,
        "webcal_url": "webcal://" + url.split("://", 1)[1],
        "back_href": back_href,
    }
    return render(request, "web/feed_link.html", context)


def form_row(form: forms.ModelForm) -> tuple[Any, dict[str, Any]]:
    """A valid model form's instance, unsaved, and the values of its many-to-many fields, for a
    service to write (core.services.Rows)."""
    row = form.save(commit=False)
    names = {f.name for f in row._meta.many_to_many}
    return row, {name: value for name, value in form.cleaned_data.items() if name in names}


def formset_rows(formset: Any) -> Rows:
    """What a valid model formset asks for, built and not written: the changed and new rows, the
    rows ticked for deletion."""
    built = {id(row) for row in formset.save(commit=False)}  # writes nothing; lists the deletions
    saved = [form_row(form) for form in formset.forms if id(form.instance) in built]
    return Rows(saved=saved, deleted=list(formset.deleted_objects))


def _linked(message: str, link: str | None) -> str:
    """The message, and a link to the record it names (a duplicate), both escaped."""
    if not link:
        return message
    return format_html('{} <a href="{}">{}</a>', message, link, _("Voir la fiche"))


def form_error(form: forms.Form, error: DomainError | ValidationError) -> None:
    """Put a service's refusal next to the field it concerns (or on top of the form)."""
    if isinstance(error, DomainError):
        for field, messages_ in error.errors.items():
            for message in messages_:
                form.add_error(field if field in form.fields else None, _linked(message, error.link))
        return
    for field, messages_ in errors_from(error).items():
        target = field if field in form.fields else None
        for message in messages_:
            form.add_error(target, message)


@dataclass(frozen=True)
class Attempt:
    """What a service run behind a page did: its result, or its refusal (then it is falsy)."""

    result: Any = None
    error: DomainError | None = None

    def __bool__(self) -> bool:
        return self.error is None


def attempt(action: Callable[[], Any], *, denied: bool = False) -> Attempt:
    """Run a service and hand back its refusal instead of raising it, for a view that shows it its
    own way (a fragment, a preview). With `denied`, a refusal for lack of rights is a 403 page:
    the service knows who may act on which record, and the user reached a button not meant for them."""
    try:
        return Attempt(result=action())
    except DomainError as error:
        _deny(error, denied)
        return Attempt(error=error)


def _deny(error: DomainError | ValidationError, denied: bool) -> None:
    if denied and isinstance(error, DomainError) and error.status_code == 403:
        raise PermissionDenied from None


def run_action(
    request: HttpRequest,
    action: Callable[[], Any],
    success: str | Callable[[Any], str] | None = None,
    *,
    refused: str = "%(why)s",
    denied: bool = False,
) -> Attempt:
    """Run a service behind a button, where no form carries its errors: its refusal (within
    `refused`), or the success message (a string, or a function of the service's result; none for
    a job that reports itself), is shown on the next page."""
    outcome = attempt(action, denied=denied)
    if outcome.error is not None:
        messages.error(request, refused % {"why": outcome.error.message})
    elif success is not None:
        messages.success(request, success(outcome.result) if callable(success) else success)
    return outcome


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


def save_form(
    request: HttpRequest,
    form: forms.Form,
    action: Callable[[], Any],
    success: str | Callable[[Any], str] | None,
    *,
    also: Iterable[Any] = (),
    on_error: Callable[[DomainError | ValidationError], None] | None = None,
    denied: bool = False,
) -> Any | None:
    """Run a service for a valid form (and valid formsets `also`); on refusal put the errors on the
    form (or where `on_error` puts them) and return None. `success` is said on the next page: a
    string, a function of the service's result, or None when the view words it itself."""
    valid = [f.is_valid() for f in (form, *also)]  # each one, so that every form shows its errors
    if not all(valid):
        return None
    try:
        result = action()
    except (DomainError, ValidationError) as error:
        _deny(error, denied)
        (on_error or functools.partial(form_error, form))(error)
        return None
    if success is not None:
        messages.success(request, success(result) if callable(success) else success)
    return result
