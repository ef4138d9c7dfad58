"""Forms of the network app."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from hall32.network.importing import OFFER_FILES
from hall32.network.models import Offer
from hall32.network.selectors import matching as matching_selectors
from hall32.network.selectors import offers as offer_selectors
from hall32.training import selectors as training_selectors
from hall32.web.forms import DateInput

# offers ------------------------------------------------------------------------------------------

SEARCHABLE = {"data-tom-select": ""}


class SkillsField(forms.CharField):
    """Short skills typed comma-separated ("soudure TIG, lecture de plans"), as a list."""

    def prepare_value(self, value: Any) -> Any:
        return ", ".join(value) if isinstance(value, list | tuple) else value

    def to_python(self, value: Any) -> list[str]:  # type: ignore[override]
        text = super().to_python(value)
        return [part.strip() for part in text.replace(";", ",").split(",") if part.strip()]


class OfferForm(forms.ModelForm):
    required_skills = SkillsField(
        label=_("Compétences exigées"),
        required=False,
        help_text=_("Séparées par des virgules : soudure TIG, lecture de plans."),
    )
    wanted_skills = SkillsField(
        label=_("Compétences appréciées"), required=False, help_text=_("Séparées par des virgules.")
    )

    class Meta:
        model = Offer
        fields = [
            "company",
            "title",
            "course",
            "rncp_code",
            "trade",
            "rome_code",
            "site_name",
            "address",
            "postcode",
            "city",
            "start_date",
            "places",
            "rhythm",
            "tutor",
            "tutor_capacity",
            "description",
            "requirements",
            "required_skills",
            "wanted_skills",
            "adults_only",
            "needs_car",
            "contact_email",
        ]
        widgets = {
            "company": forms.Select(attrs=SEARCHABLE),
            "tutor": forms.Select(attrs=SEARCHABLE),
            "course": forms.Select(attrs=SEARCHABLE),
            "start_date": DateInput(),
            "description": forms.Textarea(attrs={"rows": 4}),
            "requirements": forms.Textarea(attrs={"rows": 3}),
        }
        help_texts = {
            "rncp_code": _("Laissé vide : celui de la formation choisie."),
            "trade": _("Laissé vide : celui de la formation choisie."),
            "rome_code": _("Une lettre et quatre chiffres (H2913)."),
            "city": _("Laissée vide : celle du code postal, s'il n'en couvre qu'une."),
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["company"].queryset = offer_selectors.network_companies()
        self.fields["company"].help_text = _(
            "Les entreprises du réseau : celles qui ont un partenariat en cours (même prospect)."
        )
        self.fields["tutor"].queryset = offer_selectors.company_people()
        self.fields["tutor"].label_from_instance = lambda p: f"{p.full_name} ({p.organisation})"
        self.fields["course"].queryset = training_selectors.courses_all()
        self.fields["trade"].queryset = training_selectors.trades_all()
        self.fields["places"].widget.attrs.update({"min": 1, "max": 50})
        self.fields["tutor_capacity"].widget.attrs.update({"min": 1})


class OfferImportForm(forms.Form):
    file = forms.FileField(label=_("Fichier JSON ou CSV"))
    format = forms.ChoiceField(
        label=_("Format"),
        required=False,
        choices=[
            ("", _("Reconnu d'après le fichier")),
            ("lba", _("Export La bonne alternance (JSON)")),
            ("csv", _("CSV")),
        ],
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["file"].validators.append(OFFER_FILES)
        self.fields["file"].widget.attrs["accept"] = OFFER_FILES.accept()
        self.fields["file"].help_text = _(
            "L'export des offres de La bonne alternance (JSON : matchas, partnerJobs, peJobs), ou un CSV "
            "avec une ligne d'en-tête : Identifiant, Intitulé, SIRET (ou Entreprise), Code postal, Début "
            "obligatoires ; Commune, Places, Code ROME, Code RNCP, Rythme, Prérequis, Compétences "
            "exigées, Compétences appréciées, Statut… facultatives, en français ou en anglais. %(mb)s Mo "
            "au plus. Un nouvel import du même fichier met les offres à jour."
        ) % {"mb": OFFER_FILES.limit_mb}


# candidate data ----------------------------------------------------------------------------------


class CandidateProfileForm(forms.Form):
    has_car = forms.BooleanField(label=_("Véhiculé·e"), required=False)
    max_km = forms.IntegerField(label=_("Distance maximale (km)"), min_value=0, max_value=200, initial=30)
    skills = SkillsField(label=_("Compétences"), required=False, help_text=_("Séparées par des virgules."))


WISHES_ON_PAGE = 10


class CandidateWishesForm(forms.Form):
    """The candidate's wishes, one choice per rank (n° 1 is the favourite); gaps close up."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        offers = offer_selectors.open_offers()
        for rank in range(1, WISHES_ON_PAGE + 1):
            field = forms.ModelChoiceField(
                label=_("Vœu n° %(n)s") % {"n": rank},
                queryset=offers,
                required=False,
                widget=forms.Select(attrs=SEARCHABLE),
            )
            field.label_from_instance = lambda o: f"{o.reference} · {o.title} · {o.company.name}"
            self.fields[f"wish_{rank}"] = field

    def ranked(self) -> list[Offer]:
        return [
            self.cleaned_data[f"wish_{rank}"]
            for rank in range(1, WISHES_ON_PAGE + 1)
            if self.cleaned_data.get(f"wish_{rank}") is not None
        ]


class CompanyRatingForm(forms.Form):
    person = forms.ModelChoiceField(
        label=_("Candidat·e"), queryset=None, widget=forms.Select(attrs=SEARCHABLE)
    )
    rating = forms.TypedChoiceField(
        label=_("Appréciation"),
        coerce=int,
        choices=[(n, f"{n} / 5") for n in range(5, 0, -1)],
        widget=forms.Select(attrs={"class": "form-select"}),
    )
    comment = forms.CharField(
        label=_("Commentaire"),
        max_length=250,
        required=False,
        widget=forms.TextInput(attrs={"class": "form-control"}),
    )

    def __init__(self, *args: Any, offer: Offer, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["person"].queryset = matching_selectors.offer_rateable_candidates(offer=offer)
