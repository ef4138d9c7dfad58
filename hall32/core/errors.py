"""One error type for business rules, shown the same way on pages and in the API.

A service raises its app's subclass (TrainingError, IndustryError, OutreachError… in
<app>/errors.py, each with its Conflict, Forbidden and NotFound) with a message a user can act on,
and optionally the form field it concerns; views show it through web.pages (save_form, run_action),
the API answers 4xx with {"detail": ..., "errors": {field: [message]}}.
"""

from __future__ import annotations


class DomainError(Exception):
    status_code = 400

    def __init__(
        self,
        message: str,
        *,
        field: str | None = None,
        code: str = "invalid",
        status: int | None = None,
        errors: dict[str, list[str]] | None = None,
        link: str | None = None,
    ) -> None:
        super().__init__(message)
        self.message = str(message)
        self.field = field
        self.code = code
        # Several broken rules at once, each for its field (a contract, say); else the one message.
        self.errors = errors or {field or "__all__": [self.message]}
        if status is not None:
            self.status_code = status
        # partners: the page of the record in the way (a duplicate), linked next to the message.
        self.link = link

    def as_dict(self) -> dict[str, object]:
        return {"detail": self.message, "code": self.code, "errors": self.errors}


class NotFound(DomainError):
    status_code = 404


class Conflict(DomainError):
    """The request clashes with existing data (a booking overlap, a full event)."""

    status_code = 409


class Forbidden(DomainError):
    status_code = 403
