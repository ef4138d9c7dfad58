"""Switched to English, each role's main pages carry no French of the interface's own (names and
texts the hub typed in stay as typed)."""

import re

import pytest

from hall32.core.roles import Role

pytestmark = pytest.mark.django_db

# Words of the interface, never of the factories' data.
FRENCH = [
    "système",
    "Reçu",
    "Aucun",
    "Aucune",
    "Enregistrer",
    "Annuler",
    "Modifier",
    "Tableau de bord",
    "semaines",
]
FRENCH_PATTERN = re.compile(r"(?<![\w-])(?:" + "|".join(map(re.escape, FRENCH)) + r")(?![\w-])")
PAGES = [
    (Role.DIRECTION, "/"),
    (Role.COORDINATOR, "/"),
    (Role.COORDINATOR, "/former/programmes/"),
    (Role.COORDINATOR, "/annuaire/organisations/"),
    (Role.OUTREACH_OFFICER, "/"),
    (Role.OUTREACH_OFFICER, "/informer/gestion/"),
    (Role.INDUSTRY_ENGINEER, "/"),
    (Role.INDUSTRY_ENGINEER, "/innover/equipements/"),
    (Role.TRAINER, "/"),
    (Role.LEARNER, "/"),
    (Role.GUARDIAN, "/"),
    (Role.COMPANY_TUTOR, "/"),
    (Role.CLIENT, "/"),
    (Role.TEACHER, "/"),
    (Role.REFERRAL_PARTNER, "/"),
    (Role.LEARNER, "/cette-page-nexiste-pas/"),
]


def visible_text(html: str) -> str:
    html = re.sub(r"<(script|style)\b.*?</\1>", " ", html, flags=re.S)
    html = re.sub(r'<option value="[^"]*"[^>]*lang="fr"[^>]*>.*?</option>', " ", html)
    attributes = " ".join(re.findall(r'(?:title|aria-label|placeholder)="([^"]*)"', html))
    return re.sub(r"<[^>]+>", " ", html) + " " + attributes


@pytest.mark.parametrize(("role", "url"), PAGES)
def test_english_pages_carry_no_french_interface_words(client, make_user, role, url):
    client.force_login(make_user(role))
    client.post("/i18n/setlang/", {"language": "en", "next": "/"})

    page = client.get(url)

    assert page.status_code in {200, 404}
    assert 'lang="en"' in page.content.decode()
    assert FRENCH_PATTERN.findall(visible_text(page.content.decode())) == []
