"""API of the training app."""

from ninja import Router

router = Router(tags=["training"])
