"""Forms of the training app."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django import forms
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from hall32.core.models import Guardianship, Organisation, Person
from hall32.core.schoolyear import SchoolYear
from hall32.core.validators import validate_postcode
from hall32.training.importing import LEARNER_FILES
from hall32.training.models import (
    DECISIONS,
    Announcement,
    Application,
    ApplicationStatus,
    AttendanceCode,
    Cohort,
    Contract,
    Course,
    Enrolment,
    Evaluation,
    Programme,
    ProgrammeSession,
    Referral,
    ReferralStatus,
    Rubric,
    Situation,
)
from hall32.web.forms import DateInput

SEARCHABLE = {"data-tom-select": ""}


def intake_years() -> list[tuple[int, str]]:
    current = SchoolYear.of(timezone.localdate()).start_year
    return [(y, f"{y}-{y + 1}") for y in (current + 1, current)]


class ApplicationForm(forms.Form):
    """Apply online, without an account."""

    course = forms.ModelChoiceField(
        label=_("Formation"), queryset=Course.objects.none(), empty_label=_("Choisissez une formation")
    )
    school_year = forms.TypedChoiceField(label=_("Rentrée"), coerce=int, choices=())
    first_name = forms.CharField(label=_("Prénom"), max_length=100)
    last_name = forms.CharField(label=_("Nom"), max_length=100)
    birth_date = forms.DateField(label=_("Date de naissance"), widget=DateInput())
    gender = forms.ChoiceField(
        label=_("Genre"), choices=Person.Gender.choices, initial=Person.Gender.UNSPECIFIED
    )
    email = forms.EmailField(label=_("Courriel"))
    phone = forms.CharField(label=_("Téléphone"), max_length=30, required=False)
    postcode = forms.CharField(label=_("Code postal"), max_length=5, validators=[validate_postcode])
    city = forms.CharField(label=_("Commune"), max_length=120, required=False)
    situation = forms.ChoiceField(
        label=_("Vous êtes"), choices=[("", _("Choisissez…")), *Application.Situation.choices]
    )
    last_school = forms.CharField(label=_("Dernier établissement fréquenté"), max_length=200, required=False)
    motivation = forms.CharField(
        label=_("Votre motivation"),
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_(
            "Ce qui vous attire dans ce métier, ce que vous aimez faire de vos mains, vos projets. "
            "Pas besoin d'être long : soyez vous-même."
        ),
    )
    has_company = forms.BooleanField(label=_("J'ai déjà trouvé une entreprise d'accueil"), required=False)
    company_name = forms.CharField(label=_("Laquelle ?"), max_length=200, required=False)
    mobility_km = forms.IntegerField(
        label=_("Jusqu'où pouvez-vous aller pour votre entreprise (km) ?"),
        min_value=0,
        max_value=200,
        initial=25,
    )
    # No choice made in advance: an untouched answer would count in "how they heard of us".
    heard_from = forms.ChoiceField(
        label=_("Comment nous avez-vous connus ?"),
        choices=[("", _("Choisissez…")), *Application.HeardFrom.choices],
    )
    school_grades = forms.CharField(
        label=_("Vos notes (facultatif)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Elles nous aident à vous accompagner ; elles ne comptent jamais dans la décision."),
    )
    guardian_first_name = forms.CharField(
        label=_("Prénom du parent ou responsable"), max_length=100, required=False
    )
    guardian_last_name = forms.CharField(
        label=_("Nom du parent ou responsable"), max_length=100, required=False
    )
    guardian_email = forms.EmailField(label=_("Son courriel"), required=False)
    guardian_phone = forms.CharField(label=_("Son téléphone"), max_length=30, required=False)
    guardian_relationship = forms.ChoiceField(
        label=_("Lien"),
        choices=Guardianship.Relationship.choices,
        initial=Guardianship.Relationship.GUARDIAN,
        required=False,
    )
    consent = forms.BooleanField(
        label=_(
            "J'accepte que Hall 32 traite ces informations pour étudier ma candidature "
            "(et, si je suis mineur·e, les transmette à mon responsable légal)."
        )
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["course"].queryset = (
            Course.objects.published()
            .filter(level__in=[Course.Level.BAC_PRO, Course.Level.BTS, Course.Level.TITRE_PRO])
            .order_by("order")
        )
        self.fields["school_year"].choices = intake_years()

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if data.get("has_company") and not data.get("company_name"):
            self.add_error("company_name", _("Indiquez le nom de l'entreprise."))
        return data


class MoveForm(forms.Form):
    to_status = forms.ChoiceField(label=_("Étape suivante"), choices=())
    note = forms.CharField(
        label=_("Note (facultative)"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )

    def __init__(self, *args: Any, application: Application, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["to_status"].choices = [
            (s, ApplicationStatus(s).label) for s in application.next_statuses if s not in DECISIONS
        ]


class DecisionForm(forms.Form):
    decision = forms.ChoiceField(
        label=_("Décision"),
        widget=forms.RadioSelect,
        choices=[("admitted", _("Admettre")), ("rejected", _("Ne pas retenir"))],
    )
    reasons = forms.CharField(
        label=_("Motifs (repris dans le courrier)"),
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Fondez-les sur la personnalité et la motivation, jamais sur les notes."),
    )


class InterviewForm(forms.Form):
    held_on = forms.DateField(label=_("Date de l'entretien"), widget=DateInput())
    notes = forms.CharField(label=_("Observations"), required=False, widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args: Any, rubric: Rubric, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.rubric = rubric
        choices = [(0, _("0 – pas observé")), (1, "1"), (2, "2"), (3, "3"), (4, _("4 – remarquable"))]
        self.criteria = list(rubric.criteria.all())
        for criterion in self.criteria:
            self.fields[f"criterion_{criterion.pk}"] = forms.TypedChoiceField(
                label=f"{criterion.label} (× {criterion.weight})",
                choices=choices,
                coerce=int,
                help_text=criterion.description,
                widget=forms.RadioSelect(attrs={"class": "form-check-inline"}),
            )
        self.initial.setdefault("held_on", timezone.localdate())

    @property
    def scores(self) -> dict[int, int]:
        return {c.pk: self.cleaned_data[f"criterion_{c.pk}"] for c in self.criteria}


class ContractForm(forms.ModelForm):
    tutor_1 = forms.ModelChoiceField(
        label=_("Maître d'apprentissage n° 1"),
        queryset=Person.objects.none(),
        widget=forms.Select(attrs=SEARCHABLE),
    )
    tutor_1_job = forms.CharField(label=_("Son emploi"), max_length=120)
    tutor_1_years = forms.IntegerField(label=_("Ses années d'expérience"), min_value=0, initial=2)
    tutor_2 = forms.ModelChoiceField(
        label=_("Maître d'apprentissage n° 2 (facultatif)"),
        queryset=Person.objects.none(),
        required=False,
        widget=forms.Select(attrs=SEARCHABLE),
    )
    tutor_2_job = forms.CharField(label=_("Son emploi"), max_length=120, required=False)
    pay_1 = forms.DecimalField(
        label=_("Rémunération année 1 (% du SMIC)"),
        required=False,
        min_value=Decimal(0),
        max_value=Decimal(200),
        help_text=_("Vide : le minimum légal."),
    )
    pay_2 = forms.DecimalField(
        label=_("Année 2 (% du SMIC)"), required=False, min_value=Decimal(0), max_value=Decimal(200)
    )
    pay_3 = forms.DecimalField(
        label=_("Année 3 (% du SMIC)"), required=False, min_value=Decimal(0), max_value=Decimal(200)
    )

    class Meta:
        model = Contract
        fields = [
            "apprentice",
            "course",
            "employer",
            "opco",
            "kind",
            "start_date",
            "practical_start",
            "end_date",
            "weekly_hours",
            "dangerous_machines",
            "rhythm",
            "training_start",
            "exam_end",
            "training_hours",
            "employer_type",
            "naf_code",
            "workforce",
            "idcc_code",
            "retirement_fund",
            "birth_commune",
            "birth_department",
            "nationality",
            "social_regime",
            "disability_rqth",
            "high_level_athlete",
            "business_project",
            "prior_situation",
            "last_diploma_prepared",
            "last_class",
            "highest_diploma",
            "derogation",
            "previous_contract",
            "benefit_food",
            "benefit_housing",
        ]
        widgets = {
            "apprentice": forms.Select(attrs=SEARCHABLE),
            "employer": forms.Select(attrs=SEARCHABLE),
            "start_date": DateInput(),
            "practical_start": DateInput(),
            "end_date": DateInput(),
            "training_start": DateInput(),
            "exam_end": DateInput(),
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # matching: a draft opened for an accepted introduction may be for someone admitted and
        # not yet enrolled; their own contract's form still offers them.
        enrolled = Q(enrolments__isnull=False)
        if self.instance.apprentice_id:
            enrolled |= Q(pk=self.instance.apprentice_id)
        self.fields["apprentice"].queryset = Person.objects.active().filter(enrolled).distinct()
        self.fields["employer"].queryset = Organisation.objects.companies()
        self.fields["opco"].queryset = Organisation.objects.filter(kind=Organisation.Kind.FUNDER)
        contacts = Person.objects.active().filter(organisation__kind=Organisation.Kind.COMPANY)
        self.fields["tutor_1"].queryset = contacts
        self.fields["tutor_2"].queryset = contacts
        self.fields["course"].queryset = Course.objects.exclude(level=Course.Level.SHORT)
        if self.instance.pk:
            tutors = list(self.instance.tutors.all())
            if tutors:
                self.initial.update(
                    tutor_1=tutors[0].person_id,
                    tutor_1_job=tutors[0].job_title,
                    tutor_1_years=tutors[0].years_experience,
                )
            if len(tutors) > 1:
                self.initial.update(tutor_2=tutors[1].person_id, tutor_2_job=tutors[1].job_title)
            for period in self.instance.pay_periods.all():
                self.initial[f"pay_{period.year_index}"] = period.percent

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if data.get("tutor_2") and not data.get("tutor_2_job"):
            self.add_error("tutor_2_job", _("Indiquez l'emploi du second maître d'apprentissage."))
        if data.get("tutor_1") and data.get("tutor_2") and data["tutor_1"] == data["tutor_2"]:
            self.add_error("tutor_2", _("Les deux maîtres d'apprentissage doivent être différents."))
        return data

    def pay(self) -> dict[int, Decimal]:
        return {
            i: self.cleaned_data[f"pay_{i}"]
            for i in (1, 2, 3)
            if self.cleaned_data.get(f"pay_{i}") is not None
        }


class SignForm(forms.Form):
    signed_on = forms.DateField(label=_("Date de signature"), widget=DateInput(), initial=timezone.localdate)


class BreakForm(forms.Form):
    broken_on = forms.DateField(label=_("Date de la rupture"), widget=DateInput())
    break_reason = forms.CharField(label=_("Motif"), max_length=200)
    confirm = forms.BooleanField(label=_("Je confirme la rupture de ce contrat."))


class BulkEnrolForm(forms.Form):
    learners = forms.ModelMultipleChoiceField(
        label=_("Apprenant·e·s"),
        queryset=Person.objects.none(),
        widget=forms.SelectMultiple(attrs=SEARCHABLE),
    )
    status = forms.ChoiceField(label=_("Statut"), choices=Enrolment.Status.choices)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["learners"].queryset = (
            Person.objects.active().filter(birth_date__isnull=False).order_by("last_name", "first_name")
        )


class ImportForm(forms.Form):
    file = forms.FileField(label=_("Fichier CSV ou XLSX"))

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["file"].validators.append(LEARNER_FILES)
        self.fields["file"].widget.attrs["accept"] = LEARNER_FILES.accept()
        self.fields["file"].help_text = _(
            "Une ligne d'en-tête puis une ligne par apprenant·e ; CSV (séparateur ; , ou tabulation, "
            "UTF-8 ou Windows-1252) ou XLSX, %(mb)s Mo au plus. Obligatoires : Nom, Prénom, Date de "
            "naissance (JJ/MM/AAAA). Facultatives : Genre, Courriel, Téléphone, Code postal, Commune, "
            "Statut, et pour un·e mineur·e Nom, Prénom, Courriel et Téléphone du responsable. Les "
            "noms usuels sont reconnus, en français ou en anglais (Nom de famille, Né(e) le, E-mail, "
            "Portable, CP, first_name…)."
        ) % {"mb": LEARNER_FILES.limit_mb}


class TimetableForm(forms.Form):
    modules = forms.CharField(
        label=_("Modules (un par ligne)"),
        widget=forms.Textarea(attrs={"rows": 5}),
        initial="Atelier : maintenance préventive\nMathématiques et sciences\nFrançais, histoire-géographie\n"
        "Atelier : diagnostic de pannes\nAnglais technique\nPrévention, santé, environnement",
    )
    until = forms.DateField(
        label=_("Jusqu'au"),
        widget=DateInput(),
        required=False,
        help_text=_("Vide : jusqu'à la fin de l'année."),
    )


class AttendanceForm(forms.Form):
    """One code (and minutes late, and a remark) per learner of the session."""

    def __init__(self, *args: Any, learners: list[Person], existing: dict[int, Any], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        codes = list(AttendanceCode.objects.all())
        default = next((c.pk for c in codes if c.is_default), codes[0].pk if codes else None)
        self.learners = learners
        for learner in learners:
            current = existing.get(learner.pk)
            self.fields[f"code_{learner.pk}"] = forms.TypedChoiceField(
                label=learner.full_name,
                choices=[(c.pk, c.label) for c in codes],
                coerce=int,
                initial=current.code_id if current else default,
                widget=forms.RadioSelect(attrs={"class": "form-check-inline"}),
            )
            self.fields[f"late_{learner.pk}"] = forms.IntegerField(
                label=_("Retard (min)"),
                min_value=0,
                max_value=240,
                required=False,
                initial=current.minutes_late if current else None,
                widget=forms.NumberInput(
                    attrs={
                        "class": "form-control form-control-sm",
                        "style": "max-width:6rem",
                        "aria-label": _("Retard de %(name)s (minutes)") % {"name": learner.full_name},
                        "placeholder": _("Retard (min)"),
                    }
                ),
            )
            self.fields[f"note_{learner.pk}"] = forms.CharField(
                label=_("Remarque"),
                max_length=200,
                required=False,
                initial=current.note if current else "",
                widget=forms.TextInput(
                    attrs={
                        "class": "form-control form-control-sm",
                        "aria-label": _("Remarque sur %(name)s") % {"name": learner.full_name},
                        "placeholder": _("Remarque"),
                    }
                ),
            )

    def rows(self) -> list[tuple[Person, Any, Any, Any]]:
        return [(p, self[f"code_{p.pk}"], self[f"late_{p.pk}"], self[f"note_{p.pk}"]) for p in self.learners]


class EvaluationForm(forms.Form):
    competency = forms.ModelChoiceField(label=_("Compétence"), queryset=None)
    level = forms.TypedChoiceField(
        label=_("Niveau"), choices=Evaluation.Level.choices, coerce=int, widget=forms.RadioSelect
    )
    on = forms.DateField(label=_("Date"), widget=DateInput(), initial=timezone.localdate)
    comment = forms.CharField(label=_("Commentaire"), max_length=300, required=False)

    def __init__(self, *args: Any, course: Course, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        from hall32.training.models import Competency

        self.fields["competency"].queryset = Competency.objects.filter(block__course=course).select_related(
            "block"
        )


class OutcomeForm(forms.Form):
    exit_date = forms.DateField(label=_("Date de sortie"), widget=DateInput())
    completed = forms.BooleanField(label=_("Parcours mené à son terme"), required=False, initial=True)
    diploma_obtained = forms.NullBooleanField(
        label=_("Diplôme obtenu"),
        required=False,
        widget=forms.Select(
            choices=[("unknown", _("Pas encore connu")), ("true", _("Oui")), ("false", _("Non"))]
        ),
    )
    situation = forms.ChoiceField(label=_("Situation à la sortie"), choices=Situation.choices)
    detail = forms.CharField(label=_("Précision"), max_length=200, required=False)
    employer = forms.ModelChoiceField(
        label=_("Employeur"),
        queryset=Organisation.objects.companies(),
        required=False,
        widget=forms.Select(attrs=SEARCHABLE),
    )


class FollowupForm(forms.Form):
    followup_situation = forms.ChoiceField(label=_("Situation à 6 mois"), choices=Situation.choices)
    followup_on = forms.DateField(label=_("Date du suivi"), widget=DateInput(), initial=timezone.localdate)
    followup_detail = forms.CharField(label=_("Précision"), max_length=200, required=False)


class ReferralForm(forms.Form):
    """A partner refers someone to a programme."""

    programme = forms.ModelChoiceField(label=_("Programme"), queryset=Programme.objects.all())
    session = forms.ModelChoiceField(
        label=_("Session (si connue)"), queryset=ProgrammeSession.objects.none(), required=False
    )
    first_name = forms.CharField(label=_("Prénom"), max_length=100)
    last_name = forms.CharField(label=_("Nom"), max_length=100)
    birth_date = forms.DateField(label=_("Date de naissance"), widget=DateInput())
    email = forms.EmailField(label=_("Courriel"), required=False)
    phone = forms.CharField(label=_("Téléphone"), max_length=30, required=False)
    postcode = forms.CharField(
        label=_("Code postal"), max_length=5, required=False, validators=[validate_postcode]
    )
    reason = forms.CharField(label=_("Motif de l'orientation"), widget=forms.Textarea(attrs={"rows": 3}))
    referred_by = forms.ModelChoiceField(
        label=_("Structure prescriptrice"),
        queryset=Organisation.objects.none(),
        widget=forms.Select(attrs=SEARCHABLE),
    )
    consent = forms.BooleanField(
        label=_("La personne a accepté que ses coordonnées soient transmises à Hall 32.")
    )

    def __init__(self, *args: Any, fixed_agency: Organisation | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["session"].queryset = ProgrammeSession.objects.filter(end__gte=timezone.localdate())
        self.fields["referred_by"].queryset = Organisation.objects.filter(
            kind__in=[Organisation.Kind.AGENCY, Organisation.Kind.COMPANY]
        )
        if fixed_agency is not None:
            self.fields["referred_by"].initial = fixed_agency.pk
            self.fields["referred_by"].disabled = True


class ReferralMoveForm(forms.Form):
    to_status = forms.ChoiceField(label=_("Étape"), choices=())
    on = forms.DateField(label=_("Date"), widget=DateInput(), initial=timezone.localdate)
    session = forms.ModelChoiceField(
        label=_("Session"), queryset=ProgrammeSession.objects.none(), required=False
    )

    def __init__(self, *args: Any, referral: Referral, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        from hall32.training.models import REFERRAL_TRANSITIONS

        self.fields["to_status"].choices = [
            (s, ReferralStatus(s).label)
            for s in REFERRAL_TRANSITIONS[referral.status]
            if s != ReferralStatus.COMPLETED
        ]
        self.fields["session"].queryset = referral.programme.sessions.all()


class NoteForm(forms.Form):
    week = forms.IntegerField(label=_("Semaine"), min_value=1, max_value=52)
    note = forms.CharField(label=_("Point d'étape"), widget=forms.Textarea(attrs={"rows": 3}))


class ReferralOutcomeForm(forms.Form):
    outcome = forms.ChoiceField(label=_("Sortie"), choices=Referral.Outcome.choices)
    on = forms.DateField(label=_("Date"), widget=DateInput(), initial=timezone.localdate)
    detail = forms.CharField(label=_("Précision"), max_length=200, required=False)
    employer = forms.ModelChoiceField(
        label=_("Employeur"),
        queryset=Organisation.objects.companies(),
        required=False,
        widget=forms.Select(attrs=SEARCHABLE),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        # Its own ids: the referral page also shows the step form, which has an "on" date too.
        kwargs.setdefault("auto_id", "id_outcome_%s")
        super().__init__(*args, **kwargs)


class AnnouncementForm(forms.Form):
    """A message from the hub to a cohort or to all, for learners, parents or tutors."""

    title = forms.CharField(label=_("Titre"), max_length=120)
    body = forms.CharField(label=_("Message"), max_length=2000, widget=forms.Textarea(attrs={"rows": 5}))
    audience = forms.ChoiceField(
        label=_("Destinataires"),
        choices=Announcement.Audience.choices,
        initial=Announcement.Audience.EVERYONE,
    )
    cohort = forms.ModelChoiceField(
        label=_("Promotion"),
        queryset=Cohort.objects.none(),
        required=False,
        empty_label=_("Toutes les promotions"),
    )
    published_on = forms.DateField(
        label=_("Afficher à partir du"), widget=DateInput(), initial=timezone.localdate
    )
    expires_on = forms.DateField(
        label=_("Afficher jusqu'au"),
        widget=DateInput(),
        required=False,
        help_text=_("Laissez vide pour l'afficher jusqu'à ce qu'il soit retiré."),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        year = SchoolYear.of(timezone.localdate()).start_year
        self.fields["cohort"].queryset = (
            Cohort.objects.filter(school_year__gte=year)
            .select_related("course")
            .order_by("school_year", "code")
        )
        self.fields["cohort"].label_from_instance = lambda c: c.label
