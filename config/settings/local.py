"""Settings for `make run` and `make dev`: SQLite unless DATABASE_URL says otherwise, debug off
unless DJANGO_DEBUG=1 (`make dev` sets it). Production's, less HTTPS and its required variables."""

import os

from .base import *  # noqa: F403

SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY", "local-only-secret-key-not-for-any-real-deployment")
DEBUG = os.environ.get("DJANGO_DEBUG", "") == "1"
ALLOWED_HOSTS = ["127.0.0.1", "localhost", "[::1]"]

# Static files are collected and served as in production (base.py). In debug mode (`make dev`)
# WhiteNoise, by its own defaults, also serves them from static/ and notices a changed file.
