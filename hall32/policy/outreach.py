"""Permissions of the outreach app (filled by its issue)."""
