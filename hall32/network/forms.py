"""Forms of the network app."""
