"""The Jinja2 environment every page renders with: URL reversing, static files, messages, dates,
and long texts shortened for lists."""

import datetime
from typing import Any

from django.conf import settings
from django.contrib.messages import get_messages
from django.templatetags.static import static
from django.urls import reverse
from jinja2 import Environment

from steadfast.core.shortening import is_shortened, shorten, shorten_pieces


def url(name: str, *args: Any, **kwargs: Any) -> str:
    return reverse(name, args=args or None, kwargs=kwargs or None)


def govuk_date(value: datetime.date | datetime.datetime | None) -> str:
    """A date as GOV.UK writes it: 4 June 2025."""
    if value is None:
        return ""
    if isinstance(value, datetime.datetime):
        from django.utils import timezone

        value = timezone.localtime(value)
        return f"{value.day} {value:%B %Y} at {value:%H:%M}"
    return f"{value.day} {value:%B %Y}"


def govuk_time(value: datetime.datetime) -> str:
    """A moment as a time of day, GOV.UK's 24-hour way, with the date when it is not today:
    14:05, or 01:30 on 6 December 2026."""
    from django.utils import timezone

    value = timezone.localtime(value)
    if value.date() == timezone.localdate():
        return f"{value:%H:%M}"
    return f"{value:%H:%M} on {value.day} {value:%B %Y}"


def environment(**options: Any) -> Environment:
    env = Environment(**options)
    env.globals.update(
        {
            "url": url,
            "static": static,
            "get_messages": get_messages,
            "authority_name": settings.AUTHORITY_NAME,
            "service_name": settings.SERVICE_NAME,
        }
    )
    env.filters["govuk_date"] = govuk_date
    env.filters["govuk_time"] = govuk_time
    # Lists shorten long texts through these and components/long_text.html, never by slicing.
    env.filters["shorten"] = shorten
    env.filters["shorten_pieces"] = shorten_pieces
    env.tests["shortened"] = is_shortened
    return env
