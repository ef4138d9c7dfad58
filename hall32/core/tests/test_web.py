"""The view helpers every app uses for button actions and background jobs."""

import pytest
from django import forms
from django.contrib.messages import get_messages
from django.contrib.messages.storage.fallback import FallbackStorage
from django.test import RequestFactory

from hall32.core.errors import DomainError
from hall32.core.models import Job
from hall32.web.pages import attempt, report_job, run_action, save_form


def request():
    made = RequestFactory().post("/")
    made.session = {}
    made._messages = FallbackStorage(made)
    return made


def said(made):
    return [(m.level_tag, str(m)) for m in get_messages(made)]


def test_an_action_that_succeeds_says_so_with_its_result():
    made = request()

    done = run_action(made, lambda: [1, 2, 3], lambda rows: f"{len(rows)} créées")

    assert done and done.result == [1, 2, 3] and said(made) == [("success", "3 créées")]


def test_an_action_refused_by_its_service_shows_the_rule_and_no_success():
    made = request()

    def refuse():
        raise DomainError("Ce créneau est déjà pris.")

    done = run_action(made, refuse, "Réservé.")

    assert not done and said(made) == [("error", "Ce créneau est déjà pris.")]


def test_a_refusal_can_be_worded_within_a_sentence_of_the_page():
    made = request()

    def refuse():
        raise DomainError("atelier plein")

    run_action(made, refuse, "Modifié.", refused="Modification refusée : %(why)s")

    assert said(made) == [("error", "Modification refusée : atelier plein")]


def test_a_refusal_for_lack_of_rights_is_a_403_where_the_view_says_so():
    from django.core.exceptions import PermissionDenied

    from hall32.core.errors import Forbidden

    def refuse():
        raise Forbidden("Vous ne formez pas cette promotion.")

    assert not attempt(refuse)
    with pytest.raises(PermissionDenied):
        run_action(request(), refuse, "Fait.", denied=True)


class NameForm(forms.Form):
    name = forms.CharField()


def test_a_form_is_saved_only_when_its_formsets_are_valid_too():
    made = request()
    formset = forms.formset_factory(NameForm, min_num=1, validate_min=True)(
        {"form-TOTAL_FORMS": "1", "form-INITIAL_FORMS": "0"}
    )
    called = []

    saved = save_form(
        made, NameForm({"name": "Ligne A"}), lambda: called.append(1), "Enregistré.", also=[formset]
    )

    assert saved is None and called == [] and not formset.is_valid() and said(made) == []


def test_a_refused_form_can_place_the_errors_itself():
    made = request()
    placed = []

    def refuse():
        raise DomainError("Débit impossible.", field="stations.2.process")

    saved = save_form(made, NameForm({"name": "Ligne A"}), refuse, "Enregistré.", on_error=placed.append)

    assert saved is None and [e.message for e in placed] == ["Débit impossible."] and said(made) == []


def test_a_saved_form_says_a_message_worded_from_the_result():
    made = request()

    saved = save_form(made, NameForm({"name": "Ligne A"}), lambda: 3, lambda n: f"{n} séances créées.")

    assert saved == 3 and said(made) == [("success", "3 séances créées.")]


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("status", "result", "message", "expected", "finished"),
    [
        (Job.Status.PENDING, {}, "", ("info", "Lancé."), False),
        (Job.Status.SUCCEEDED, {"message": "Optimal en 2 s."}, "", ("success", "Optimal en 2 s."), True),
        (Job.Status.SUCCEEDED, {}, "", ("success", "Calculé."), True),
        (
            Job.Status.FAILED,
            {},
            "atelier Robotique : 3 places manquent",
            ("error", "Impossible : atelier Robotique : 3 places manquent"),
            True,
        ),
    ],
)
def test_a_started_job_is_reported_as_queued_done_or_failed(status, result, message, expected, finished):
    job = Job.objects.create(kind="test")
    Job.objects.filter(pk=job.pk).update(status=status, result=result, message=message)  # as the worker would
    made = request()

    answer = report_job(made, job, done="Calculé.", queued="Lancé.", failed="Impossible : %(why)s")

    assert answer is finished and said(made) == [expected]


def test_the_confirmation_page_pairs_its_danger_button_with_a_plain_way_back(rf):
    from django.contrib.auth.models import AnonymousUser

    from hall32.web.forms import ConfirmForm
    from hall32.web.pages import confirm_page

    made = rf.get("/")
    made.user = AnonymousUser()

    page = confirm_page(
        made, ConfirmForm(), title="Annuler ?", danger_label="Annuler la réservation", cancel_href="/retour/"
    ).content.decode()

    assert '<button type="submit" class="btn btn-danger">Annuler la réservation</button>' in page
    assert '<a class="btn btn-outline-secondary" href="/retour/">Retour</a>' in page
    assert ">Annuler</a>" not in page  # two "Annuler" buttons side by side would mean opposite things
