"""Pages of the network app: partners (issue 11, in progress)."""
