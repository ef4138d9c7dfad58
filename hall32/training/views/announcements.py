"""Messages from the hub: the coordination posts them, they show on the homes of those concerned."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from hall32.training import selectors
from hall32.training.filters import AnnouncementFilter
from hall32.training.forms import AnnouncementForm
from hall32.training.models import Announcement
from hall32.training.services import announcements as services
from hall32.web.forms import ConfirmForm
from hall32.web.listing import Listing
from hall32.web.pages import confirm_page, form_page, posted, render_page, require_perm, save_form


@require_perm("training.manage_cohorts")
def announcement_list(request: HttpRequest) -> HttpResponse:
    listing = Listing(
        request,
        selectors.homes.announcements(),
        filterset_class=AnnouncementFilter,
        sorts={"date": ("published_on",), "title": "title", "until": "expires_on"},
        default_sort="-date",
    )
    return render_page(
        request,
        "training/announcement_list.html",
        {"listing": listing, "today": timezone.localdate()},
        fragment="training/_announcement_rows.html",
    )


@require_http_methods(["GET", "POST"])
@require_perm("training.manage_cohorts")
def announcement_new(request: HttpRequest) -> HttpResponse:
    form = AnnouncementForm(posted(request))
    if request.method == "POST":
        saved = save_form(
            request,
            form,
            lambda: services.announcement_create(**form.cleaned_data, by=request.user),
            _("Message publié : il s'affiche sur l'accueil des personnes concernées."),
        )
        if saved:
            return redirect("training:announcement_list")
    return form_page(
        request,
        form,
        title=_("Nouveau message du hub"),
        cancel_href=reverse("training:announcement_list"),
        intro=_(
            "Le message s'affiche sur la page d'accueil des destinataires choisis (apprenant·e·s, "
            "parents des mineur·e·s, tuteur·rice·s) de la promotion, ou de toutes les promotions, "
            "entre les deux dates."
        ),
        submit_label=_("Publier"),
    )


@require_http_methods(["GET", "POST"])
@require_perm("training.manage_cohorts")
def announcement_delete(request: HttpRequest, pk: int) -> HttpResponse:
    announcement = get_object_or_404(Announcement, pk=pk)
    form = ConfirmForm(posted(request))
    if request.method == "POST" and form.is_valid():
        services.announcement_delete(announcement=announcement, by=request.user)
        messages.success(request, _("Message retiré."))
        return redirect("training:announcement_list")
    return confirm_page(
        request,
        form,
        title=_("Retirer le message « %(title)s » ?") % {"title": announcement.title},
        warning=_("Il disparaît aussitôt de toutes les pages d'accueil."),
        danger_label=_("Retirer le message"),
        cancel_href=reverse("training:announcement_list"),
    )
