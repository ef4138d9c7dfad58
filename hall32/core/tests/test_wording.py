"""Text as people read it: computed plurals (never "(s)"), colons typeset per language."""

import ast
import re
from io import StringIO
from pathlib import Path

from django.conf import settings
from django.core.management import call_command
from django.template import Context, Template
from django.template.loader import render_to_string
from django.utils import translation

from hall32.core.roles import Role

ROOT = Path(settings.BASE_DIR) / "hall32"
# "Rôle(s)", "créneau(x)", "inscrit(e)s": a plural left to the reader. (Inclusive writing such as
# "apprenti·e·s" is the house style and stays; "%(s)s" and units like "durée (s)" are not words.)
HEDGED_PLURAL = re.compile(r"[A-Za-zÀ-ÿ]\((?:s|x|e|es|nt|le)\)")
# Words people write on their own forms, which the learner import must recognise in a header.
HEADER_WORDS = re.compile(r"\b[Nn]é\(e\)")
TAGS = re.compile(r"\{%.*?%\}|\{\{.*?\}\}|\{#.*?#\}", re.S)
BLOCKTRANSLATE = re.compile(r"\{% blocktranslate.*?\{% endblocktranslate %\}", re.S)


def templates() -> list[Path]:
    return sorted([*ROOT.glob("templates/**/*.html"), *ROOT.glob("*/templates/**/*.html")])


def test_no_template_leaves_a_plural_to_the_reader():
    offenders = []
    for path in templates():
        source = path.read_text(encoding="utf-8")
        texts = [TAGS.sub(" ", source)]
        texts += re.findall(r'\{% (?:translate|trans) "([^"]*)"', source)
        texts += [TAGS.sub(" ", b) for b in BLOCKTRANSLATE.findall(source)]
        offenders += [
            f"{path.relative_to(ROOT)}: {m.group(0)}" for t in texts for m in HEDGED_PLURAL.finditer(t)
        ]
    assert offenders == []


def test_no_python_string_leaves_a_plural_to_the_reader():
    offenders = []
    for path in sorted(ROOT.rglob("*.py")):
        if "migrations" in path.parts or "tests" in path.parts:
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Constant) and isinstance(node.value, str):
                offenders += [
                    f"{path.relative_to(ROOT)}:{node.lineno}: {m.group(0)}"
                    for m in HEDGED_PLURAL.finditer(HEADER_WORDS.sub("", node.value))
                ]
    assert offenders == []


def test_labels_and_values_are_joined_by_the_colon_tag_outside_translated_sentences():
    # `{% translate "Retards" %} : 2` prints « Lates : 2 » in English; `{% colon %}` writes the
    # French no-break space and nothing in English. Inside a translated sentence, the translator
    # places it.
    offenders = []
    for path in templates():
        source = BLOCKTRANSLATE.sub("", path.read_text(encoding="utf-8"))
        for number, line in enumerate(source.splitlines(), start=1):
            offenders += [f"{path.relative_to(ROOT)}:{number}" for _ in re.finditer(r"(?:%\}|\}\}) :", line)]
    assert offenders == []


def test_the_colon_tag_follows_each_languages_typography():
    template = Template("{% load hall32 %}Retards{% colon %} 2")

    with translation.override("fr"):
        assert template.render(Context()) == "Retards\u00a0: 2"
    with translation.override("en"):
        assert template.render(Context()) == "Retards: 2"


def test_the_profile_panel_counts_the_roles(make_user):
    one = make_user(Role.TRAINER)
    two = make_user(Role.TRAINER, Role.COORDINATOR)

    assert "Rôle : Formateur·rice" in render_to_string("core/_panel_profile.html", {"user": one})
    assert "Rôles : " in render_to_string("core/_panel_profile.html", {"user": two})
    with translation.override("en"):
        assert "Role: Trainer" in render_to_string("core/_panel_profile.html", {"user": one})


def test_compiling_one_catalogue_says_so_in_the_singular(settings, tmp_path):
    messages = tmp_path / "en" / "LC_MESSAGES"
    messages.mkdir(parents=True)
    (messages / "django.po").write_bytes((ROOT / "locale/en/LC_MESSAGES/django.po").read_bytes())
    settings.LOCALE_PATHS = [tmp_path]
    out = StringIO()

    call_command("compile_translations", stdout=out)
    call_command("compile_translations", stdout=out)

    assert out.getvalue().splitlines() == ["1 catalogue compilé.", "Traductions à jour."]
