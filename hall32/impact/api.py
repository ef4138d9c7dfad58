"""API of the impact app."""

from ninja import Router

router = Router(tags=["impact"])
