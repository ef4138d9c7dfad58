"""The industry app's refusals: one type, so that a caller (a page, the API, a command) can tell whose
rule said no; the kinds of refusal keep the shared HTTP status (409, 403, 404)."""

from hall32.core import errors


class IndustryError(errors.DomainError):
    """A rule of the industry app refused the request."""


class Conflict(IndustryError, errors.Conflict):
    """The request clashes with the industry app's existing data."""


class Forbidden(IndustryError, errors.Forbidden):
    """The user may not do this to this record."""


class NotFound(IndustryError, errors.NotFound):
    """The record asked for does not exist (or is not for this user)."""
