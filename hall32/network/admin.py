"""Admin of the network app."""
