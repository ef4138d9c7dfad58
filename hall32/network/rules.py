"""The network app's permissions. Registered by NetworkConfig.ready()."""

import rules

from hall32.core.predicates import (
    is_direction,
    is_hub_staff,
    is_industry_engineer,
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

# partners: the directory's mailing list carries who agreed to be contacted, which only the roles
# that see consents may know (docs/access.md); agreements are the managers' to file and remove.
# The directory is for the staff who work with partners (trainers are staff, not the network's).
is_network_staff = is_manager | is_outreach_officer | is_industry_engineer
rules.add_perm("network.view_partner_directory", is_network_staff)
rules.add_perm("network.export_mailing_list", is_manager | is_outreach_officer)
register_model(
    "network.agreement", view=is_network_staff, add=is_manager, change=is_manager, delete=is_manager
)
