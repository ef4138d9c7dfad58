"""Pages of the impact app."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from hall32.impact import selectors
from hall32.web.pages import require_perm


@require_perm("impact.view_dashboard")
def key_figures(request: HttpRequest) -> HttpResponse:
    figures = selectors.key_figures(years=selectors.years_to_date())
    chart = {
        "labels": [y.label for y in figures["years"]],
        "partner_companies": figures["partner_companies"],
    }
    return render(request, "impact/key_figures.html", {"figures": figures, "chart": chart})
