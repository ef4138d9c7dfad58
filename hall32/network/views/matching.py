"""Pages of the network app: matching candidates to offers (the runs, their two assignments side by
side, the hand adjustment) and the introductions that follow."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from hall32.core.models import Person
from hall32.network.filters import IntroductionFilter
from hall32.network.forms import IntroductionStepForm
from hall32.network.models import Introduction, MatchingAssignment, MatchingRun, Offer
from hall32.network.selectors import matching as selectors
from hall32.network.services import matching as services
from hall32.web import exports
from hall32.web.listing import Listing
from hall32.web.pages import posted, render_page, report_job, require_perm, run_action, save_form

Algorithm = MatchingAssignment.Algorithm


@require_perm("network.run_matching")
def matching_home(request: HttpRequest) -> HttpResponse:
    problem = selectors.matching_problem()
    offers = sorted(problem.offers, key=lambda o: problem.offer_rows[o.id].start_date)
    return render(
        request,
        "network/matching/home.html",
        {
            "candidates": sorted(problem.people.values(), key=lambda c: (c.last_name, c.first_name)),
            "profiles": {c.id: c for c in problem.candidates},
            "offers": [(problem.offer_rows[o.id], o.capacity) for o in offers],
            "places": problem.places,
            "runs": selectors.matching_runs()[:20],
        },
    )


@require_POST
@require_perm("network.run_matching")
def matching_start(request: HttpRequest) -> HttpResponse:
    started = run_action(request, lambda: services.matching_run_start(by=request.user))
    if not started:
        return redirect("network:matching_home")
    run = started.result
    if run.job is not None:
        finished = report_job(
            request,
            run.job,
            done=_("Placement calculé."),
            queued=_("Calcul lancé ; la page suit son avancement."),
        )
        if finished:
            run.refresh_from_db()
    return redirect(run)


@require_perm("network.run_matching")
def matching_run(request: HttpRequest, pk: int) -> HttpResponse:
    run = get_object_or_404(selectors.matching_runs(), pk=pk)
    job = run.job if run.job and not run.job.is_finished else None
    people = selectors.run_people(run=run)
    views = {
        a: selectors.assignment_view(run=run, algorithm=a, people=people)
        for a in (Algorithm.OPTIMAL, Algorithm.STABLE, Algorithm.MANUAL)
    }
    optimal, stable = views[Algorithm.OPTIMAL], views[Algorithm.STABLE]
    introduced = selectors.open_introductions_by_pair(run=run)
    for view in views.values():
        for column in view.offers if view else ():
            for row in column.rows:
                row.introduction = introduced.get((row.person_id, row.offer_id))
    open_offers = (
        selectors.open_offers().order_by("company__name", "title") if views[Algorithm.MANUAL] else []
    )
    return render(
        request,
        "network/matching/run.html",
        {
            "run": run,
            "job": job if run.status == MatchingRun.Status.PENDING else None,
            "columns": [v for v in (optimal, stable) if v is not None],
            "manual": views[Algorithm.MANUAL],
            "greedy": (run.summary or {}).get("greedy"),
            "difference": (
                {
                    "placed": optimal.placed - stable.placed,
                    "score": round(optimal.total_score - stable.total_score, 1),
                }
                if optimal and stable
                else None
            ),
            "open_offers": open_offers,
            "people": dict(sorted(people.items(), key=lambda item: item[1])),
        },
    )


@require_POST
@require_perm("network.run_matching")
def matching_adjust(request: HttpRequest, pk: int) -> HttpResponse:
    run = get_object_or_404(MatchingRun, pk=pk)
    run_action(
        request,
        lambda: services.matching_adjust_start(
            run=run, algorithm=request.POST.get("algorithm", ""), by=request.user
        ),
        _("Affectation copiée : déplacez les candidat·es, chaque changement est vérifié."),
    )
    return redirect(reverse("network:matching_run", args=[run.pk]) + "#manual")


@require_POST
@require_perm("network.run_matching")
def matching_move(request: HttpRequest, pk: int) -> HttpResponse:
    run = get_object_or_404(MatchingRun, pk=pk)
    person = get_object_or_404(Person, pk=request.POST.get("person") or 0)
    offer_id = request.POST.get("offer") or ""
    offer = get_object_or_404(Offer, pk=offer_id) if offer_id.isdigit() else None
    run_action(
        request,
        lambda: services.matching_adjust_move(run=run, person=person, offer=offer, by=request.user),
        (
            _("%(name)s placé·e sur « %(offer)s ».") % {"name": person, "offer": offer.title}
            if offer
            else _("%(name)s retiré·e de l'affectation.") % {"name": person}
        ),
        refused=_("Changement refusé : %(why)s"),
    )
    return redirect(reverse("network:matching_run", args=[run.pk]) + "#manual")


@require_POST
@require_perm("network.manage_introductions")
def introduction_propose(request: HttpRequest) -> HttpResponse:
    person = get_object_or_404(Person, pk=request.POST.get("person") or 0)
    offer = get_object_or_404(Offer, pk=request.POST.get("offer") or 0)
    run_id = request.POST.get("run") or ""
    run = MatchingRun.objects.filter(pk=run_id).first() if run_id.isdigit() else None
    done = run_action(
        request,
        lambda: services.introduction_propose(person=person, offer=offer, run=run, by=request.user),
        _("Mise en relation proposée : %(name)s et %(company)s sont prévenus par courriel.")
        % {"name": person, "company": offer.company},
    )
    if run is not None:
        return redirect(run)
    return redirect(done.result if done else "network:introduction_list")


@require_perm("network.manage_introductions")
def introduction_list(request: HttpRequest) -> HttpResponse:
    listing = Listing(
        request,
        selectors.introductions(),
        filterset_class=IntroductionFilter,
        sorts={
            "created": "created_at",
            "person": ("person__last_name", "person__first_name"),
            "company": ("offer__company__name", "offer__title"),
            "status": "status",
            "score": "score",
        },
        default_sort="-created",
    )
    if request.GET.get("format") == "csv":
        rows = listing.filterset.qs if listing.filterset is not None else selectors.introductions()
        return exports.csv_response(
            "hall32-mises-en-relation.csv",
            [
                [_("Candidat·e"), _("Entreprise"), _("Offre"), _("Statut"), _("Score"), _("Proposée le")],
                *(
                    [
                        i.person.full_name,
                        i.offer.company.name,
                        i.offer.title,
                        i.get_status_display(),
                        "" if i.score is None else f"{i.score:.1f}".replace(".", ","),
                        i.created_at.date().isoformat(),
                    ]
                    for i in rows
                ),
            ],
        )
    return render_page(
        request,
        "network/matching/introduction_list.html",
        {"listing": listing},
        fragment="network/matching/_introduction_results.html",
    )


@require_http_methods(["GET", "POST"])
@require_perm("network.manage_introductions")
def introduction_detail(request: HttpRequest, pk: int) -> HttpResponse:
    introduction = get_object_or_404(selectors.introductions(), pk=pk)
    form = IntroductionStepForm(posted(request), next_statuses=services.NEXT_STATUSES[introduction.status])
    if request.method == "POST":
        saved = save_form(
            request,
            form,
            lambda: services.introduction_transition(
                introduction=introduction,
                status=form.cleaned_data["status"],
                interview_at=form.cleaned_data.get("interview_at"),
                notes=form.cleaned_data.get("notes") or "",
                by=request.user,
            ),
            lambda i: (
                _("Mise en relation : %(status)s. Les deux parties sont prévenues par courriel.")
                % {"status": i.get_status_display()}
            ),
        )
        if saved is not None:
            return redirect(saved)
    return render(
        request,
        "network/matching/introduction_detail.html",
        {
            "introduction": introduction,
            "form": form if services.NEXT_STATUSES[introduction.status] else None,
            "open": introduction.status in Introduction.OPEN_STATUSES,
        },
        status=400 if request.method == "POST" else 200,
    )
