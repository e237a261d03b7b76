"""Settings for `make run`: SQLite unless DATABASE_URL says otherwise, debug off by default."""

import os

from .base import *  # noqa: F403

SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY", "local-only-secret-key-not-for-any-real-deployment")
DEBUG = os.environ.get("DJANGO_DEBUG", "") == "1"
ALLOWED_HOSTS = ["127.0.0.1", "localhost", "[::1]"]

# Serve the committed assets straight from static/, so `make run` needs no collectstatic.
WHITENOISE_USE_FINDERS = True
# Nothing is collected locally; WhiteNoise reads the source folders through the finders.
STATIC_ROOT = None
WHITENOISE_AUTOREFRESH = DEBUG
