"""Pages of the training app."""
