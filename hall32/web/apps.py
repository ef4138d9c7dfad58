from django.apps import AppConfig


class WebConfig(AppConfig):
    """The web kit every app's pages and API use; it knows no mission app."""

    name = "hall32.web"
    label = "web"
