"""Services of the impact app."""
