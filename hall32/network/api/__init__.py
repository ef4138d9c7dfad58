"""API of the network app, one module per subject; each has its router, mounted here under one tag."""

from ninja import Router

from hall32.network.api import contacts, matching, offers, partners

router = Router(tags=["network"])
router.add_router("", partners.router)
router.add_router("", contacts.router)
router.add_router("", offers.router)
router.add_router("", matching.router)
