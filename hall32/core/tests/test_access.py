"""What each role can and cannot open."""

import pytest

from hall32.core.roles import Role

# (url, roles that may open it); any other signed-in role gets 403, visitors go to the login page.
PAGES = [
    (
        "/annuaire/organisations/",
        {
            Role.DIRECTION,
            Role.COORDINATOR,
            Role.OUTREACH_OFFICER,
            Role.INDUSTRY_ENGINEER,
            Role.TRAINER,
        },
    ),
    (
        "/annuaire/organisations/nouvelle/",
        {Role.DIRECTION, Role.COORDINATOR, Role.OUTREACH_OFFICER, Role.INDUSTRY_ENGINEER},
    ),
    (
        "/annuaire/personnes/",
        {
            Role.DIRECTION,
            Role.COORDINATOR,
            Role.OUTREACH_OFFICER,
            Role.INDUSTRY_ENGINEER,
            Role.TRAINER,
        },
    ),
    ("/annuaire/personnes/nouvelle/", {Role.DIRECTION, Role.COORDINATOR, Role.OUTREACH_OFFICER}),
    ("/audit/", {Role.DIRECTION}),
    (
        "/impact/",
        {
            Role.DIRECTION,
            Role.COORDINATOR,
            Role.OUTREACH_OFFICER,
            Role.INDUSTRY_ENGINEER,
            Role.TRAINER,
        },
    ),
]
ALL_ROLES = [r.value for r in Role]


@pytest.mark.parametrize("url,allowed", PAGES)
@pytest.mark.parametrize("role", ALL_ROLES)
def test_each_role_opens_only_its_pages(client, make_user, url, allowed, role):
    client.force_login(make_user(role))

    response = client.get(url)

    assert response.status_code == (200 if role in allowed else 403), (role, url)


@pytest.mark.parametrize("url,allowed", PAGES)
def test_visitors_are_sent_to_the_login_page(client, db, url, allowed):
    response = client.get(url)

    assert response.status_code == 302
    assert response["Location"].startswith("/compte/connexion/?next=")


@pytest.mark.parametrize("role", ALL_ROLES)
def test_every_role_has_a_dashboard(client, make_user, role):
    client.force_login(make_user(role))

    response = client.get("/")

    assert response.status_code == 200
    assert "Bonjour" in response.content.decode()


def test_a_user_without_role_sees_only_the_public_menu(as_user, outsider, client):
    public_menu = client.get("/").context["nav_menu"]

    response = as_user(outsider).get("/")

    assert response.status_code == 200
    assert response.context["nav_menu"] == public_menu
    assert [s["key"] for s in public_menu] == ["inform", "train", "innovate"]  # the machines are public


@pytest.mark.parametrize(
    "role,can_open",
    [(Role.DIRECTION, True), (Role.COORDINATOR, True), (Role.TRAINER, False), (Role.CLIENT, False)],
)
def test_the_admin_opens_for_direction_and_coordination_only(client, make_user, role, can_open):
    client.force_login(make_user(role))

    response = client.get("/admin/")

    assert response.status_code == (200 if can_open else 302)


def test_the_admin_shows_the_audit_trail_to_direction_but_not_to_coordination(client, make_user):
    client.force_login(make_user(Role.COORDINATOR))
    assert client.get("/admin/core/auditentry/").status_code == 403

    client.force_login(make_user(Role.DIRECTION))
    assert client.get("/admin/core/auditentry/").status_code == 200


def test_the_menu_lists_only_what_the_role_may_open(as_user, make_user):
    response = as_user(make_user(Role.DIRECTION)).get("/")
    labels = [item["label"] for section in response.context["nav_menu"] for item in section["items"]]
    assert "Journal d'audit" in [str(label) for label in labels]

    response = as_user(make_user(Role.TRAINER)).get("/")
    labels = [str(item["label"]) for section in response.context["nav_menu"] for item in section["items"]]
    assert "Journal d'audit" not in labels
