"""Forms of the network app."""

# partners: partnerships and their agreements -------------------------------------------------------

from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from hall32.core.models import Organisation
from hall32.network.models import Agreement, Partnership
from hall32.network.validators import AGREEMENT_FILES
from hall32.web.forms import ConfirmForm, DateInput


class PartnershipForm(forms.Form):
    kind = forms.ChoiceField(label=_("Type de partenariat"), choices=Partnership.Kind.choices)
    stage = forms.ChoiceField(
        label=_("Étape"),
        choices=[(s.value, s.label) for s in Partnership.Stage if s != Partnership.Stage.LAPSED],
        initial=Partnership.Stage.PROSPECT,
    )
    start = forms.DateField(
        label=_("Début"),
        widget=DateInput(),
        initial=timezone.localdate,
        help_text=_("Le premier contact pour un prospect, le jour où il est devenu partenaire ensuite."),
    )
    notes = forms.CharField(label=_("Notes"), required=False, widget=forms.Textarea(attrs={"rows": 3}))


class StageForm(forms.Form):
    stage = forms.ChoiceField(label=_("Nouvelle étape"), choices=Partnership.Stage.choices)
    on = forms.DateField(label=_("Le"), widget=DateInput(), initial=timezone.localdate)


class EndForm(ConfirmForm):
    on = forms.DateField(label=_("Fin le"), widget=DateInput(), initial=timezone.localdate)


class AgreementForm(forms.ModelForm):
    class Meta:
        model = Agreement
        fields = ["title", "partnership", "signed_on", "valid_until", "file"]
        widgets = {"signed_on": DateInput(), "valid_until": DateInput()}

    def __init__(self, *args: Any, organisation: Organisation, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        partnership = self.fields["partnership"]
        partnership.queryset = Partnership.objects.filter(organisation=organisation)  # type: ignore[attr-defined]
        partnership.empty_label = _("Aucun en particulier")  # type: ignore[attr-defined]
        self.fields["file"].help_text = AGREEMENT_FILES.help_text()
        self.fields["file"].widget.attrs["accept"] = AGREEMENT_FILES.accept()
