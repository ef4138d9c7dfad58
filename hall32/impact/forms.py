"""Forms of the impact app."""
