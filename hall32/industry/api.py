"""API of the industry app."""

from ninja import Router

router = Router(tags=["industry"])
