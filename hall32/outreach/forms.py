"""Forms of the outreach app: public booking and registration, staff event management, planning."""

from __future__ import annotations

from typing import Any

from django import forms
from django.forms import inlineformset_factory
from django.utils.translation import gettext_lazy as _

from hall32.core.models import Organisation, Person
from hall32.core.validators import validate_postcode, validate_uai
from hall32.outreach.models import (
    ApprenticeAvailability,
    Event,
    ForumSlot,
    SchoolLevel,
    TourSlot,
    VisitorRegistration,
    Workshop,
)
from hall32.web.forms import DateTimeInput, TimeInput


class ClassBookingForm(forms.Form):
    """A teacher books a class (no account needed)."""

    school = forms.ModelChoiceField(
        label=_("Établissement"),
        queryset=Organisation.objects.schools().order_by("name"),
        required=False,
        widget=forms.Select(attrs={"data-tom-select": ""}),
        help_text=_("Tapez quelques lettres du nom ou de la commune."),
    )
    school_name = forms.CharField(
        label=_("Votre établissement n'est pas dans la liste ? Son nom"),
        max_length=200,
        required=False,
    )
    school_postcode = forms.CharField(
        label=_("Code postal de l'établissement"),
        max_length=5,
        required=False,
        validators=[validate_postcode],
    )
    school_uai = forms.CharField(
        label=_("Code UAI (facultatif)"), max_length=8, required=False, validators=[validate_uai]
    )
    teacher_first_name = forms.CharField(label=_("Votre prénom"), max_length=100)
    teacher_last_name = forms.CharField(label=_("Votre nom"), max_length=100)
    teacher_email = forms.EmailField(
        label=_("Votre courriel professionnel"),
        help_text=_("La confirmation et le lien d'annulation y seront envoyés."),
    )
    teacher_phone = forms.CharField(label=_("Téléphone (le jour J)"), max_length=30, required=False)
    class_name = forms.CharField(label=_("Classe"), max_length=40, help_text=_("Par exemple : 3e B."))
    level = forms.ChoiceField(label=_("Niveau"), choices=SchoolLevel.choices, initial=SchoolLevel.TROISIEME)
    girls = forms.IntegerField(label=_("Filles"), min_value=0, max_value=40)
    boys = forms.IntegerField(label=_("Garçons"), min_value=0, max_value=40)
    arrival = forms.TimeField(label=_("Arrivée du car"), required=False, widget=TimeInput())
    departure = forms.TimeField(label=_("Départ du car"), required=False, widget=TimeInput())
    needs = forms.CharField(
        label=_("Besoins particuliers"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Accessibilité, élèves en situation de handicap…"),
    )
    consent = forms.BooleanField(
        label=_("J'accepte que Hall 32 conserve ces informations pour organiser la venue de la classe.")
    )

    def __init__(self, *args: Any, event: Event, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.event = event
        workshops = list(event.workshops.all()) if event.kind == "forum" else []
        self.preference_fields = []
        for rank in range(1, min(4, len(workshops)) + 1):
            name = f"preference_{rank}"
            self.fields[name] = forms.ModelChoiceField(
                label=_("Atelier souhaité n° %(rank)s") % {"rank": rank},
                queryset=event.workshops.all(),
                required=False,
            )
            self.preference_fields.append(name)
        if event.kind != "forum":
            del self.fields["arrival"]
            del self.fields["departure"]

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if not data.get("school") and not data.get("school_name"):
            self.add_error("school", _("Choisissez votre établissement dans la liste ou saisissez son nom."))
        if data.get("school_name") and not data.get("school_postcode"):
            self.add_error("school_postcode", _("Indiquez le code postal de l'établissement."))
        if (
            data.get("girls") is not None
            and data.get("boys") is not None
            and data["girls"] + data["boys"] == 0
        ):
            self.add_error("girls", _("Indiquez le nombre de filles et de garçons de la classe."))
        chosen = [data[f].pk for f in self.preference_fields if data.get(f)]
        if len(chosen) != len(set(chosen)):
            self.add_error(self.preference_fields[-1], _("Chaque atelier ne peut être choisi qu'une fois."))
        return data

    @property
    def preferences(self) -> list[int]:
        return [self.cleaned_data[f].pk for f in self.preference_fields if self.cleaned_data.get(f)]


class VisitorForm(forms.Form):
    """A young person or a parent registers for an open day."""

    first_name = forms.CharField(label=_("Prénom"), max_length=100)
    last_name = forms.CharField(label=_("Nom"), max_length=100)
    email = forms.EmailField(label=_("Courriel"))
    phone = forms.CharField(label=_("Téléphone"), max_length=30, required=False)
    visitor_kind = forms.ChoiceField(label=_("Je suis"), choices=VisitorRegistration.VisitorKind.choices)
    young_people = forms.IntegerField(label=_("Jeunes qui viennent"), min_value=0, max_value=10, initial=1)
    girls = forms.IntegerField(
        label=_("dont filles"),
        min_value=0,
        max_value=10,
        initial=0,
        help_text=_("Pour nos statistiques de mixité, anonymes."),
    )
    parents = forms.IntegerField(label=_("Parents ou accompagnants"), min_value=0, max_value=10, initial=0)
    level = forms.ChoiceField(
        label=_("Niveau scolaire du jeune"),
        choices=[("", "—"), *SchoolLevel.choices],
        required=False,
    )
    course = forms.ModelChoiceField(label=_("Formation qui vous intéresse"), queryset=None, required=False)
    tour_slot = forms.ModelChoiceField(label=_("Départ de visite souhaité"), queryset=None, required=False)
    consent_contact = forms.BooleanField(
        label=_("Je souhaite recevoir les informations de Hall 32."), required=False
    )

    def __init__(self, *args: Any, event: Event, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        from hall32.training.selectors import published_courses

        self.fields["course"].queryset = published_courses()
        self.fields["tour_slot"].queryset = event.tour_slots.all()
        if not event.tour_slots.exists():
            del self.fields["tour_slot"]


class EventForm(forms.ModelForm):
    class Meta:
        model = Event
        fields = [
            "title",
            "kind",
            "status",
            "is_public",
            "start",
            "end",
            "room",
            "host",
            "venue",
            "address",
            "postcode",
            "city",
            "capacity",
            "for_pupils",
            "for_parents",
            "for_teachers",
            "for_job_seekers",
            "registration_open",
            "description",
        ]
        widgets = {
            "start": DateTimeInput(),
            "end": DateTimeInput(),
            "host": forms.Select(attrs={"data-tom-select": ""}),
            "description": forms.Textarea(attrs={"rows": 4}),
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for name in ("start", "end"):
            self.fields[name].input_formats = ["%Y-%m-%dT%H:%M"]


class StaffingForm(forms.Form):
    staff = forms.ModelMultipleChoiceField(
        label=_("Équipe du hub"),
        queryset=Person.objects.none(),
        required=False,
        widget=forms.SelectMultiple(attrs={"data-tom-select": ""}),
    )
    apprentices = forms.ModelMultipleChoiceField(
        label=_("Apprenti·e·s ambassadeur·rice·s"),
        queryset=Person.objects.none(),
        required=False,
        widget=forms.SelectMultiple(attrs={"data-tom-select": ""}),
    )

    def __init__(self, *args: Any, staff_queryset, apprentice_queryset, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["staff"].queryset = staff_queryset
        self.fields["apprentices"].queryset = apprentice_queryset


class TallyForm(forms.Form):
    pupils = forms.IntegerField(label=_("Jeunes rencontrés"), min_value=0)
    girls = forms.IntegerField(label=_("dont filles"), min_value=0)
    parents = forms.IntegerField(label=_("Parents"), min_value=0, initial=0)
    teachers = forms.IntegerField(label=_("Enseignants"), min_value=0, initial=0)
    classes = forms.IntegerField(label=_("Classes"), min_value=0, initial=0)
    schools = forms.ModelMultipleChoiceField(
        label=_("Établissements représentés"),
        required=False,
        queryset=Organisation.objects.schools().order_by("name"),
        widget=forms.SelectMultiple(attrs={"data-tom-select": ""}),
    )
    notes = forms.CharField(label=_("Notes"), required=False, widget=forms.Textarea(attrs={"rows": 2}))

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if (
            data.get("girls") is not None
            and data.get("pupils") is not None
            and data["girls"] > data["pupils"]
        ):
            self.add_error("girls", _("Le nombre de filles ne peut pas dépasser le nombre de jeunes."))
        return data


class WorkshopForm(forms.ModelForm):
    class Meta:
        model = Workshop
        fields = ["name", "trade", "capacity", "room", "apprentices", "min_apprentices"]
        widgets = {"apprentices": forms.SelectMultiple(attrs={"data-tom-select": ""})}


WorkshopFormSet = inlineformset_factory(Event, Workshop, form=WorkshopForm, extra=1, can_delete=True)
SMALL = {"class": "form-control form-control-sm"}
SMALL_NUMBER = {"class": "form-control form-control-sm", "style": "max-width: 6rem"}
SlotFormSet = inlineformset_factory(
    Event,
    ForumSlot,
    fields=["start", "end", "is_break"],
    extra=1,
    can_delete=True,
    widgets={
        "start": TimeInput(SMALL),
        "end": TimeInput(SMALL),
        "is_break": forms.CheckboxInput({"class": "form-check-input"}),
    },
)
TourSlotFormSet = inlineformset_factory(
    Event,
    TourSlot,
    fields=["start", "duration_minutes", "group_size", "capacity"],
    extra=1,
    can_delete=True,
    widgets={
        "start": TimeInput(SMALL),
        "duration_minutes": forms.NumberInput(SMALL_NUMBER),
        "group_size": forms.NumberInput(SMALL_NUMBER),
        "capacity": forms.NumberInput(SMALL_NUMBER),
    },
)


class AvailabilityForm(forms.ModelForm):
    class Meta:
        model = ApprenticeAvailability
        fields = ["apprentice", "tour_slots", "slots", "max_tours"]
        widgets = {
            "apprentice": forms.Select(attrs={"data-tom-select": ""}),
            "tour_slots": forms.CheckboxSelectMultiple,
            "slots": forms.CheckboxSelectMultiple,
        }

    def __init__(self, *args: Any, event: Event, apprentices, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.instance.event = event
        self.fields["apprentice"].queryset = apprentices
        self.fields["tour_slots"].queryset = event.tour_slots.all()
        self.fields["slots"].queryset = event.slots.filter(is_break=False)
        if not event.tour_slots.exists():
            del self.fields["tour_slots"]
            del self.fields["max_tours"]
        if not event.slots.exists():
            del self.fields["slots"]


class PlanEditForm(forms.Form):
    """One select per class and slot of the current plan."""

    def __init__(self, *args: Any, grid, workshops, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        choices = [(w.pk, w.name) for w in workshops]
        self.cells = []
        for row in grid.rows:
            for cell in row["cells"]:
                if cell["workshop"] is None:
                    continue
                name = f"c{row['booking'].pk}_s{cell['slot'].pk}"
                self.fields[name] = forms.TypedChoiceField(
                    choices=choices,
                    coerce=int,
                    initial=cell["workshop"].pk,
                    label="",
                    widget=forms.Select(
                        attrs={
                            "class": "form-select form-select-sm",
                            "aria-label": f"{row['booking'].class_name} {cell['slot'].label}",
                        }
                    ),
                )
                self.cells.append((row["booking"].pk, cell["slot"].pk, name))

    def changes(self) -> dict[tuple[int, int], int]:
        return {
            (booking, slot): self.cleaned_data[name]
            for booking, slot, name in self.cells
            if name in self.changed_data
        }
