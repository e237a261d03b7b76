"""How long a sent form is remembered (see `middleware.ResubmissionMiddleware`)."""

import datetime

from .models import SentForm

# Going back to a form and sending it again a day later is rare, and by then a new sign-in has
# usually changed the page's CSRF token.
KEPT_FOR = datetime.timedelta(days=1)


def forget_old_sent_forms(*, now: datetime.datetime) -> int:
    """Let go of the forms sent longer ago than KEPT_FOR; how many."""
    deleted, _ = SentForm.objects.filter(sent_at__lt=now - KEPT_FOR).delete()
    return deleted
