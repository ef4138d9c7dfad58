"""Forms of the industry app. Rules live in the services; forms only type and shape the input."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from hall32.core.models import Organisation, Person, User
from hall32.industry.models import (
    Deliverable,
    Equipment,
    LineConfiguration,
    LineModule,
    MaintenancePlan,
    Project,
    ProjectKind,
    ProjectStatus,
    Qualification,
    QuoteLine,
    ScheduleRun,
    TimeEntry,
)
from hall32.industry.models.lines import DISTRIBUTION_CHOICES
from hall32.industry.validators import DELIVERABLE_FILES
from hall32.web.forms import DateInput, DateTimeInput, TimeInput

SLOT_STEP = {"step": 900}  # quarter-hour steps in the browser's picker


class EquipmentForm(forms.ModelForm):
    class Meta:
        model = Equipment
        fields = [
            "code",
            "name",
            "category",
            "manufacturer",
            "model_name",
            "description",
            "capabilities",
            "hourly_rate",
            "qualification",
            "room",
            "runs_unattended",
            "is_active",
        ]
        widgets = {
            "description": forms.Textarea(attrs={"rows": 3}),
            "capabilities": forms.Textarea(attrs={"rows": 4}),
        }


class QualificationForm(forms.ModelForm):
    class Meta:
        model = Qualification
        fields = ["code", "name", "description", "validity_months"]
        widgets = {"description": forms.Textarea(attrs={"rows": 3})}


class MaintenancePlanForm(forms.ModelForm):
    class Meta:
        model = MaintenancePlan
        fields = ["name", "every_weeks", "first_date", "start_time", "duration_minutes", "until", "is_active"]
        widgets = {
            "first_date": DateInput(),
            "until": DateInput(),
            "start_time": TimeInput(attrs=SLOT_STEP),
            "duration_minutes": forms.NumberInput(attrs={"step": 15, "min": 15}),
        }


class GrantForm(forms.Form):
    qualification = forms.ModelChoiceField(label=_("Habilitation"), queryset=Qualification.objects.all())
    person = forms.ModelChoiceField(
        label=_("Personne formée"),
        queryset=Person.objects.none(),
        widget=forms.Select(attrs={"data-tom-select": ""}),
        help_text=_("Tapez quelques lettres du nom."),
    )
    granted_on = forms.DateField(
        label=_("Formation validée le"), widget=DateInput(), initial=timezone.localdate
    )
    notes = forms.CharField(label=_("Remarques"), max_length=250, required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # People with an account (they are the ones who book), staff, learners and clients alike.
        self.fields["person"].queryset = (
            Person.objects.active()
            .filter(user__isnull=False)
            .select_related("organisation")
            .order_by("last_name", "first_name")
        )


class BookerField(forms.ModelChoiceField):
    def label_from_instance(self, obj: User) -> str:
        return obj.display_name


class BookingForm(forms.Form):
    equipment = forms.ModelChoiceField(
        label=_("Machine"),
        queryset=Equipment.objects.filter(is_active=True),
        widget=forms.Select(attrs={"data-tom-select": ""}),
    )
    start = forms.DateTimeField(label=_("Début"), widget=DateTimeInput(attrs=SLOT_STEP))
    end = forms.DateTimeField(label=_("Fin"), widget=DateTimeInput(attrs=SLOT_STEP))
    title = forms.CharField(
        label=_("Objet"),
        max_length=200,
        required=False,
        help_text=_("Par exemple : impression du support capteur V2."),
    )
    project = forms.ModelChoiceField(
        label=_("Projet client"), queryset=Project.objects.none(), required=False
    )
    notes = forms.CharField(label=_("Remarques"), required=False, widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(
        self, *args: Any, user: User, fixed_equipment: bool = False, for_others: bool = False, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        from hall32.industry.selectors.bookings import possible_bookers
        from hall32.industry.selectors.projects import projects_list

        if for_others:
            self.fields["for_user"] = BookerField(
                label=_("Pour"),
                queryset=possible_bookers(),
                required=False,
                empty_label=_("Moi-même"),
                help_text=_("La personne reçoit un courriel avec la réservation pour son agenda."),
                widget=forms.Select(attrs={"data-tom-select": ""}),
            )
            self.order_fields(["for_user"])

        self.fields["project"].queryset = projects_list(user=user).filter(
            status__in=[ProjectStatus.STUDY, ProjectStatus.QUOTE, ProjectStatus.IN_PROGRESS]
        )
        if not self.fields["project"].queryset.exists():
            del self.fields["project"]
        if fixed_equipment:
            self.fields["equipment"].widget = forms.HiddenInput()


class FreeMachinesForm(forms.Form):
    start = forms.DateTimeField(label=_("Du"), widget=DateTimeInput(attrs=SLOT_STEP))
    end = forms.DateTimeField(label=_("Au"), widget=DateTimeInput(attrs=SLOT_STEP))
    category = forms.ChoiceField(
        label=_("Catégorie"), choices=[("", _("Toutes"))] + list(Equipment.Category.choices), required=False
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if data.get("start") and data.get("end") and data["end"] <= data["start"]:
            self.add_error("end", _("La fin doit être après le début."))
        return data


# --- Projects ------------------------------------------------------------------------------------


class ProjectForm(forms.ModelForm):
    class Meta:
        model = Project
        fields = ["title", "client", "contact", "kind", "lead", "requested_on", "description"]
        widgets = {
            "client": forms.Select(attrs={"data-tom-select": ""}),
            "contact": forms.Select(attrs={"data-tom-select": ""}),
            "requested_on": DateInput(),
            "description": forms.Textarea(attrs={"rows": 4}),
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["client"].queryset = Organisation.objects.companies().order_by("name")
        self.fields["contact"].queryset = (
            Person.objects.active()
            .filter(organisation__kind=Organisation.Kind.COMPANY)
            .select_related("organisation")
        )
        self.fields["contact"].label_from_instance = lambda p: f"{p.full_name} ({p.organisation})"
        self.fields["lead"].queryset = User.objects.filter(
            groups__name="industry_engineer", is_active=True
        ).distinct()
        self.fields["lead"].label_from_instance = lambda u: u.display_name
        self.fields["requested_on"].initial = timezone.localdate


class ProjectRequestForm(forms.Form):
    title = forms.CharField(label=_("Votre projet en une phrase"), max_length=200)
    kind = forms.ChoiceField(label=_("Type d'accompagnement"), choices=ProjectKind.choices)
    description = forms.CharField(
        label=_("Votre besoin"),
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_(
            "La pièce ou le procédé, les quantités, les matériaux, vos délais : ce que vous savez déjà."
        ),
    )


class ProjectMoveForm(forms.Form):
    to = forms.ChoiceField(label=_("Nouvelle étape"), choices=ProjectStatus.choices)
    note = forms.CharField(label=_("Note"), max_length=300, required=False)
    satisfaction = forms.TypedChoiceField(
        label=_("Satisfaction du client"),
        choices=[("", "—")] + [(str(i), f"{i} / 5") for i in range(5, 0, -1)],
        coerce=int,
        empty_value=None,
        required=False,
        help_text=_("Demandée à la clôture."),
    )
    satisfaction_comment = forms.CharField(
        label=_("Commentaire du client"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )

    def __init__(self, *args: Any, project: Project, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["to"].choices = [(s, ProjectStatus(s).label) for s in project.next_statuses]
        if ProjectStatus.CLOSED not in project.next_statuses:
            del self.fields["satisfaction"]
            del self.fields["satisfaction_comment"]


class TimeEntryForm(forms.ModelForm):
    class Meta:
        model = TimeEntry
        fields = ["day", "hours", "activity", "note"]
        widgets = {"day": DateInput(), "hours": forms.NumberInput(attrs={"step": "0.25", "min": "0.25"})}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        # Its own ids: the project page also shows the step form, which has a "note" too.
        kwargs.setdefault("auto_id", "id_time_%s")
        super().__init__(*args, **kwargs)
        self.fields["day"].initial = timezone.localdate


class DeliverableForm(forms.ModelForm):
    class Meta:
        model = Deliverable
        fields = ["title", "kind", "due_on", "delivered_on", "file"]
        widgets = {"due_on": DateInput(), "delivered_on": DateInput()}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["file"].help_text = DELIVERABLE_FILES.help_text()
        self.fields["file"].widget.attrs["accept"] = DELIVERABLE_FILES.accept()


class QuoteLineForm(forms.ModelForm):
    class Meta:
        model = QuoteLine
        fields = ["kind", "label", "equipment", "quantity", "unit", "unit_price"]
        widgets = {
            "label": forms.TextInput(attrs={"placeholder": _("Désignation")}),
            "quantity": forms.NumberInput(attrs={"step": "0.25"}),
            "unit_price": forms.NumberInput(attrs={"step": "0.01"}),
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["equipment"].queryset = Equipment.objects.filter(is_active=True)
        self.fields["equipment"].required = False
        self.fields["unit_price"].required = False
        self.fields["unit"].initial = "h"

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        machine = data.get("equipment") is not None and data.get("kind") == QuoteLine.Kind.MACHINE
        if data.get("unit_price") in (None, "") and not machine:  # a machine line has its hourly rate
            self.add_error("unit_price", _("Indiquez le prix unitaire."))
        return data


QuoteLineFormSet = forms.formset_factory(
    QuoteLineForm, extra=2, min_num=1, validate_min=True, can_delete=True
)


class QuoteNotesForm(forms.Form):
    notes = forms.CharField(
        label=_("Conditions"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        initial=_("Devis valable 30 jours. Paiement à 30 jours fin de mois."),
    )


# --- Scheduling ----------------------------------------------------------------------------------


class ScheduleRunForm(forms.ModelForm):
    class Meta:
        model = ScheduleRun
        fields = ["name", "project", "not_before", "time_limit"]
        widgets = {"not_before": DateTimeInput(attrs=SLOT_STEP)}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["project"].queryset = Project.objects.open().select_related("client")
        if not self.instance.pk:
            tomorrow = timezone.localdate() + dt.timedelta(days=1)
            self.fields["not_before"].initial = dt.datetime.combine(tomorrow, dt.time(8, 0))


class OperationForm(forms.Form):
    job_label = forms.CharField(label=_("Ordre"), max_length=60)
    equipment = forms.ModelChoiceField(label=_("Machine"), queryset=Equipment.objects.filter(is_active=True))
    duration_minutes = forms.IntegerField(label=_("Durée (min)"), min_value=1, max_value=60 * 24 * 14)


OperationFormSet = forms.formset_factory(
    OperationForm, extra=3, can_delete=True, max_num=600, validate_max=True
)


# --- Modular line ---------------------------------------------------------------------------------


class LineForm(forms.ModelForm):
    arrival_distribution = forms.ChoiceField(
        label=_("Arrivées des pièces"),
        choices=[("", _("Ligne toujours alimentée (débit maximal)"))] + DISTRIBUTION_CHOICES,
        required=False,
    )

    class Meta:
        model = LineConfiguration
        fields = [
            "name",
            "description",
            "client",
            "project",
            "arrival_distribution",
            "arrival_p1",
            "arrival_p2",
            "arrival_p3",
            "target_per_hour",
            "horizon_hours",
            "warmup_hours",
            "replications",
            "seed",
        ]
        widgets = {
            "description": forms.Textarea(attrs={"rows": 2}),
            "client": forms.Select(attrs={"data-tom-select": ""}),
        }
        labels = {
            "arrival_p1": _("Arrivées : paramètre 1 (min)"),
            "arrival_p2": _("Arrivées : paramètre 2 (min)"),
            "arrival_p3": _("Arrivées : paramètre 3 (min)"),
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["client"].queryset = Organisation.objects.companies().order_by("name")
        self.fields["project"].queryset = Project.objects.select_related("client")


class ModuleForm(forms.Form):
    name = forms.CharField(label=_("Module"), max_length=100)
    kind = forms.ChoiceField(label=_("Type"), choices=LineModule.Kind.choices)
    distribution = forms.ChoiceField(label=_("Loi du temps de cycle"), choices=DISTRIBUTION_CHOICES)
    p1 = forms.FloatField(label=_("Paramètre 1 (min)"), required=False)
    p2 = forms.FloatField(label=_("Paramètre 2 (min)"), required=False)
    p3 = forms.FloatField(label=_("Paramètre 3 (min)"), required=False)
    capacity = forms.IntegerField(label=_("Unités"), initial=1)
    buffer = forms.IntegerField(label=_("Stock amont"), required=False)
    mtbf_hours = forms.FloatField(label=_("MTBF (h)"), required=False)
    mttr_minutes = forms.FloatField(label=_("MTTR (min)"), required=False)
    setup_minutes = forms.FloatField(label=_("Réglage (min)"), required=False, initial=0)
    batch = forms.IntegerField(label=_("Pièces par réglage"), initial=1)
    investment = forms.DecimalField(
        label=_("Coût d'une unité de plus (€)"), required=False, max_digits=12, decimal_places=2
    )
    routes = forms.CharField(
        label=_("Suites"),
        required=False,
        help_text=_(
            "Vide : module suivant. Sinon, par exemple « sortie:0,9 ; 2:0,1 » (rang du module à partir de 1)."
        ),
    )

    def clean_routes(self) -> list[dict[str, Any]]:
        return parse_routes(self.cleaned_data.get("routes") or "")


def parse_routes(text: str) -> list[dict[str, Any]]:
    """« sortie:0,9 ; 2:0,1 » -> [{"to": "exit", "probability": 0.9}, {"to": 1, "probability": 0.1}]."""
    routes = []
    for part in [p.strip() for p in text.replace("\n", ";").split(";") if p.strip()]:
        target, _sep, probability = part.partition(":")
        target = target.strip().lower()
        try:
            value = float(probability.strip().replace(",", ".").rstrip("%")) if probability.strip() else None
        except ValueError:
            raise forms.ValidationError(_("Probabilité illisible dans « %(p)s ».") % {"p": part}) from None
        if value is None:
            raise forms.ValidationError(
                _("Donnez une probabilité à « %(p)s » (par exemple 0,9).") % {"p": part}
            )
        if probability.strip().endswith("%") or value > 1:
            value = value / 100
        if target in {"sortie", "exit", "fin"}:
            routes.append({"to": "exit", "probability": value})
        elif target.isdigit() and int(target) >= 1:
            routes.append({"to": int(target) - 1, "probability": value})
        else:
            raise forms.ValidationError(
                _("Suite inconnue « %(t)s » : un rang de module ou « sortie ».") % {"t": target}
            )
    return routes


def routes_text(routes: list[dict[str, Any]]) -> str:
    def fmt(p: float) -> str:
        return f"{Decimal(str(round(p, 4))).normalize():f}".replace(".", ",")

    return " ; ".join(
        f"{'sortie' if r.get('to') in (None, 'exit') else int(r['to']) + 1}:{fmt(float(r.get('probability', 0)))}"
        for r in routes
    )


ModuleFormSet = forms.formset_factory(
    ModuleForm, extra=1, min_num=1, validate_min=True, can_delete=True, max_num=20
)
