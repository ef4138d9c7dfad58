"""Tasks of the industry app."""
