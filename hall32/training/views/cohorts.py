"""Cohorts: list, detail with attendance and progress, bulk enrolment, import, timetable."""

from __future__ import annotations

import datetime as dt
import uuid

import django_filters
from django.contrib import messages
from django.core.cache import cache
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods

from hall32.core.errors import DomainError
from hall32.core.listing import Listing, SearchFilterSet
from hall32.core.web import check_perm, form_error, form_page, posted, render_page, require_perm
from hall32.training import selectors
from hall32.training.forms import BulkEnrolForm, ImportForm, TimetableForm
from hall32.training.importing import read_learners
from hall32.training.models import Cohort, Course
from hall32.training.services import cohorts as services


class CohortFilter(SearchFilterSet):
    search_fields = ("code", "course__title")
    course = django_filters.ModelChoiceFilter(
        queryset=Course.objects.all(), label=gettext_lazy("Formation"), empty_label=gettext_lazy("Toutes")
    )
    school_year = django_filters.NumberFilter(label=gettext_lazy("Année de rentrée"))

    class Meta:
        model = Cohort
        fields = ["q", "course", "school_year"]


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
        try:
            created = services.cohort_enrol_bulk(
                cohort=cohort, people=form.cleaned_data["learners"], status=form.cleaned_data["status"]
            )
        except DomainError as error:
            form_error(form, error)
        else:
            messages.success(request, _("%(n)s apprenant·e·s inscrit·e·s.") % {"n": len(created)})
            return redirect(cohort)
    return form_page(
        request,
        form,
        title=_("Inscrire des apprenant·e·s : %(c)s") % {"c": cohort.label},
        intro=_("Tous ou aucun : si l'un·e est trop jeune ou déjà inscrit·e, rien n'est enregistré."),
        cancel_href=cohort.get_absolute_url(),
    )


IMPORT_TTL = 30 * 60


@require_http_methods(["GET", "POST"])
@require_perm("training.manage_cohorts")
def cohort_import(request: HttpRequest, pk: int) -> HttpResponse:
    """Upload, preview every row and every error, then confirm: nothing is written before."""
    cohort = get_object_or_404(Cohort, pk=pk)
    if request.method == "POST" and request.POST.get("confirm"):
        key = request.POST.get("upload", "")
        stored = cache.get(f"hall32-import:{request.user.pk}:{key}")
        if stored is None:
            messages.error(request, _("L'aperçu a expiré : déposez le fichier de nouveau."))
            return redirect("training:cohort_import", pk=pk)
        result = read_learners(stored["content"], stored["name"], start=cohort.start_date)
        if not result.ok:
            messages.error(request, _("Le fichier contient des erreurs : rien n'a été importé."))
            return redirect("training:cohort_import", pk=pk)
        try:
            created = services.learners_import(cohort=cohort, rows=result.rows, by=request.user)
        except DomainError as error:
            messages.error(
                request, _("Import refusé, rien n'a été enregistré : %(why)s") % {"why": error.message}
            )
            return redirect("training:cohort_import", pk=pk)
        cache.delete(f"hall32-import:{request.user.pk}:{key}")
        messages.success(request, _("%(n)s apprenant·e·s importé·e·s.") % {"n": len(created)})
        return redirect(cohort)
    form = ImportForm(request.POST or None, request.FILES or None)
    preview = key = None
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        content = upload.read()
        preview = read_learners(content, upload.name, start=cohort.start_date)
        key = uuid.uuid4().hex
        cache.set(
            f"hall32-import:{request.user.pk}:{key}", {"content": content, "name": upload.name}, IMPORT_TTL
        )
    return render(
        request,
        "training/import.html",
        {"cohort": cohort, "form": form, "preview": preview, "upload": key},
        status=200,
    )


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
            try:
                count = services.timetable_generate(
                    cohort=cohort, modules=modules, until=form.cleaned_data["until"]
                )
            except DomainError as error:
                form_error(form, error)
            else:
                messages.success(
                    request, _("%(n)s séances créées selon le rythme de l'alternance.") % {"n": count}
                )
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
