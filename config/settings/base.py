"""Settings shared by every environment. Secrets and hosts live in the environment-specific files."""

import datetime
import os
import tempfile
from pathlib import Path
from urllib.parse import urlsplit

import dj_database_url
import jinja2
from django.utils.csp import CSP

BASE_DIR = Path(__file__).resolve().parent.parent.parent

AUTHORITY_NAME = os.environ.get("STEADFAST_AUTHORITY_NAME", "Northbridge Council (fictional)")
SERVICE_NAME = "Steadfast"

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "simple_history",
    "django_tasks_db",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp_webauthn",
    "axes",
    "steadfast.core",
    "steadfast.audit",
    "steadfast.accounts",
    "steadfast.security",
    "steadfast.children",
    "steadfast.households",
    "steadfast.placements",
    "steadfast.concerns",
    "steadfast.meetings",
    "steadfast.supervision",
    "steadfast.visits",
    "steadfast.words_and_pictures",
    "steadfast.voice",
    "steadfast.carer_messages",
    "steadfast.carers_portal",
    "steadfast.young_people",
    "steadfast.assessments",
    "steadfast.support_requests",
    "steadfast.carer_logs",
    "steadfast.grids",
    "steadfast.my_work",
    "steadfast.signals",
    "steadfast.oversight",
    "steadfast.measures",
    "steadfast.reminders",
    "steadfast.restrictions",
    "steadfast.subject_access",
    "steadfast.retention",
    "steadfast.emergency_access",
    "steadfast.demo",
    "steadfast.interop",
    "steadfast.api",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # The content security policy and frame options come next, so that every response carries
    # them: an error page drawn because a later middleware failed (the database down) too.
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_permissions_policy.PermissionsPolicyMiddleware",
    "steadfast.core.middleware.NoStoreMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    # Before anything reads what the person may see: a session past its limits, or ended by an
    # administrator, is signed out here, and one still waiting for its second factor goes no
    # further than the pages that ask for it.
    "steadfast.accounts.middleware.SessionLimitsMiddleware",
    "django.contrib.auth.middleware.LoginRequiredMiddleware",
    "steadfast.accounts.middleware.SecondFactorMiddleware",
    "steadfast.carers_portal.middleware.CarerPortalMiddleware",
    # Traces a request refused a record that exists (answered 404 all the same), once the
    # response is ready; see steadfast/audit/refusals.py.
    "steadfast.audit.refusals.RefusedRequestsMiddleware",
    "steadfast.accounts.middleware.VisibilityMiddleware",
    # After messages, so that a form sent twice is answered with a message saying so.
    "steadfast.core.middleware.ResubmissionMiddleware",
    "steadfast.api.middleware.IdempotencyMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    # Last, so that it sees the lockout a failed sign-in anywhere above it marked on the request.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

_app_template_dirs = sorted(str(p) for p in (BASE_DIR / "steadfast").glob("*/templates"))

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.jinja2.Jinja2",
        "DIRS": [],
        "APP_DIRS": False,
        "OPTIONS": {
            "environment": "steadfast.core.jinja2.environment",
            "context_processors": [
                "django.template.context_processors.csp",
                "steadfast.accounts.context_processors.navigation",
                "steadfast.reminders.context_processors.unread_reminders",
            ],
            "loader": jinja2.ChoiceLoader(
                [
                    jinja2.FileSystemLoader([str(BASE_DIR / "templates"), *_app_template_dirs]),
                    jinja2.PrefixLoader(
                        {"govuk_frontend_jinja": jinja2.PackageLoader("govuk_frontend_jinja")}
                    ),
                ]
            ),
            "autoescape": True,
            "undefined": jinja2.ChainableUndefined,
        },
    },
    {
        # Only the Django admin renders through the Django template language.
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}", conn_max_age=60, conn_health_checks=True
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"]["OPTIONS"] = {
        "transaction_mode": "IMMEDIATE",
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON;",
    }
    DATABASES["default"]["CONN_MAX_AGE"] = 0
    DATABASES["default"]["CONN_HEALTH_CHECKS"] = False

if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # The list queries are short but their cost estimates cross PostgreSQL's JIT threshold at
    # a few thousand children, and compiling them takes seconds: switch JIT off for this app.
    DATABASES["default"].setdefault("OPTIONS", {})["options"] = "-c jit=off"

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_USER_MODEL = "accounts.User"
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "home"  # My work for staff; it sends carers on to their portal
LOGOUT_REDIRECT_URL = "accounts:login"

# django-axes refuses a password, wherever it is checked (Steadfast's sign-in, the Django admin's,
# which sends people to Steadfast's), once 10 wrong guesses have been made for one account, or
# from one address, with no more than 5 minutes between them; the refusal lasts 5 minutes. Wrong
# second-factor codes, and wrong passwords when confirming it is you, count as guesses too.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = 10
AXES_COOLOFF_TIME = datetime.timedelta(minutes=5)
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]
AXES_LOCKOUT_CALLABLE = "steadfast.accounts.views.locked_out"
AXES_CLIENT_IP_CALLABLE = "steadfast.audit.addresses.client_address"
AXES_RESET_ON_SUCCESS = True
# Steadfast's audit trail records every sign-in, sign-out and failure; axes keeps only its counts.
AXES_DISABLE_ACCESS_LOG = True
AXES_ENABLE_ADMIN = False
AXES_VERBOSE = False
# How many proxies (load balancers) stand in front of the web servers and add to
# X-Forwarded-For: the address a request came from is the one the last of them saw. None here.
TRUSTED_PROXY_COUNT = int(os.environ.get("STEADFAST_TRUSTED_PROXY_COUNT", "0"))

# A second factor (an authenticator app's code, or a recovery code) at sign-in: offered to
# everyone, and required of staff (everyone but foster carers) where this is on, as it is in
# production. django-otp's TOTP devices, and Steadfast's own recovery codes (accounts.models).
SECOND_FACTOR_REQUIRED_FOR_STAFF = False
OTP_TOTP_ISSUER = f"{SERVICE_NAME} ({AUTHORITY_NAME})"  # the name an authenticator app shows
# Before a whole list is downloaded, or a second factor changed, the person enters their password
# (and code) again unless they did so, or signed in, within this long.
REAUTHENTICATION_WINDOW = datetime.timedelta(minutes=5)
# How long a record opened in an emergency stays open to the person who opened it (ADR 0041).
EMERGENCY_ACCESS_DURATION = datetime.timedelta(
    hours=float(os.environ.get("STEADFAST_EMERGENCY_ACCESS_HOURS", "4"))
)

# New passwords are hashed with Argon2id (steadfast/accounts/hashers.py, ADR 0019); a password
# stored with PBKDF2 is still accepted, and rehashed with Argon2id when its owner signs in.
PASSWORD_HASHERS = [
    "steadfast.accounts.hashers.Argon2idPasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 12}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "en-gb"
TIME_ZONE = "Europe/London"
USE_I18N = False
USE_TZ = True

STATIC_URL = "/static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = Path(os.environ.get("DJANGO_STATIC_ROOT", BASE_DIR / "staticfiles"))
# `collectstatic` copies the static files into STATIC_ROOT with a hash of their content in their
# names, compressed, and WhiteNoise serves them from there with far-future caching. `make run`
# collects them before it serves, as a deployment does.
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

# Each process keeps what each user may see between requests that read only, under the access
# rules' version (see accounts.access.remember_visibility): in its own memory, since the
# version, read from the database on each request, says when a kept answer no longer holds.
CACHES = {
    "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
    "visibility": {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
        "LOCATION": "visibility",
        "TIMEOUT": 60 * 60,
        "OPTIONS": {"MAX_ENTRIES": 20000},
    },
}

# A session ends after 30 minutes without a request, and 10 hours after signing in, whatever
# happens in between (accounts.middleware.SessionLimitsMiddleware), and when the browser closes.
# Each page warns 2 minutes before the idle end and offers to stay signed in.
SESSION_IDLE_TIMEOUT = datetime.timedelta(minutes=30)
SESSION_ABSOLUTE_TIMEOUT = datetime.timedelta(hours=10)
SESSION_IDLE_WARNING = datetime.timedelta(minutes=2)
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_AGE = int(SESSION_ABSOLUTE_TIMEOUT.total_seconds())
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
CSRF_COOKIE_HTTPONLY = True
CSRF_FAILURE_VIEW = "steadfast.core.views.csrf_failure"
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
# No page may use the camera, microphone, location, payments, USB or any other device feature but
# passkeys (django-permissions-policy sends the header on every response).
PERMISSIONS_POLICY = {
    feature: []
    for feature in (
        "accelerometer",
        "ambient-light-sensor",
        "autoplay",
        "bluetooth",
        "browsing-topics",
        "camera",
        "display-capture",
        "encrypted-media",
        "fullscreen",
        "geolocation",
        "gyroscope",
        "hid",
        "idle-detection",
        "magnetometer",
        "microphone",
        "midi",
        "payment",
        "picture-in-picture",
        "screen-wake-lock",
        "serial",
        "usb",
        "xr-spatial-tracking",
    )
}
# Except passkeys, which this site's own pages (and no frame) make and use.
PERMISSIONS_POLICY |= {"publickey-credentials-create": ["self"], "publickey-credentials-get": ["self"]}

# A strict policy: scripts only from this site or with the per-request nonce, no inline styles.
SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF, CSP.NONCE],
    "style-src": [CSP.SELF],
    "img-src": [CSP.SELF, "data:"],
    "font-src": [CSP.SELF],
    "connect-src": [CSP.SELF],
    "frame-ancestors": [CSP.NONE],
    "form-action": [CSP.SELF],
    "base-uri": [CSP.SELF],
    "object-src": [CSP.NONE],
}

# Links in emails point here; email goes through Django's backend (console unless configured).
SITE_URL = os.environ.get("STEADFAST_SITE_URL", "http://127.0.0.1:8000")

# Passkeys (WebAuthn, through django-otp-webauthn; ADR 0034) belong to the site's address: its host
# name is the relying party each passkey is made for, and a passkey is accepted only from a page
# of its origin. Browsers refuse an IP address as a relying party, so a loopback address is taken
# as "localhost": to try passkeys on a machine of one's own, open http://localhost:8000. The
# production settings require the address to be https.
_site = urlsplit(SITE_URL)
_site_host = "localhost" if _site.hostname in ("127.0.0.1", "::1") else (_site.hostname or "localhost")
OTP_WEBAUTHN_RP_ID = _site_host
OTP_WEBAUTHN_RP_NAME = SERVICE_NAME
OTP_WEBAUTHN_ALLOWED_ORIGINS = [f"{_site.scheme}://{_site_host}" + (f":{_site.port}" if _site.port else "")]
# A passkey is a second factor only, after the password; it never signs anyone in alone.
OTP_WEBAUTHN_ALLOW_PASSWORDLESS_LOGIN = False
# A passkey that fails is a wrong guess, audited and counted (accounts.passkeys), not an error
# to log with its traceback.
OTP_WEBAUTHN_EXCEPTION_LOGGER_NAME = ""
DEFAULT_FROM_EMAIL = os.environ.get("STEADFAST_FROM_EMAIL", "steadfast@example.invalid")
MAILERS = {"default": {"BACKEND": "django.core.mail.backends.console.EmailBackend"}}

# Background work: tasks are rows in the database, run by `manage.py db_worker`; `manage.py
# run_schedule` enqueues the reminder sweeps (see docs/reminders.md).
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
# The sweep that raises reminders and escalations runs every so many minutes, and once a day at
# this local time the daily sweep also emails each person a digest of what is new for them.
REMINDER_SWEEP_EVERY_MINUTES = int(os.environ.get("STEADFAST_REMINDER_SWEEP_EVERY_MINUTES", "5"))
REMINDER_DAILY_SWEEP_AT = os.environ.get("STEADFAST_REMINDER_DAILY_SWEEP_AT", "07:00")
# Overdue work goes to the owner's manager once it has been overdue this many working days.
REMINDER_ESCALATION_WORKING_DAYS = int(os.environ.get("STEADFAST_REMINDER_ESCALATION_WORKING_DAYS", "5"))

# GOV.UK Notify: with an API key set, the production settings send email and text messages
# through Notify, each through its one template (see docs/operations.md).
NOTIFY_API_KEY = os.environ.get("STEADFAST_NOTIFY_API_KEY", "")
NOTIFY_TEMPLATE_ID = os.environ.get("STEADFAST_NOTIFY_TEMPLATE_ID", "")
NOTIFY_SMS_TEMPLATE_ID = os.environ.get("STEADFAST_NOTIFY_SMS_TEMPLATE_ID", "")
# Text messages (core.texts.send_texts) are written to the console unless configured.
TEXT_BACKEND = "steadfast.core.texts.ConsoleTextBackend"
NOTIFY_BASE_URL = os.environ.get("STEADFAST_NOTIFY_BASE_URL", "https://api.notifications.service.gov.uk")

# How many children a list page shows at once.
PAGE_SIZE = 25

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"database_unavailable": {"()": "steadfast.core.log_filters.DatabaseUnavailableFilter"}},
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s: %(message)s"}},
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "formatter": "plain",
            "filters": ["database_unavailable"],
        }
    },
    "root": {"handlers": ["console"], "level": "WARNING"},
}

# The service measures (docs/measures.md). The Department for Education's published placement
# stability figures are read from its own CSV file in this folder; the region and the comparable
# authorities set beside the authority's own figures are named by their codes in that file
# (region_code, and each authority's new_la_code, comma-separated).
PUBLISHED_STATISTICS_DIR = Path(
    os.environ.get("PUBLISHED_STATISTICS_DIR", BASE_DIR.parent / "shared" / "data")
)
PUBLISHED_STATISTICS_REGION = os.environ.get("PUBLISHED_STATISTICS_REGION", "E12000005")  # West Midlands
PUBLISHED_STATISTICS_COMPARATORS = [
    code.strip()
    # Coventry, Wolverhampton, Stoke-on-Trent, Telford and Wrekin
    for code in os.environ.get(
        "PUBLISHED_STATISTICS_COMPARATORS", "E08000026,E08000031,E06000021,E06000020"
    ).split(",")
    if code.strip()
]
# How many working days a manager has to authorise a stability plan sent to them.
PLAN_AUTHORISATION_WORKING_DAYS = int(os.environ.get("PLAN_AUTHORISATION_WORKING_DAYS", "5"))

# Restricted records (docs/security.md "Restricted records"): a manager granted a restricted
# child or household reviews whether it must stay restricted at least this often; the list of
# restricted records shows a review as due this many days before it falls due.
RESTRICTED_RECORD_REVIEW_DAYS = int(os.environ.get("RESTRICTED_RECORD_REVIEW_DAYS", "90"))
RESTRICTED_RECORD_REVIEW_WARNING_DAYS = int(os.environ.get("RESTRICTED_RECORD_REVIEW_WARNING_DAYS", "14"))

# Retention (docs/security.md "Retention"): how long records are kept before the records team
# may propose to destroy them, and two records officers must agree.
RETENTION_CHILD_UNTIL_AGE = int(os.environ.get("RETENTION_CHILD_UNTIL_AGE", "75"))
# A child who died before this age: their record is kept this many years after the death.
RETENTION_CHILD_DIED_BEFORE_AGE = int(os.environ.get("RETENTION_CHILD_DIED_BEFORE_AGE", "18"))
RETENTION_CHILD_YEARS_AFTER_DEATH = int(os.environ.get("RETENTION_CHILD_YEARS_AFTER_DEATH", "15"))
RETENTION_CARER_YEARS_AFTER_APPROVAL = int(os.environ.get("RETENTION_CARER_YEARS_AFTER_APPROVAL", "10"))
RETENTION_AUDIT_YEARS = int(os.environ.get("RETENTION_AUDIT_YEARS", "7"))

# Where SSDA903 files uploaded for an import wait for the background worker: a folder the web
# server and the worker both reach (docs/operations.md).
SSDA903_UPLOAD_ROOT = Path(
    os.environ.get("STEADFAST_SSDA903_UPLOAD_ROOT", Path(tempfile.gettempdir()) / "steadfast-ssda903")
)

# The API (docs/api.md). A personal access token lasts at most this many days; a system's token,
# got with its client credentials, this long. Each token may make this many calls a minute.
API_PERSONAL_TOKEN_MAX_DAYS = int(os.environ.get("STEADFAST_API_TOKEN_MAX_DAYS", "90"))
API_CLIENT_TOKEN_LIFETIME = datetime.timedelta(minutes=60)
API_CALLS_PER_MINUTE = int(os.environ.get("STEADFAST_API_CALLS_PER_MINUTE", "600"))
