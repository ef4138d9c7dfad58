import datetime as dt

import pytest
from playwright.sync_api import expect

from hall32.core.roles import Role
from hall32.core.tests.factories import TEST_PASSWORD
from hall32.training.models import Application
from hall32.training.tests.factories import CourseFactory, rubric

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_an_online_application_is_moved_to_interview(page, login_in_browser, make_user):
    CourseFactory(title="Bac Pro Maintenance des systèmes de production connectés")
    make_user(Role.COORDINATOR, username="julien")
    rubric()
    birth = dt.date.today().replace(year=dt.date.today().year - 16)

    # A young person applies, without an account, with a parent's contact.
    page.goto("/former/candidater/")
    page.locator("#id_course").select_option(label="Bac Pro Maintenance des systèmes de production connectés")
    page.locator("#id_first_name").fill("Inès")
    page.locator("#id_last_name").fill("Garcia")
    page.locator("#id_birth_date").fill(birth.isoformat())
    page.locator("#id_email").fill("ines.garcia@example.org")
    page.locator("#id_postcode").fill("63000")
    page.get_by_label("Vous êtes").select_option(label="En 3e")
    page.get_by_label("Comment nous avez-vous connus ?").select_option(label="Journée portes ouvertes")
    page.get_by_label("Votre motivation").fill("Je démonte tout à la maison et je veux réparer des machines.")
    page.locator("#id_guardian_last_name").fill("Garcia")
    page.locator("#id_guardian_email").fill("maman.garcia@example.org")
    page.get_by_label("J'accepte que Hall 32 traite").check()
    page.get_by_role("button", name="Envoyer ma candidature").click()
    page.wait_for_url("**/former/candidature/**")
    expect(page.get_by_text("Candidature envoyée")).to_be_visible()
    application = Application.objects.get()
    assert application.status == "received"

    # The coordinator moves it to the information meeting, then to the interview.
    page.get_by_role("link", name="Se connecter").click()
    page.get_by_label("Identifiant").fill("julien")
    page.get_by_label("Mot de passe").fill(TEST_PASSWORD)
    page.get_by_role("button", name="Se connecter").last.click()
    page.goto(f"/former/admissions/{application.pk}/")
    for step in ["Réunion d'information", "Entretien de motivation"]:
        page.locator("#id_to_status").select_option(label=step)
        page.get_by_role("button", name="Valider l'étape").click()
        expect(page.get_by_text(f"Candidature passée à l'étape « {step} »")).to_be_visible()

    application.refresh_from_db()
    assert application.status == "interview"
    expect(page.get_by_role("heading", name="Noter l'entretien (Grille de test)")).to_be_visible()
