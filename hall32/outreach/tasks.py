"""Tasks of the outreach app."""
