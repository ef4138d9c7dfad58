from django import forms
from django.contrib.auth.forms import AuthenticationForm
from django.utils.translation import gettext_lazy as _

WRONG_CREDENTIALS = _(
    "Identifiant ou mot de passe incorrect. Vérifiez votre saisie (les majuscules comptent)."
)


class LoginForm(AuthenticationForm):
    """The login form: its one error never says which of the user name or password was wrong."""

    error_messages = {"invalid_login": WRONG_CREDENTIALS, "inactive": WRONG_CREDENTIALS}

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["username"].label = _("Identifiant")
        self.fields["username"].widget.attrs.update({"autocomplete": "username", "autofocus": True})
        self.fields["password"].widget = forms.PasswordInput(attrs={"autocomplete": "current-password"})
        self.fields["password"].label = _("Mot de passe")
