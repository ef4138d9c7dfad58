"""Tasks of the training app."""
