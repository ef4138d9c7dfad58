"""Reads of the network app: contacts (issue 11, in progress)."""
