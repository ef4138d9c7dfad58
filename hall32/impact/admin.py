"""Admin of the impact app."""
