import pytest
from playwright.sync_api import expect

from hall32.core.tests.factories import SchoolFactory
from hall32.outreach.models import ClassBooking
from hall32.outreach.tests.factories import EventFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_teacher_books_a_class_from_the_public_page_and_sees_the_confirmation(page):
    event = EventFactory(title="Forum des métiers de printemps", capacity=100)
    school = SchoolFactory(name="Collège Lafayette (Clermont-Ferrand)")

    page.goto("/informer/evenements/")
    page.get_by_role("link", name="Forum des métiers de printemps").click()
    page.wait_for_url(f"**{event.get_absolute_url()}")
    page.get_by_label("Votre prénom").fill("Claire")
    page.get_by_label("Votre nom").fill("Dumas")
    page.get_by_label("Votre courriel professionnel").fill("claire.dumas@college.example")
    page.locator("#id_class_name").fill("3e B")
    page.get_by_label("Filles").fill("13")
    page.get_by_label("Garçons").fill("12")
    # The searchable school list last: its dropdown keeps the focus for a moment after a choice.
    page.locator("#id_school-ts-control").fill("Lafayette")
    page.get_by_role("listbox").get_by_role("option", name="Collège Lafayette (Clermont-Ferrand)").click()
    expect(page.locator("#id_school")).to_have_value(str(school.pk))
    # Tom Select may reopen its list while the search it was typed into settles; Escape closes it
    # and keeps the choice, as a keyboard user would.
    page.keyboard.press("Escape")
    expect(page.get_by_role("listbox")).to_be_hidden()
    page.get_by_label("J'accepte que Hall 32").check()
    expect(page.get_by_label("Garçons")).to_have_value("12")
    page.get_by_role("button", name="Réserver").click()

    page.wait_for_url("**/informer/reservations/**")
    expect(page.get_by_text("La classe 3e B est inscrite.")).to_be_visible()
    expect(page.get_by_text("Réservation confirmée")).to_be_visible()
    booking = ClassBooking.objects.get()
    assert booking.pupils == 25 and booking.status == ClassBooking.Status.CONFIRMED
    assert booking.school == school


def test_a_teacher_books_from_the_home_page_then_cancels_through_the_confirmation_page(
    page, login_in_browser, make_user
):
    from hall32.core.roles import Role
    from hall32.core.tests.factories import TEST_PASSWORD, PersonFactory

    school = SchoolFactory(name="Collège Jules-Ferry (Riom)")
    teacher = make_user(
        Role.TEACHER,
        username="claire",
        person=PersonFactory(
            first_name="Claire", last_name="Dumas", email="claire.dumas@college.example", organisation=school
        ),
    )
    event = EventFactory(title="Forum des métiers d'hiver", capacity=100)
    login_in_browser("claire", TEST_PASSWORD)

    page.goto("/")
    page.get_by_role("link", name="Réserver une classe").click()
    page.get_by_role("link", name="Forum des métiers d'hiver").click()
    page.wait_for_url(f"**{event.get_absolute_url()}")
    expect(page.get_by_label("Votre courriel professionnel")).to_have_value("claire.dumas@college.example")
    expect(page.locator("#id_school")).to_have_value(str(school.pk))
    page.locator("#id_class_name").fill("3e C")
    page.get_by_label("Filles").fill("11")
    page.get_by_label("Garçons").fill("13")
    page.get_by_label("J'accepte que Hall 32").check()
    page.get_by_role("button", name="Réserver").click()
    page.wait_for_url("**/informer/reservations/**")
    expect(page.get_by_text("La classe 3e C est inscrite.")).to_be_visible()
    booking = ClassBooking.objects.get()
    assert booking.teacher == teacher.person and booking.pupils == 24

    page.goto("/")
    upcoming = page.get_by_role("listitem").filter(has_text="3e C")
    expect(upcoming).to_have_count(1)
    upcoming.get_by_role("link", name="Forum des métiers d'hiver").click()
    page.get_by_role("link", name="Annuler la réservation").click()
    expect(page.get_by_role("link", name="Retour")).to_be_visible()
    page.get_by_label("Je confirme cette action").check()
    page.get_by_role("button", name="Annuler la réservation").click()

    page.wait_for_url(f"**{booking.get_absolute_url()}")
    expect(page.get_by_text("Réservation annulée. Merci de nous avoir prévenus.")).to_be_visible()
    expect(page.get_by_text("Cette réservation est annulée.")).to_be_visible()
    expect(page.get_by_role("link", name="Annuler la réservation")).to_have_count(0)
    booking.refresh_from_db()
    assert booking.status == ClassBooking.Status.CANCELLED
    page.goto("/")
    expect(page.get_by_role("listitem").filter(has_text="3e C")).to_have_count(0)
    expect(page.get_by_text("Aucune venue prévue.")).to_be_visible()
