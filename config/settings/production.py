"""Production settings: everything secret or site-specific comes from the environment.

Required: DJANGO_SECRET_KEY, DJANGO_ALLOWED_HOSTS (comma-separated), DATABASE_URL.
Optional: STEADFAST_AUTHORITY_NAME, DJANGO_CSRF_TRUSTED_ORIGINS (comma-separated origins),
DJANGO_HSTS_SECONDS (default one year),
STEADFAST_TRUSTED_PROXY_COUNT (default 1), STEADFAST_NOTIFY_API_KEY with STEADFAST_NOTIFY_TEMPLATE_ID
and STEADFAST_NOTIFY_SMS_TEMPLATE_ID (email through GOV.UK Notify rather than SMTP, and text
messages through Notify).
"""

import os
from urllib.parse import urlsplit

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403


def _required(name: str) -> str:
    value = os.environ.get(name, "")
    if not value:
        raise ImproperlyConfigured(f"Set the {name} environment variable.")
    return value


SECRET_KEY = _required("DJANGO_SECRET_KEY")
ALLOWED_HOSTS = [h.strip() for h in _required("DJANGO_ALLOWED_HOSTS").split(",") if h.strip()]
CSRF_TRUSTED_ORIGINS = [
    o.strip() for o in os.environ.get("DJANGO_CSRF_TRUSTED_ORIGINS", "").split(",") if o.strip()
]
_required("DATABASE_URL")
DEBUG = False

SECURE_SSL_REDIRECT = True
# Load balancers probe the health check over plain HTTP inside the network.
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_HSTS_SECONDS = int(os.environ.get("DJANGO_HSTS_SECONDS", str(365 * 24 * 60 * 60)))
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True

# Passkeys are made for the site's https address: STEADFAST_SITE_URL, or else the first of
# DJANGO_ALLOWED_HOSTS. Browsers use passkeys only over https, so an http address is refused here
# rather than leaving passkeys to fail in people's browsers.
_passkey_site = urlsplit(
    os.environ["STEADFAST_SITE_URL"]
    if os.environ.get("STEADFAST_SITE_URL")
    else f"https://{ALLOWED_HOSTS[0].lstrip('.')}"
)
if _passkey_site.scheme != "https" or not _passkey_site.hostname:
    raise ImproperlyConfigured("Set STEADFAST_SITE_URL to the site's https:// address: passkeys need https.")
OTP_WEBAUTHN_RP_ID = _passkey_site.hostname
OTP_WEBAUTHN_ALLOWED_ORIGINS = [f"https://{_passkey_site.netloc}"]

# Staff sign in with a second factor: an authenticator app's code, a passkey, or a recovery code.
SECOND_FACTOR_REQUIRED_FOR_STAFF = True
# The web servers stand behind one load balancer, which adds the address it saw to
# X-Forwarded-For: that address is the one audited and counted for the limits on guessing.
TRUSTED_PROXY_COUNT = int(os.environ.get("STEADFAST_TRUSTED_PROXY_COUNT", "1"))

# Email goes out through GOV.UK Notify when an API key is set, with the one email template whose
# subject is ((subject)) and whose body is ((body)), and text messages with the one text message
# template whose body is ((body)). Otherwise email goes over SMTP: DJANGO_EMAIL_HOST,
# DJANGO_EMAIL_PORT, DJANGO_EMAIL_HOST_USER and DJANGO_EMAIL_HOST_PASSWORD; and text messages are
# not sent, which is logged. STEADFAST_SITE_URL is the address links in emails point to.
if NOTIFY_API_KEY:  # noqa: F405
    from steadfast.core.notify import check_api_key

    check_api_key(NOTIFY_API_KEY)  # noqa: F405
    NOTIFY_TEMPLATE_ID = _required("STEADFAST_NOTIFY_TEMPLATE_ID")
    NOTIFY_SMS_TEMPLATE_ID = _required("STEADFAST_NOTIFY_SMS_TEMPLATE_ID")
    MAILERS = {"default": {"BACKEND": "steadfast.core.notify.NotifyEmailBackend"}}
    TEXT_BACKEND = "steadfast.core.notify.NotifyTextBackend"
else:
    TEXT_BACKEND = "steadfast.core.texts.UnsentTextBackend"
    MAILERS = {
        "default": {
            "BACKEND": "django.core.mail.backends.smtp.EmailBackend",
            "OPTIONS": {
                "host": os.environ.get("DJANGO_EMAIL_HOST", "localhost"),
                "port": int(os.environ.get("DJANGO_EMAIL_PORT", "587")),
                "username": os.environ.get("DJANGO_EMAIL_HOST_USER", ""),
                "password": os.environ.get("DJANGO_EMAIL_HOST_PASSWORD", ""),
                "use_tls": True,
            },
        }
    }
