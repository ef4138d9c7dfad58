"""The network app's permissions. Registered by NetworkConfig.ready()."""

import rules

from hall32.core.predicates import (
    is_direction,
    is_hub_staff,
    is_manager,
    is_outreach_officer,
    register_model,
)

# The admin shows partnerships read-only (hall32/network/admin.py); the model permissions still
# say who may write them, for the pages that will call the services.
register_model(
    "network.partnership", view=is_hub_staff, add=is_manager, change=is_manager, delete=is_direction
)
rules.add_perm("network.manage_partnerships", is_manager)

# offers: apprenticeship offers are the hub's placement work. Direction, coordination and the
# outreach officers (who meet the companies) see them; direction and coordination write them and
# import offer files. Industry engineers, trainers and every outside user (learners included, in
# this issue) see none. The candidates' side (mobility, skills, ranked wishes, the companies'
# ratings after a meeting) is personal data about learners: direction and coordination only.
is_offer_reader = is_manager | is_outreach_officer
register_model("network.offer", view=is_offer_reader, add=is_manager, change=is_manager, delete=is_direction)
rules.add_perm("network.view_offers", is_offer_reader)
rules.add_perm("network.manage_offers", is_manager)
rules.add_perm("network.manage_candidates", is_manager)
