"""Forms of the network app."""

from django import forms
from django.utils.translation import gettext_lazy as _

from hall32.network.models import Introduction
from hall32.web.forms import DateTimeInput


# matching
class IntroductionStepForm(forms.Form):
    """The next step of an introduction: its status, the interview's date, a note."""

    status = forms.ChoiceField(label=_("Nouveau statut"), choices=())
    interview_at = forms.DateTimeField(label=_("Entretien le"), required=False, widget=DateTimeInput())
    notes = forms.CharField(
        label=_("Note"), required=False, max_length=2000, widget=forms.Textarea(attrs={"rows": 2})
    )

    def __init__(self, *args, next_statuses=(), **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["status"].choices = [(s, Introduction.Status(s).label) for s in next_statuses]
