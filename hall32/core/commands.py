"""What management commands share: a service's refusal ends the command as a CommandError (its
message on stderr, exit status 1), never as a traceback."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from hall32.core.errors import DomainError


@contextmanager
def refused_as_command_error(template: str = "%(why)s") -> Iterator[None]:
    """Within the block, a DomainError becomes a CommandError worded by `template`."""
    try:
        yield
    except DomainError as error:
        raise CommandError(template % {"why": error.message}) from None


class ServiceCommand(BaseCommand):
    """A command that calls services: any refusal they raise is reported as a CommandError."""

    def execute(self, *args: Any, **options: Any) -> Any:
        with refused_as_command_error():
            return super().execute(*args, **options)
