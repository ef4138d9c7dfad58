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


def test_french_takes_the_singular_for_zero_and_one_and_english_the_plural_for_zero():
    """No French catalogue would leave plurals to the English rule (« 0 visiteurs inscrits »):
    compile_translations derives one from the English catalogue's plural messages."""
    from django.template import Context, Template
    from django.utils import translation

    template = Template(
        "{% load i18n %}{% blocktranslate count n=n %}{{ n }} visiteur inscrit{% plural %}"
        "{{ n }} visiteurs inscrits{% endblocktranslate %}"
    )

    def said(language: str, n: int) -> str:
        with translation.override(language):
            return template.render(Context({"n": n}))

    assert [said("fr", n) for n in (0, 1, 2)] == [
        "0 visiteur inscrit",
        "1 visiteur inscrit",
        "2 visiteurs inscrits",
    ]
    assert said("en", 0) == "0 visitors registered" and said("en", 1) == "1 visitor registered"
