"""The state of a signed-in session: when it began and was last used, whether its second factor
is still to come, and when its owner last proved who they are. Kept in the session itself, so
every web server reads the same; `SessionLimitsMiddleware` and `SecondFactorMiddleware` act on it.
"""

import datetime
from typing import Any

from axes.handlers.proxy import AxesProxyHandler
from django.conf import settings
from django.contrib.auth.signals import user_login_failed
from django.http import HttpRequest
from django.utils import timezone
from django_otp import user_has_device

from .models import Role

SIGNED_IN_AT = "steadfast_signed_in_at"
LAST_SEEN_AT = "steadfast_last_seen_at"
CONFIRMED_AT = "steadfast_confirmed_at"
SECOND_FACTOR_PENDING = "steadfast_second_factor_pending"

# A request within this long of the last one noted is not noted again, so that a busy person's
# session is written once a minute rather than on every request.
NOTE_ACTIVITY_EVERY = datetime.timedelta(minutes=1)

IDLE_ENDED = (
    "You were signed out because you had not used Steadfast for 30 minutes. Sign in again to carry on."
)
TIME_ENDED = "You were signed out because you had been signed in for 10 hours. Sign in again to carry on."
ENDED_BY_ADMINISTRATOR = "You were signed out by an administrator. Sign in again to carry on."


def _stamp(moment: datetime.datetime) -> float:
    return moment.timestamp()


def _moment(session: Any, key: str) -> datetime.datetime | None:
    value = session.get(key)
    return datetime.datetime.fromtimestamp(value, tz=datetime.UTC) if isinstance(value, int | float) else None


def begin(request: HttpRequest, user: Any, now: datetime.datetime) -> None:
    """Called whenever anyone signs in, however: the session's clocks start, and a person with
    a second factor must give it before anything else."""
    session = request.session
    session[SIGNED_IN_AT] = session[LAST_SEEN_AT] = _stamp(now)
    session.pop(CONFIRMED_AT, None)
    session[SECOND_FACTOR_PENDING] = user_has_device(user)


def end_reason(session: Any, user: Any, now: datetime.datetime) -> str | None:
    """Why this signed-in session is over, or None while it holds. A session with no start
    recorded is over: it was not begun through `begin`."""
    signed_in_at = _moment(session, SIGNED_IN_AT)
    last_seen_at = _moment(session, LAST_SEEN_AT)
    if signed_in_at is None or last_seen_at is None:
        return TIME_ENDED
    if user.sessions_ended_at is not None and signed_in_at <= user.sessions_ended_at:
        return ENDED_BY_ADMINISTRATOR
    if now - signed_in_at >= settings.SESSION_ABSOLUTE_TIMEOUT:
        return TIME_ENDED
    if now - last_seen_at >= settings.SESSION_IDLE_TIMEOUT:
        return IDLE_ENDED
    return None


def note_activity(session: Any, now: datetime.datetime, *, always: bool = False) -> None:
    last_seen_at = _moment(session, LAST_SEEN_AT)
    if always or last_seen_at is None or now - last_seen_at >= NOTE_ACTIVITY_EVERY:
        session[LAST_SEEN_AT] = _stamp(now)


def idle_seconds_left(session: Any, now: datetime.datetime) -> int:
    """How long this session has before it ends for want of use, as of its last noted request."""
    last_seen_at = _moment(session, LAST_SEEN_AT) or now
    left = settings.SESSION_IDLE_TIMEOUT - (now - last_seen_at)
    signed_in_at = _moment(session, SIGNED_IN_AT) or now
    left = min(left, settings.SESSION_ABSOLUTE_TIMEOUT - (now - signed_in_at))
    return max(0, int(left.total_seconds()))


def second_factor_required(user: Any) -> bool:
    """Staff must use a second factor where the authority requires it; foster carers may."""
    return bool(settings.SECOND_FACTOR_REQUIRED_FOR_STAFF and user.role != Role.FOSTER_CARER)


def second_factor_verified(request: HttpRequest) -> None:
    request.session[SECOND_FACTOR_PENDING] = False
    request.session[CONFIRMED_AT] = _stamp(timezone.now())


def waiting_for(request: HttpRequest) -> str | None:
    """What a signed-in session must do before anything else: "code" (give the second factor
    it has), "set-up" (set one up, as required of it), or None."""
    user = request.user
    if not user.is_authenticated or user.is_verified():
        return None
    if request.session.get(SECOND_FACTOR_PENDING):
        return "code"
    if second_factor_required(user):
        return "set-up"
    return None


def recently_confirmed(request: HttpRequest, now: datetime.datetime) -> bool:
    """Whether the person signed in, or confirmed who they are, within the re-authentication
    window."""
    moments = [
        m for m in (_moment(request.session, CONFIRMED_AT), _moment(request.session, SIGNED_IN_AT)) if m
    ]
    return any(now - m < settings.REAUTHENTICATION_WINDOW for m in moments)


def confirmed(request: HttpRequest, now: datetime.datetime) -> None:
    request.session[CONFIRMED_AT] = _stamp(now)


def guess_failed(request: HttpRequest, *, username: str, step: str) -> None:
    """A wrong password or code anywhere but the password form counts as a wrong guess, as the
    password form's do: audited, and counted towards a lockout."""
    user_login_failed.send(sender=__name__, credentials={"username": username, "step": step}, request=request)


def locked_out(request: HttpRequest, *, username: str) -> bool:
    """Whether too many wrong guesses for this account, or from this address, stop it now."""
    return not AxesProxyHandler.is_allowed(request, {"username": username})
