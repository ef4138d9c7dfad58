"""The Celery application: Redis in production, eager (in process) on the embedded default."""

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "hall32.settings")

app = Celery("hall32")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
