"""Models of the industry app."""
