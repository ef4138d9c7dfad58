"""Reads of the industry app, one module per part; other apps (Connect, Prove) read the
Pôle Industrie through these."""

from hall32.industry.selectors import bookings, equipment, lines, projects, scheduling  # noqa: F401
from hall32.industry.selectors.projects import client_return, satisfaction  # noqa: F401
