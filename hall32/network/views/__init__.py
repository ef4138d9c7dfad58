"""Pages of the network app, one module per subject."""
