"""Tasks of the network app."""
