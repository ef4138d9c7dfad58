"""API of the outreach app."""

from ninja import Router

router = Router(tags=["outreach"])
