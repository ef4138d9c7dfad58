"""Hall 32: the platform of an industrial training and innovation hub."""

from hall32.celery import app as celery_app

__all__ = ["celery_app"]
