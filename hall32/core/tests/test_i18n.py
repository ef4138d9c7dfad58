from pathlib import Path

from babel.messages.pofile import read_po

from hall32.core.roles import Role

CATALOGUE = Path(__file__).resolve().parents[2] / "locale" / "en" / "LC_MESSAGES" / "django.po"


def test_the_english_catalogue_translates_every_string():
    with CATALOGUE.open("rb") as handle:
        catalog = read_po(handle, locale="en")

    missing = [
        m.id
        for m in catalog
        if m.id and (not m.string or m.fuzzy or (isinstance(m.string, tuple) and not all(m.string)))
    ]
    assert missing == []


def test_pages_speak_french_by_default_and_english_on_request(as_user, make_user):
    client = as_user(make_user(Role.DIRECTION))

    assert "Tableau de bord" in client.get("/").content.decode()

    client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    english = client.get("/").content.decode()
    assert "Dashboard" in english
    assert 'lang="en"' in english


def test_french_formats_for_dates_and_numbers(as_user, make_user):
    from django.template import Context, Template

    rendered = Template("{% load hall32 %}{{ n|fr_number }} {{ r|percent }}").render(
        Context({"n": 12345, "r": 0.537})
    )

    assert rendered == "12\xa0345 54\u202f%"


def test_english_pages_write_numbers_and_percentages_the_english_way():
    from django.template import Context, Template
    from django.utils import translation

    with translation.override("en"):
        rendered = Template("{% load hall32 %}{{ n|fr_number }} {{ r|percent:1 }}").render(
            Context({"n": 12345, "r": 0.537})
        )

    assert rendered == "12,345 53.7%"
