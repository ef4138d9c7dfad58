"""The network app's permissions. Registered by NetworkConfig.ready()."""

import rules

from hall32.core.predicates import is_direction, is_hub_staff, is_manager, register_model

# The admin shows partnerships read-only (hall32/network/admin.py); the model permissions still
# say who may write them, for the pages that will call the services.
register_model(
    "network.partnership", view=is_hub_staff, add=is_manager, change=is_manager, delete=is_direction
)
rules.add_perm("network.manage_partnerships", is_manager)

# matching: the coordinator and the direction run matchings and propose introductions; no one else
# sees the candidates' placement (least privilege).
rules.add_perm("network.run_matching", is_manager)
rules.add_perm("network.manage_introductions", is_manager)
