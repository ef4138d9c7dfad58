"""Introductions: proposed from an assignment, followed (interview, accepted, refused, withdrawn)
with an e-mail to both sides at each step; an accepted one opens a draft contract pre-filled from
both sides, and an offer whose places are all taken leaves the other proposals."""

import datetime as dt

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from hall32.core.tests.factories import PersonFactory
from hall32.network.errors import NetworkError
from hall32.network.models import Introduction, Offer
from hall32.network.services import matching as services
from hall32.network.tests.factories_matching import START, OfferFactory, candidate
from hall32.training.models import Contract
from hall32.training.tests.factories import CourseFactory

pytestmark = pytest.mark.django_db
Status = Introduction.Status


@pytest.fixture
def course():
    return CourseFactory(rncp_code="RNCP2", duration_months=24, training_hours=1350)


@pytest.fixture
def offer(course):
    tutor = PersonFactory(first_name="Marc", last_name="Tuteur", birth_date=dt.date(1975, 1, 1))
    return OfferFactory(course=course, places=1, tutor=tutor, title="Apprenti·e technicien·ne de maintenance")


def _propose(person, offer, capture, by=None) -> Introduction:
    with capture(execute=True):
        return services.introduction_propose(person=person, offer=offer, by=by)


def _move(introduction, status, capture, **extra) -> Introduction:
    with capture(execute=True):
        return services.introduction_transition(introduction=introduction, status=status, by=None, **extra)


def test_proposing_an_introduction_emails_the_candidate_and_the_company(
    course, offer, coordinator, django_capture_on_commit_callbacks
):
    ana = candidate(course, first_name="Ana", email="ana@example.org")

    introduction = _propose(ana, offer, django_capture_on_commit_callbacks, by=coordinator)

    assert introduction.status == Status.PROPOSED and introduction.proposed_by == coordinator
    assert sorted(m.to[0] for m in mail.outbox) == sorted(["ana@example.org", offer.contact_email])
    assert all(offer.title in m.subject for m in mail.outbox)


def test_the_company_is_written_to_at_its_tutor_when_the_offer_names_no_contact(
    course, offer, django_capture_on_commit_callbacks
):
    Offer.objects.filter(pk=offer.pk).update(contact_email="")
    offer.tutor.email = "marc@entreprise.example"
    offer.tutor.save()

    _propose(candidate(course), offer, django_capture_on_commit_callbacks)

    assert "marc@entreprise.example" in [m.to[0] for m in mail.outbox]


def test_the_same_pair_is_not_proposed_twice(course, offer, django_capture_on_commit_callbacks):
    ana = candidate(course)
    _propose(ana, offer, django_capture_on_commit_callbacks)

    with pytest.raises(NetworkError, match="déjà mis·e en relation"):
        services.introduction_propose(person=ana, offer=offer, by=None)


def test_an_interview_needs_its_date_and_each_step_emails_both_sides(
    course, offer, django_capture_on_commit_callbacks
):
    introduction = _propose(candidate(course), offer, django_capture_on_commit_callbacks)
    with pytest.raises(NetworkError, match="date et l'heure"):
        services.introduction_transition(introduction=introduction, status=Status.INTERVIEW, by=None)
    mail.outbox.clear()

    moved = _move(
        introduction, Status.INTERVIEW, django_capture_on_commit_callbacks, interview_at=timezone.now()
    )

    assert moved.status == Status.INTERVIEW
    assert len(mail.outbox) == 2 and all("Entretien" in m.subject for m in mail.outbox)


def test_a_closed_introduction_moves_no_more(course, offer, django_capture_on_commit_callbacks):
    introduction = _move(
        _propose(candidate(course), offer, django_capture_on_commit_callbacks),
        Status.REFUSED,
        django_capture_on_commit_callbacks,
    )

    with pytest.raises(NetworkError, match="ne peut pas passer"):
        services.introduction_transition(introduction=introduction, status=Status.ACCEPTED, by=None)


def test_an_accepted_introduction_opens_a_draft_contract_pre_filled_from_both_sides(
    course, offer, django_capture_on_commit_callbacks
):
    ana = candidate(course, first_name="Ana")
    introduction = _propose(ana, offer, django_capture_on_commit_callbacks)

    accepted = _move(introduction, Status.ACCEPTED, django_capture_on_commit_callbacks)

    contract = Contract.objects.get(pk=accepted.contract_id)
    assert contract.status == Contract.Status.DRAFT
    assert contract.apprentice == ana
    assert contract.employer == offer.company
    assert contract.course == course
    assert contract.start_date == START
    assert contract.end_date == dt.date(2028, 9, 6)  # the course's 24 months
    assert [(t.person, t.order, t.job_title) for t in contract.tutors.all()] == [
        (offer.tutor, 1, offer.title)
    ]
    assert contract.pay_periods.count() == 2
    assert accepted.decided_at is not None


def test_the_offer_filled_leaves_the_other_proposals_and_the_candidate_leaves_theirs(
    course, offer, django_capture_on_commit_callbacks
):
    ana, bruno = candidate(course, first_name="Ana"), candidate(course, first_name="Bruno")
    elsewhere = OfferFactory(course=course, places=2)
    chosen = _propose(ana, offer, django_capture_on_commit_callbacks)
    rival = _propose(bruno, offer, django_capture_on_commit_callbacks)
    other_of_ana = _propose(ana, elsewhere, django_capture_on_commit_callbacks)
    mail.outbox.clear()

    _move(chosen, Status.ACCEPTED, django_capture_on_commit_callbacks)

    offer.refresh_from_db()
    rival.refresh_from_db()
    other_of_ana.refresh_from_db()
    assert offer.status == Offer.Status.FILLED
    assert rival.status == Status.WITHDRAWN
    assert other_of_ana.status == Status.WITHDRAWN
    assert Offer.objects.get(pk=elsewhere.pk).status == Offer.Status.OPEN
    # Both sides of the acceptance and of each withdrawal are told.
    assert len(mail.outbox) == 6
    with pytest.raises(NetworkError, match="plus ouverte"):
        services.introduction_propose(person=bruno, offer=offer, by=None)


def test_an_offer_with_places_left_stays_open_after_an_acceptance(course, django_capture_on_commit_callbacks):
    roomy = OfferFactory(course=course, places=2)
    ana, bruno = candidate(course), candidate(course)
    first = _propose(ana, roomy, django_capture_on_commit_callbacks)
    second = _propose(bruno, roomy, django_capture_on_commit_callbacks)

    _move(first, Status.ACCEPTED, django_capture_on_commit_callbacks)

    second.refresh_from_db()
    assert Offer.objects.get(pk=roomy.pk).status == Offer.Status.OPEN
    assert second.status == Status.PROPOSED


def test_the_list_searches_filters_and_exports(
    course, offer, as_user, coordinator, django_capture_on_commit_callbacks
):
    _propose(candidate(course, last_name="Aubert"), offer, django_capture_on_commit_callbacks)
    _propose(
        candidate(course, last_name="Blanc"), OfferFactory(course=course), django_capture_on_commit_callbacks
    )
    client = as_user(coordinator)

    found = client.get(reverse("network:introduction_list"), {"q": "Aubert"}).content.decode()
    exported = client.get(reverse("network:introduction_list"), {"format": "csv", "status": "proposed"})

    assert "Aubert" in found and "Blanc" not in found
    assert exported["Content-Type"].startswith("text/csv")
    assert exported.content.decode("utf-8-sig").count("Proposée") == 3  # header, then two rows


def test_the_detail_page_moves_an_introduction_on(
    course, offer, as_user, coordinator, django_capture_on_commit_callbacks
):
    introduction = _propose(candidate(course), offer, django_capture_on_commit_callbacks)
    client = as_user(coordinator)

    with django_capture_on_commit_callbacks(execute=True):
        answer = client.post(
            reverse("network:introduction_detail", args=[introduction.pk]), {"status": Status.ACCEPTED}
        )

    introduction.refresh_from_db()
    assert answer.status_code == 302
    assert introduction.status == Status.ACCEPTED
    page = client.get(introduction.get_absolute_url()).content.decode()
    assert reverse("training:contract_edit", args=[introduction.contract_id]) in page


def test_the_list_page_keeps_its_query_count(
    course, offer, as_user, coordinator, django_assert_max_num_queries, django_capture_on_commit_callbacks
):
    for _ in range(5):
        _propose(candidate(course), OfferFactory(course=course), django_capture_on_commit_callbacks)
    client = as_user(coordinator)

    with django_assert_max_num_queries(12):
        client.get(reverse("network:introduction_list"))


def test_the_draft_contract_opens_on_training_s_contract_form_with_both_sides_filled(
    course, offer, as_user, coordinator, django_capture_on_commit_callbacks
):
    introduction = _propose(candidate(course, first_name="Ana"), offer, django_capture_on_commit_callbacks)
    accepted = _move(introduction, Status.ACCEPTED, django_capture_on_commit_callbacks)

    page = as_user(coordinator).get(reverse("training:contract_edit", args=[accepted.contract_id]))

    form = page.context["form"]
    assert page.status_code == 200
    assert form["apprentice"].value() == introduction.person_id  # admitted, not yet enrolled: still offered
    assert introduction.person in form.fields["apprentice"].queryset
    assert form["employer"].value() == offer.company_id
    assert form["tutor_1"].value() == offer.tutor_id
    assert str(form["start_date"].value()) == str(START)


def test_introductions_and_matching_runs_are_audited(course, offer, django_capture_on_commit_callbacks):
    from hall32.core.audit import is_registered
    from hall32.core.models import AuditEntry
    from hall32.network.models import MatchingRun

    introduction = _propose(candidate(course), offer, django_capture_on_commit_callbacks)
    _move(introduction, Status.REFUSED, django_capture_on_commit_callbacks)

    assert is_registered(MatchingRun)
    entries = AuditEntry.objects.filter(object_id=str(introduction.pk), content_type__model="introduction")
    assert entries.count() == 2
