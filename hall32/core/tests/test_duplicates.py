"""Duplicate organisations: the same SIRET, or a close name at the same postcode, is refused with a
link to the record already there; an edit of a record never clashes with itself."""

import pytest

from hall32.core import services
from hall32.core.duplicates import names_are_close, normalised_name
from hall32.core.errors import Conflict
from hall32.core.models import Organisation
from hall32.core.roles import Role
from hall32.core.tests.factories import OrganisationFactory

pytestmark = pytest.mark.django_db

SIRET = "73282932000074"


@pytest.mark.parametrize(
    ("first", "second"),
    [
        ("Tôlerie du Forez SAS", "TOLERIE DU FOREZ"),
        ("Dupont & Fils", "Dupont et fils S.A.R.L."),
        ("Mécanique Dupont", "Mecaniques Dupont"),
        ("Usinage Arverne, SASU", "Usinage-Arverne"),
        ("Tôlerie du Forez", "Tolerie Forez"),
        ("Garage de la Gare", "Garage Gare"),
    ],
)
def test_names_that_differ_by_case_accents_legal_form_or_punctuation_are_close(first, second):
    assert names_are_close(first, second)


@pytest.mark.parametrize(
    ("first", "second"),
    [
        ("Collège 12", "Collège 13"),
        ("Michelin", "Michelin Clermont"),
        ("Dupont frères", "Dupont et fils"),
        ("SAS", "SARL"),
        ("MLDS de l'académie de Clermont-Ferrand", "Rectorat de l'académie de Clermont-Ferrand"),
        ("MDP Bourbonnais", "RDI Bourbonnais"),
    ],
)
def test_names_that_differ_in_their_numbers_or_words_are_not_close(first, second):
    assert not names_are_close(first, second)


def test_the_normalised_name_drops_legal_forms_and_the_ampersand():
    assert normalised_name("Ateliers Gévaudan & Cie — S.A.S.") == "ateliers gevaudan cie"


def test_a_new_organisation_with_a_siret_already_used_is_refused_naming_the_other():
    existing = OrganisationFactory(name="Tôlerie du Forez", siret=SIRET, city="Thiers")

    with pytest.raises(Conflict) as refusal:
        services.organisation_save(
            organisation=Organisation(name="TDF", kind="company", siret="732 829 320 00074")
        )

    assert refusal.value.field == "siret"
    assert "Tôlerie du Forez" in refusal.value.message and "Thiers" in refusal.value.message
    assert refusal.value.link == existing.get_absolute_url()
    assert Organisation.objects.count() == 1


def test_a_close_name_at_the_same_postcode_is_refused_but_not_at_another_postcode():
    OrganisationFactory(name="Mécanique Dupont SARL", postcode="63000")

    with pytest.raises(Conflict) as refusal:
        services.organisation_save(
            organisation=Organisation(name="Mecaniques Dupont", kind="company", postcode="63000")
        )
    assert refusal.value.field == "name"

    elsewhere = services.organisation_save(
        organisation=Organisation(name="Mecaniques Dupont", kind="company", postcode="63100")
    )
    assert elsewhere.pk


def test_editing_an_organisation_never_clashes_with_itself():
    org = OrganisationFactory(name="Tôlerie du Forez", siret=SIRET, postcode="63300")
    org.name = "Tôlerie du Forez SAS"

    services.organisation_save(organisation=org)

    org.refresh_from_db()
    assert org.name == "Tôlerie du Forez SAS"


def test_editing_an_organisation_onto_another_ones_siret_is_refused():
    OrganisationFactory(name="Tôlerie du Forez", siret=SIRET)
    other = OrganisationFactory(name="Usinage Arverne")
    other.siret = SIRET

    with pytest.raises(Conflict):
        services.organisation_save(organisation=other)


def test_the_form_shows_the_duplicate_next_to_the_siret_with_a_link_to_the_existing_record(
    as_user, make_user
):
    existing = OrganisationFactory(name="Tôlerie <du> Forez", siret=SIRET)
    client = as_user(make_user(Role.COORDINATOR))

    response = client.post(
        "/annuaire/organisations/nouvelle/", {"name": "Autre nom", "kind": "company", "siret": SIRET}
    )

    html = response.content.decode()
    assert response.status_code == 200
    assert "siret" in response.context["form"].errors
    assert f'href="{existing.get_absolute_url()}"' in html
    assert "Tôlerie &lt;du&gt; Forez" in html  # the name in the message is escaped, the link is not
    assert Organisation.objects.count() == 1


def test_the_form_refuses_a_close_name_next_to_the_name_field(as_user, make_user):
    existing = OrganisationFactory(name="Tôlerie du Forez", postcode="63300")
    client = as_user(make_user(Role.COORDINATOR))

    response = client.post(
        "/annuaire/organisations/nouvelle/",
        {"name": "TOLERIE DU FOREZ SAS", "kind": "company", "postcode": "63300"},
    )

    assert "name" in response.context["form"].errors
    assert f'href="{existing.get_absolute_url()}"' in response.content.decode()


def test_the_form_still_refuses_a_uai_already_used_next_to_its_field(as_user, make_user):
    OrganisationFactory(name="Lycée Blaise Pascal", kind="school", uai="0630018C")
    client = as_user(make_user(Role.COORDINATOR))

    response = client.post(
        "/annuaire/organisations/nouvelle/", {"name": "Autre lycée", "kind": "school", "uai": "0630018c"}
    )

    assert "uai" in response.context["form"].errors
