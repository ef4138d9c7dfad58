"""Tasks of the impact app."""
