"""Management commands report a service's refusal as a command error, not a traceback."""

import pytest
from django.core.management.base import CommandError

from hall32.core.commands import ServiceCommand, refused_as_command_error
from hall32.core.errors import DomainError


class Refusing(ServiceCommand):
    def handle(self, *args, **options):
        raise DomainError("Promotion close.")


def test_a_refusal_in_a_command_ends_it_with_the_message():
    with pytest.raises(CommandError, match="^Promotion close.$"):
        Refusing().execute(no_color=True, force_color=False, skip_checks=True, stdout=None, stderr=None)


def test_a_refusal_can_be_worded_by_the_command():
    with (
        pytest.raises(CommandError, match="^eleves.csv: Promotion close. Rien n'a été importé.$"),
        refused_as_command_error("eleves.csv: %(why)s Rien n'a été importé."),
    ):
        raise DomainError("Promotion close.")
