"""Forms of the network app."""

# contacts: a contact's role, an interaction (with an optional follow-up task), a follow-up task.
import datetime as dt

# partners: partnerships and their agreements -------------------------------------------------------
from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from hall32.core.models import Organisation
from hall32.network.models import Agreement, ContactRole, Interaction, Partnership
from hall32.network.selectors import contacts as contact_selectors
from hall32.network.validators import AGREEMENT_FILES
from hall32.web.forms import ConfirmForm, DateInput, DateTimeInput


def _owner_field(label: Any, *, required: bool = True) -> forms.ModelChoiceField:
    field = forms.ModelChoiceField(queryset=contact_selectors.network_staff(), label=label, required=required)
    field.label_from_instance = lambda user: user.display_name  # type: ignore[method-assign]
    return field


class ContactRoleForm(forms.Form):
    """A role for a person already at the organisation, or for a new person recorded with it."""

    person = forms.ModelChoiceField(
        queryset=None,
        label=_("Personne de l'organisation"),
        required=False,
        help_text=_("Ou laissez vide et saisissez une nouvelle personne ci-dessous."),
    )
    first_name = forms.CharField(label=_("Prénom (nouvelle personne)"), max_length=100, required=False)
    last_name = forms.CharField(label=_("Nom (nouvelle personne)"), max_length=100, required=False)
    email = forms.EmailField(label=_("Courriel"), required=False)
    phone = forms.CharField(label=_("Téléphone"), max_length=30, required=False)
    job_title = forms.CharField(label=_("Fonction"), max_length=120, required=False)
    role = forms.ChoiceField(label=_("Rôle"), choices=ContactRole.Role.choices)
    is_primary = forms.BooleanField(label=_("Contact privilégié de l'organisation"), required=False)

    def __init__(self, *args: Any, organisation: Organisation, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["person"].queryset = contact_selectors.people_of_organisation(organisation=organisation)

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if not data.get("person") and not (data.get("first_name") and data.get("last_name")):
            self.add_error(
                "person", _("Choisissez une personne, ou saisissez le prénom et le nom d'une nouvelle.")
            )
        return data


class InteractionForm(forms.Form):
    kind = forms.ChoiceField(label=_("Type"), choices=Interaction.Kind.choices)
    happened_at = forms.DateTimeField(label=_("Le (heure de Paris)"), widget=DateTimeInput())
    subject = forms.CharField(label=_("Objet"), max_length=200)
    notes = forms.CharField(label=_("Compte rendu"), required=False, widget=forms.Textarea(attrs={"rows": 4}))
    contacts = forms.ModelMultipleChoiceField(
        queryset=None, label=_("Contacts présents"), required=False, widget=forms.CheckboxSelectMultiple
    )
    owner = _owner_field(_("Suivi par"))
    task_title = forms.CharField(
        label=_("Tâche de suivi (facultatif)"),
        max_length=200,
        required=False,
        help_text=_("Par exemple : envoyer la proposition de convention."),
    )
    task_due_on = forms.DateField(label=_("Pour le"), required=False, widget=DateInput())
    task_remind_days_before = forms.IntegerField(
        label=_("Rappel (jours avant)"), min_value=0, max_value=60, initial=1, required=False
    )

    def __init__(self, *args: Any, organisation: Organisation, with_task: bool = True, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["owner"] = _owner_field(_("Suivi par"))
        self.fields["contacts"].queryset = contact_selectors.people_of_organisation(organisation=organisation)
        if not with_task:
            for name in ("task_title", "task_due_on", "task_remind_days_before"):
                del self.fields[name]

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if data.get("task_title") and not data.get("task_due_on"):
            self.add_error("task_due_on", _("Indiquez pour quand est la tâche de suivi."))
        return data

    @classmethod
    def initial_for(cls, interaction: Interaction) -> dict[str, Any]:
        return {
            "kind": interaction.kind,
            "happened_at": timezone.localtime(interaction.happened_at),
            "subject": interaction.subject,
            "notes": interaction.notes,
            "contacts": list(interaction.contacts.all()),
            "owner": interaction.owner_id,
        }


class TaskForm(forms.Form):
    title = forms.CharField(label=_("À faire"), max_length=200)
    due_on = forms.DateField(label=_("Pour le"), widget=DateInput())
    owner = _owner_field(_("Responsable"))
    remind_days_before = forms.IntegerField(
        label=_("Rappel (jours avant)"), min_value=0, max_value=60, initial=1
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["owner"] = _owner_field(_("Responsable"))
        self.fields["due_on"].initial = timezone.localdate() + dt.timedelta(days=7)


# contacts end


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
