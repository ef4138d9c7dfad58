"""Filter sets of the impact app, shared by its list pages and its API (its lists come with issue 12)."""
