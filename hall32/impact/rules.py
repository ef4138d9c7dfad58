"""Impact: the key figures and, later, the annual report."""

import rules

from hall32.core.predicates import is_hub_staff

rules.add_perm("impact.view_dashboard", is_hub_staff)
