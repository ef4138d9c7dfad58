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

# contacts: contacts' roles, interactions and follow-up tasks are the hub's relationship work with
# organisations: the managers, the outreach officers and the Pôle Industrie's engineers do it;
# trainers and every outside user see none of it.

is_network_staff = is_manager | is_outreach_officer | is_industry_engineer


@rules.predicate
def owns_record(user, record) -> bool:
    """The user owns the interaction or the task (a check without a record asks about one's own)."""
    return record is None or getattr(record, "owner_id", None) == user.pk


rules.add_perm("network.view_contacts", is_network_staff)
rules.add_perm("network.manage_contacts", is_manager | is_outreach_officer)
rules.add_perm("network.view_interactions", is_network_staff)
rules.add_perm("network.add_interaction", is_network_staff)
rules.add_perm("network.change_interaction", is_manager | (is_network_staff & owns_record))
rules.add_perm("network.delete_interaction", is_manager | (is_network_staff & owns_record))
rules.add_perm("network.view_my_tasks", is_network_staff)
rules.add_perm("network.add_followuptask", is_network_staff)
rules.add_perm("network.change_followuptask", is_manager | (is_network_staff & owns_record))
rules.add_perm("network.delete_followuptask", is_manager | (is_network_staff & owns_record))
rules.add_perm("network.view_timeline", is_network_staff)
# contacts end

# partners: the directory's mailing list carries who agreed to be contacted, which only the roles
# that see consents may know (docs/access.md); agreements are the managers' to file and remove.
# The directory is for the staff who work with partners (trainers are staff, not the network's).
rules.add_perm("network.view_partner_directory", is_network_staff)
rules.add_perm("network.export_mailing_list", is_manager | is_outreach_officer)
register_model(
    "network.agreement", view=is_network_staff, add=is_manager, change=is_manager, delete=is_manager
)

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

# matching: the coordinator and the direction run matchings and propose introductions; no one else
# sees the candidates' placement (least privilege).
rules.add_perm("network.run_matching", is_manager)
rules.add_perm("network.manage_introductions", is_manager)
