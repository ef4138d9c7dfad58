"""Filter sets of the network app, shared by its list pages and its API (its lists come with issue 11)."""
