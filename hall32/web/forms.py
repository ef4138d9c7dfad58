"""Form pieces every app uses: HTML5 date and time widgets, and the confirmation of a destructive action."""

from django import forms
from django.utils.translation import gettext_lazy as _


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, attrs=None) -> None:
        super().__init__(attrs=attrs, format="%Y-%m-%d")


class TimeInput(forms.TimeInput):
    input_type = "time"

    def __init__(self, attrs=None) -> None:
        super().__init__(attrs=attrs, format="%H:%M")


class DateTimeInput(forms.DateTimeInput):
    input_type = "datetime-local"

    def __init__(self, attrs=None) -> None:
        super().__init__(attrs=attrs, format="%Y-%m-%dT%H:%M")


class ConfirmForm(forms.Form):
    """A destructive action asks the user to tick this box first."""

    confirm = forms.BooleanField(label=_("Je confirme cette action, qui est définitive."), required=True)
