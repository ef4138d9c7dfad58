"""Permissions of the industry app (filled by its issue)."""
