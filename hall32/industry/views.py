"""Pages of the industry app."""
