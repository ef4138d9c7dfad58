"""Selectors of the training app."""
