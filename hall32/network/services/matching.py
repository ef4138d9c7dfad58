"""Services of the network app: matching (issue 11, in progress)."""
