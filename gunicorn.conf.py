"""gunicorn's settings, read by `gunicorn hall32.wsgi` (and `make run`) from the project directory.

Its access log (one line per request, on standard output) goes through the same filter as
Django's logs: no secret link (class bookings, applications, calendar feeds) is ever written to it.
Levels come from gunicorn's own `--log-level`.
"""

logconfig_dict = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"secrets": {"()": "hall32.core.logs.RedactSecrets"}},
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "formatter": "plain",
            "filters": ["secrets"],
            "stream": "ext://sys.stdout",
        }
    },
    "loggers": {
        "gunicorn.error": {"handlers": ["console"], "propagate": False},
        "gunicorn.access": {"handlers": ["console"], "propagate": False},
    },
}
