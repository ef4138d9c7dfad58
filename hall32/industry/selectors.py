"""Selectors of the industry app."""
