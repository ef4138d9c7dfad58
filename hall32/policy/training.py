"""Permissions of the training app (filled by its issue)."""
