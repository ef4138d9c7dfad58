"""Who may do what: the platform's one policy, read by views, the API and the admin alike.

Each domain has a module here; every permission is a `rules` predicate registered under
Django's permission names (`app.action_model`), so `user.has_perm(...)`, the `@permission_required`
view decorator, the API's `require()` and the admin all answer from the same rules.
"""

from hall32.policy import core, impact, industry, outreach, training  # noqa: F401  (registers rules)
