"""Pages of the outreach app: public (catalogue, events, booking), staff (events, planning, reach)."""
