"""Selectors of the network app."""
