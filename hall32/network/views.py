"""Pages of the network app."""
