from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from hall32.core import access
from hall32.core.models import Organisation, Person
from hall32.web.forms import DateInput


class OrganisationForm(forms.ModelForm):
    website = forms.URLField(label=_("site web"), required=False, assume_scheme="https")
    siret = forms.CharField(
        label=_("SIRET"),
        max_length=20,
        required=False,
        help_text=_("14 chiffres, espaces acceptés."),
    )

    class Meta:
        model = Organisation
        fields = [
            "name",
            "kind",
            "size_band",
            "sector",
            "school_kind",
            "agency_kind",
            "siret",
            "uai",
            "address",
            "postcode",
            "city",
            "website",
            "email",
            "phone",
            "is_founder",
            "notes",
        ]
        widgets = {
            "notes": forms.Textarea(attrs={"rows": 3}),
        }

    def clean_siret(self) -> str:
        return self.cleaned_data["siret"].replace(" ", "")

    def _get_validation_exclusions(self) -> set[str]:
        """partners: the SIRET and the UAI are checked by core.services.organisation_save (their
        keys, and a duplicate named with a link to the record in the way), not twice here."""
        return {*super()._get_validation_exclusions(), "siret", "uai"}

    def clean_uai(self) -> str:
        return self.cleaned_data["uai"].strip().upper()


class PersonForm(forms.ModelForm):
    class Meta:
        model = Person
        fields = [
            "first_name",
            "last_name",
            "birth_date",
            "gender",
            "email",
            "phone",
            "address",
            "postcode",
            "city",
            "organisation",
            "job_title",
            "consent_contact",
            "consent_image",
        ]
        widgets = {
            "birth_date": DateInput(),
            "organisation": forms.Select(attrs={"data-tom-select": ""}),
        }

    def __init__(self, *args: Any, user: Any = None, **kwargs: Any) -> None:
        """The form holds only the fields the user may read (hall32.core.access): someone who edits
        a contact's phone never sees, nor overwrites, a birth date they may not read."""
        super().__init__(*args, **kwargs)
        if user is None or access.sees_everyone(user):
            return
        groups = (
            access.visible_fields(user, self.instance) if self.instance.pk else access.creatable_fields(user)
        )
        allowed = {name for group in groups for name in access.FIELD_GROUPS[group]}
        for name in list(self.fields):
            if name not in allowed:
                del self.fields[name]
        if "organisation" in self.fields:
            # A contact is a person of an organisation: without one, they would leave the
            # directory of the person who creates them.
            self.fields["organisation"].required = True
