"""Admin of the industry app."""
