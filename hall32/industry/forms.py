"""Forms of the industry app."""
