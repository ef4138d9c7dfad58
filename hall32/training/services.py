"""Services of the training app."""
