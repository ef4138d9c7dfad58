"""Forms of the training app."""
