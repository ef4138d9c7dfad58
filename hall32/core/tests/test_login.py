import pytest

from hall32.core.roles import Role
from hall32.core.tests.factories import TEST_PASSWORD


@pytest.fixture
def trainer_account(make_user):
    return make_user(Role.TRAINER, username="nadia")


def login(client, username, password):
    return client.post("/compte/connexion/", {"username": username, "password": password})


def test_a_good_login_opens_the_dashboard(client, trainer_account):
    response = login(client, "nadia", TEST_PASSWORD)

    assert response.status_code == 302
    assert client.get("/").context["user"] == trainer_account


def test_a_wrong_user_and_a_wrong_password_get_the_same_message(client, trainer_account):
    wrong_password = login(client, "nadia", "pas-le-bon")
    wrong_user = login(client, "inconnu", TEST_PASSWORD)

    assert wrong_password.status_code == wrong_user.status_code == 200
    assert wrong_password.context["form"].errors == wrong_user.context["form"].errors
    message = wrong_password.context["form"].non_field_errors()[0]
    assert "Identifiant ou mot de passe incorrect" in message


def test_repeated_failures_lock_the_account_even_with_the_right_password(client, trainer_account):
    for _ in range(5):
        login(client, "nadia", "pas-le-bon")

    response = login(client, "nadia", TEST_PASSWORD)

    assert response.status_code in {403, 429}
    assert "Trop de tentatives" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_other_accounts_are_not_locked_by_someone_elses_failures(client, trainer_account, make_user):
    make_user(Role.COORDINATOR, username="julien")
    for _ in range(5):
        login(client, "nadia", "pas-le-bon")

    assert login(client, "julien", TEST_PASSWORD).status_code == 302


def test_unknown_pages_get_a_french_404(client, db):
    response = client.get("/cette-page-n-existe-pas/")

    assert response.status_code == 404
    assert "Cette page n'existe pas" in response.content.decode()


def test_logout_needs_a_post_and_signs_out(client, trainer_account):
    client.force_login(trainer_account)

    response = client.post("/compte/deconnexion/")

    assert response.status_code == 302
    assert "_auth_user_id" not in client.session
