"""Pages of the industry app, one module per part."""
