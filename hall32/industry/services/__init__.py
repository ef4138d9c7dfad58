"""Writes of the industry app, one module per part (bookings, equipment and maintenance,
projects and quotes, scheduling, modular lines)."""
