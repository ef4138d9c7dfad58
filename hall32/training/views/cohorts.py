"""Cohorts: list, detail with attendance and progress, bulk enrolment, import, timetable."""

from __future__ import annotations

import base64
import datetime as dt

from django.contrib import messages
from django.core import signing
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_http_methods

from hall32.training import selectors
from hall32.training.filters import CohortFilter
from hall32.training.forms import BulkEnrolForm, ImportForm, TimetableForm
from hall32.training.importing import read_learners
from hall32.training.models import Cohort
from hall32.training.services import cohorts as services
from hall32.training.services import imports as import_services
from hall32.web.listing import Listing
from hall32.web.pages import attempt, check_perm, form_page, posted, render_page, require_perm, save_form


@require_perm("training.view_cohorts")
def cohort_list(request: HttpRequest) -> HttpResponse:
    listing = Listing(
        request,
        selectors.cohorts.cohort_list(user=request.user),
        filterset_class=CohortFilter,
        sorts={"year": ("school_year", "course__order", "stage"), "code": "code", "learners": "learners"},
        default_sort="-year",
        per_page=30,
    )
    return render_page(
        request, "training/cohort_list.html", {"listing": listing}, fragment="training/_cohort_rows.html"
    )


def _cohort(request: HttpRequest, pk: int) -> Cohort:
    cohort = get_object_or_404(Cohort.objects.select_related("course"), pk=pk)
    if not request.user.is_authenticated:
        raise PermissionDenied
    check_perm(request, "training.view_cohort", cohort)
    return cohort


def cohort_detail(request: HttpRequest, pk: int) -> HttpResponse:
    if not request.user.is_authenticated:
        return redirect(f"/compte/connexion/?next={request.path}")
    cohort = _cohort(request, pk)
    enrolments = list(selectors.cohorts.cohort_enrolments(cohort=cohort))
    stats = selectors.attendance.cohort_stats(cohort_id=cohort.pk)
    rows = [{"enrolment": e, "stats": stats.get(e.person_id)} for e in enrolments]
    return render(
        request,
        "training/cohort_detail.html",
        {
            "cohort": cohort,
            "rows": rows,
            "trainers": cohort.trainers.all(),
            "sessions": cohort.sessions.count(),
            "can_manage": request.user.has_perm("training.manage_cohorts"),
        },
    )


@require_http_methods(["GET", "POST"])
@require_perm("training.manage_cohorts")
def cohort_enrol(request: HttpRequest, pk: int) -> HttpResponse:
    cohort = get_object_or_404(Cohort, pk=pk)
    form = BulkEnrolForm(posted(request))
    if request.method == "POST" and form.is_valid():
        created = save_form(
            request,
            form,
            lambda: services.cohort_enrol_bulk(
                cohort=cohort, people=form.cleaned_data["learners"], status=form.cleaned_data["status"]
            ),
            lambda created: _("%(n)s apprenant·e·s inscrit·e·s.") % {"n": len(created)},
        )
        if created is not None:
            return redirect(cohort)
    return form_page(
        request,
        form,
        title=_("Inscrire des apprenant·e·s : %(c)s") % {"c": cohort.label},
        intro=_("Tous ou aucun : si l'un·e est trop jeune ou déjà inscrit·e, rien n'est enregistré."),
        cancel_href=cohort.get_absolute_url(),
    )


IMPORT_TTL = 30 * 60  # seconds an import preview may be confirmed


def _import_salt(request: HttpRequest, cohort: Cohort) -> str:
    # The signed file is good for one user and one cohort only.
    return f"hall32-import:{request.user.pk}:{cohort.pk}"


def _import_preview(
    request: HttpRequest, cohort: Cohort, form: ImportForm, content: bytes, name: str, **extra
):
    """The preview page: what would be created, updated and refused, and a confirmation that
    carries the very file previewed (signed, so it cannot be swapped) and the plan's fingerprint."""
    result = read_learners(content, name, start=cohort.start_date)
    plan = import_services.learners_import_plan(cohort=cohort, result=result)
    upload = signing.dumps(
        {"name": name, "content": base64.b64encode(content).decode(), "plan": plan.fingerprint},
        salt=_import_salt(request, cohort),
        compress=True,
    )
    context = {"cohort": cohort, "form": form, "result": result, "plan": plan, "upload": upload, **extra}
    return render(request, "training/import.html", context)


@require_http_methods(["GET", "POST"])
@require_perm("training.manage_cohorts")
def cohort_import(request: HttpRequest, pk: int) -> HttpResponse:
    """Upload, preview every line (to create, to update, refused), then confirm: nothing is
    written before, and the confirmation writes exactly what was previewed, or nothing."""
    cohort = get_object_or_404(Cohort, pk=pk)
    if request.method == "POST" and request.POST.get("confirm"):
        try:
            stored = signing.loads(
                request.POST.get("upload", ""), salt=_import_salt(request, cohort), max_age=IMPORT_TTL
            )
            content = base64.b64decode(stored["content"])
        except (signing.BadSignature, KeyError, ValueError, TypeError):
            messages.error(request, _("L'aperçu a expiré : déposez le fichier de nouveau."))
            return redirect("training:cohort_import", pk=pk)
        result = read_learners(content, stored["name"], start=cohort.start_date)
        done = attempt(
            lambda: import_services.learners_import(
                cohort=cohort, result=result, by=request.user, expected=stored["plan"]
            )
        )
        if done.error is not None:
            return _import_preview(request, cohort, ImportForm(), content, stored["name"], refusal=done.error)
        outcome = done.result
        created, updated, enrolled = outcome.created, outcome.updated, len(outcome.enrolments)
        messages.success(
            request,
            _("Import terminé : %(created)s, %(updated)s, %(enrolled)s.")
            % {
                "created": ngettext("%(n)s personne créée", "%(n)s personnes créées", created)
                % {"n": created},
                "updated": ngettext("%(n)s mise à jour", "%(n)s mises à jour", updated) % {"n": updated},
                "enrolled": ngettext("%(n)s inscription", "%(n)s inscriptions", enrolled) % {"n": enrolled},
            },
        )
        return redirect(cohort)
    form = ImportForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        return _import_preview(request, cohort, form, upload.read(), upload.name)
    return render(request, "training/import.html", {"cohort": cohort, "form": form})


@require_http_methods(["GET", "POST"])
def cohort_timetable(request: HttpRequest, pk: int) -> HttpResponse:
    if not request.user.is_authenticated:
        return redirect(f"/compte/connexion/?next={request.path}")
    cohort = _cohort(request, pk)
    form = TimetableForm(posted(request))
    if request.method == "POST":
        check_perm(request, "training.manage_cohorts")
        if form.is_valid():
            trainer = cohort.trainers.first()
            modules = [
                (line.strip(), trainer) for line in form.cleaned_data["modules"].splitlines() if line.strip()
            ]
            count = save_form(
                request,
                form,
                lambda: services.timetable_generate(
                    cohort=cohort, modules=modules, until=form.cleaned_data["until"]
                ),
                lambda count: _("%(n)s séances créées selon le rythme de l'alternance.") % {"n": count},
            )
            if count is not None:
                return redirect("training:cohort_timetable", pk=pk)
    return render(
        request,
        "training/timetable.html",
        {"cohort": cohort, "form": form, "can_manage": request.user.has_perm("training.manage_cohorts")},
    )


def cohort_sessions_json(request: HttpRequest, pk: int) -> JsonResponse:
    """The cohort's sessions for FullCalendar (start/end query parameters)."""
    if not request.user.is_authenticated:
        raise PermissionDenied
    cohort = _cohort(request, pk)
    try:
        start = dt.date.fromisoformat(request.GET.get("start", "")[:10])
        end = dt.date.fromisoformat(request.GET.get("end", "")[:10])
    except ValueError:
        return JsonResponse({"detail": _("Paramètres start et end attendus (AAAA-MM-JJ).")}, status=400)
    sessions = cohort.sessions.filter(date__gte=start, date__lt=end).select_related("trainer", "room")
    return JsonResponse(
        [
            {
                "id": s.pk,
                "title": s.title,
                "start": f"{s.date}T{s.start:%H:%M}",
                "end": f"{s.date}T{s.end:%H:%M}",
                "url": s.get_absolute_url(),
                "extendedProps": {
                    "trainer": s.trainer.full_name if s.trainer else "",
                    "room": s.room.name if s.room else "",
                },
            }
            for s in sessions
        ],
        safe=False,
    )
