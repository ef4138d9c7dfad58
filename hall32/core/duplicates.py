"""Duplicate organisations: the rule that says two records are one, and what a merge does with the
rows of the apps core may not import.

The rule (organisation_save refuses a new or edited organisation that breaks it):
- the same SIRET as another organisation (SIRETs are stored without spaces);
- or the same postcode and a close name. Names are compared once normalised: case folded, accents
  and punctuation removed, « & » read as « et » and then « et » dropped, the legal forms (SA, SAS,
  SASU, SARL, EURL, and their dotted spellings S.A.S.) dropped. Two normalised names are close when
  they are equal or when difflib's ratio is 0.85 or more, unless their numbers differ (« Collège 12 »
  and « Collège 13 » are two schools). An organisation without a postcode is only checked by SIRET.

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
LEGAL_FORMS = frozenset({"sa", "sas", "sasu", "sarl", "eurl"})

# A resolver settles, before the move, the rows of its model that would clash with the kept
# organisation's (it deletes, ends or merges them) and returns how many it settled.
Resolver = Callable[..., int]
_resolvers: dict[type[models.Model], Resolver] = {}


def normalised_name(name: str) -> str:
    text = unicodedata.normalize("NFKD", name.casefold())
    text = "".join(c for c in text if not unicodedata.combining(c))
    text = re.sub(r"\b(?:[a-z]\.){2,}", lambda m: m.group().replace(".", ""), text)  # S.A.S. -> sas
    words = re.findall(r"[a-z0-9]+", text.replace("&", " et "))
    return " ".join(w for w in words if w not in LEGAL_FORMS and w != "et")


def names_are_close(first: str, second: str) -> bool:
    a, b = normalised_name(first), normalised_name(second)
    if not a or not b:
        return False
    if re.findall(r"\d+", a) != re.findall(r"\d+", b):
        return False
    return a == b or difflib.SequenceMatcher(None, a, b).ratio() >= CLOSE_RATIO


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
