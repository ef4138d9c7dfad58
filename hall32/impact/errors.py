"""The impact app's refusals: one type, so that a caller (a page, the API, a command) can tell whose
rule said no; the kinds of refusal keep the shared HTTP status (409, 403, 404)."""

from hall32.core import errors


class ImpactError(errors.DomainError):
    """A rule of the impact app refused the request."""


class Conflict(ImpactError, errors.Conflict):
    """The request clashes with the impact app's existing data."""


class Forbidden(ImpactError, errors.Forbidden):
    """The user may not do this to this record."""


class NotFound(ImpactError, errors.NotFound):
    """The record asked for does not exist (or is not for this user)."""
