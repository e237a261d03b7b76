"""Take every request for help that is late to a manager. Safe to run as often as wanted: a
request already escalated is left as it is."""

from django.core.management.base import BaseCommand
from django.utils import timezone

from steadfast.support_requests.services import escalate_late_support_requests


class Command(BaseCommand):
    help = "Escalate every request for help not acknowledged or answered in time, once."

    def handle(self, *args, **options) -> None:
        escalated = escalate_late_support_requests(today=timezone.localdate())
        self.stdout.write(f"{len(escalated)} late requests for help escalated")
