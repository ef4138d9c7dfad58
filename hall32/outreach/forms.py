"""Forms of the outreach app."""
