"""Offline geography: French postcodes, their communes and coordinates (La Poste, Etalab 2.0)."""

from __future__ import annotations

import csv
import gzip
import io
import math
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

DATA = Path(__file__).resolve().parent / "data" / "postcodes.csv.gz"


@dataclass(frozen=True)
class Place:
    postcode: str
    commune: str
    insee: str
    lat: float
    lon: float

    @property
    def department(self) -> str:
        return self.insee[:2]

    @property
    def label(self) -> str:
        return self.commune.title().replace(" Sur ", "-sur-").replace(" ", "-") if self.commune else ""


@lru_cache(maxsize=1)
def places() -> tuple[Place, ...]:
    with gzip.open(DATA, "rb") as raw:
        reader = csv.DictReader(io.TextIOWrapper(raw, encoding="utf-8"), delimiter=";")
        return tuple(
            Place(r["postcode"], r["commune"], r["insee"], float(r["lat"]), float(r["lon"])) for r in reader
        )


@lru_cache(maxsize=1)
def _by_postcode() -> dict[str, list[Place]]:
    index: dict[str, list[Place]] = {}
    for place in places():
        index.setdefault(place.postcode, []).append(place)
    return index


def communes(postcode: str) -> list[Place]:
    return _by_postcode().get(postcode, [])


def coordinates(postcode: str) -> tuple[float, float] | None:
    """The centroid of the postcode's communes, or None for an unknown postcode."""
    found = communes(postcode)
    if not found:
        return None
    return (sum(p.lat for p in found) / len(found), sum(p.lon for p in found) / len(found))


def haversine_km(a: tuple[float, float], b: tuple[float, float]) -> float:
    lat1, lon1, lat2, lon2 = map(math.radians, (*a, *b))
    h = math.sin((lat2 - lat1) / 2) ** 2 + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    return 2 * 6371.0 * math.asin(math.sqrt(h))


def distance_km(postcode_a: str, postcode_b: str) -> float | None:
    a, b = coordinates(postcode_a), coordinates(postcode_b)
    if a is None or b is None:
        return None
    return haversine_km(a, b)


def places_in(departments: set[str]) -> list[Place]:
    return [p for p in places() if p.department in departments]
