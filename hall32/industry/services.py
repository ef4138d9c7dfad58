"""Services of the industry app."""
