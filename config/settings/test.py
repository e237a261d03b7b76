"""Settings for the test suite: fast password hashing, static files served from the source folder."""

from .base import *  # noqa: F403

SECRET_KEY = "test-only-secret-key"
DEBUG = False
ALLOWED_HOSTS = ["127.0.0.1", "localhost", "testserver"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
# Nothing is collected for the tests: WhiteNoise reads the source folders through the finders,
# and static URLs carry no hash. The tests of the production settings collect and serve them as
# a deployment does (steadfast/core/tests/test_production.py).
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
WHITENOISE_USE_FINDERS = True
STATIC_ROOT = None
WHITENOISE_AUTOREFRESH = True
# Background tasks keep the database backend of base.py, as in production: queuing a task writes
# its row, and a test that wants it run runs the worker (steadfast/reminders/tests/test_tasks.py).
# Text messages are kept in steadfast.core.texts.outbox, emptied before each test (conftest.py).
TEXT_BACKEND = "steadfast.core.texts.LocmemTextBackend"
