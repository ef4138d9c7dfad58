"""Pages of the network app: offers (issue 11, in progress)."""
