"""Pages of the outreach app."""
