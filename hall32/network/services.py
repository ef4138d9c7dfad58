"""Services of the network app."""
