"""Duplicate organisations: the rule that says two records are one, and what a merge does with the
rows of the apps core may not import.

The rule (organisation_save refuses a new or edited organisation that breaks it):
- the same SIRET as another organisation (SIRETs are stored without spaces);
- or the same postcode and a close name. Names are compared once normalised: case folded, accents
  and punctuation removed, « & » read as « et », then « et », articles and « de » dropped (du, des,
  la, le, les, l', d', à, au, aux, en) with the legal forms (SA, SAS, SASU, SARL, EURL, and their
  dotted spellings S.A.S.). Two normalised names are close when they are equal, or when difflib's
  ratio is 0.85 or more and every word of one has a word like it in the other (ratio 0.8: a plural,
  a typo), unless their numbers differ (« Collège 12 » and « Collège 13 » are two schools). An
  organisation without a postcode is only checked by its SIRET and UAI.

A merge (core.services.organisation_merge) moves every row that points at the merged organisation,
through Organisation._meta.related_objects, so that an app's new foreign key is covered without
core knowing it. A row that would break a unique constraint once moved (two open partnerships of
one kind) is settled first by the resolver its app registered here from its AppConfig.ready().
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from collections.abc import Callable
from typing import Any

from django.db import models

CLOSE_RATIO = 0.85
CLOSE_WORD_RATIO = 0.8
LEGAL_FORMS = frozenset({"sa", "sas", "sasu", "sarl", "eurl"})
STOP_WORDS = frozenset({"et", "de", "du", "des", "d", "la", "le", "les", "l", "a", "au", "aux", "en"})

# A resolver settles, before the move, the rows of its model that would clash with the kept
# organisation's (it deletes, ends or merges them) and returns how many it settled.
Resolver = Callable[..., int]
_resolvers: dict[type[models.Model], Resolver] = {}


def normalised_name(name: str) -> str:
    text = unicodedata.normalize("NFKD", name.casefold())
    text = "".join(c for c in text if not unicodedata.combining(c))
    text = re.sub(r"\b(?:[a-z]\.){2,}", lambda m: m.group().replace(".", ""), text)  # S.A.S. -> sas
    words = re.findall(r"[a-z0-9]+", text.replace("&", " et "))
    return " ".join(w for w in words if w not in LEGAL_FORMS and w not in STOP_WORDS)


def _ratio(a: str, b: str) -> float:
    return difflib.SequenceMatcher(None, a, b).ratio()


def names_are_close(first: str, second: str) -> bool:
    a, b = normalised_name(first), normalised_name(second)
    if not a or not b:
        return False
    if a == b:
        return True
    if re.findall(r"\d+", a) != re.findall(r"\d+", b) or _ratio(a, b) < CLOSE_RATIO:
        return False
    # A word of one name with nothing like it in the other makes two organisations: « MLDS de
    # l'académie » and « Rectorat de l'académie » share most letters, not their first word.
    words_a, words_b = set(a.split()), set(b.split())
    return all(
        any(_ratio(word, other) >= CLOSE_WORD_RATIO for other in there)
        for here, there in ((words_a - words_b, words_b), (words_b - words_a, words_a))
        for word in here
    )


def register_resolver(model: type[models.Model], resolver: Resolver) -> None:
    """`resolver(kept=..., merged=...)` is called inside the merge's transaction, before `model`'s
    rows are moved (registered once per model, from the app's ready())."""
    _resolvers[model] = resolver


def resolver_for(model: type[models.Model]) -> Resolver | None:
    return _resolvers.get(model)


def links(model: type[models.Model]) -> list[Any]:
    """Every relation that points at `model` (foreign keys, one-to-ones and many-to-manys of any
    app), as Django lists them."""
    return [rel for rel in model._meta.related_objects if not rel.field.model._meta.abstract]
