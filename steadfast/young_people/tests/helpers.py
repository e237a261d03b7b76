"""What the tests of the child's own page share: a meeting to come, an invitation, a picture."""

import datetime
import io

from django.utils import timezone
from PIL import Image

from steadfast.concerns.models import MeetingKind
from steadfast.meetings.models import ChairRole, MeetingStatus, StabilityMeeting
from steadfast.young_people import services
from steadfast.young_people.models import PageVersion, Purpose, SentHow


def meeting_to_come(scenario, **fields) -> StabilityMeeting:
    values = {
        "child": scenario.children["own"],
        "household": scenario.households["own"],
        "kind": MeetingKind.PLACEMENT_STABILITY,
        "status": MeetingStatus.PLANNED,
        "scheduled_at": timezone.now() + datetime.timedelta(days=10),
        "venue": "Family room, Northbridge Civic Centre",
        "chair": scenario.users["team_manager"],
        "chair_role": ChairRole.TEAM_MANAGER,
    }
    return StabilityMeeting.objects.create(**(values | fields))


def invite(scenario, *, meeting=None, younger=False, days=14, sent_how=SentHow.QR, child="own", **extra):
    return services.invite_child_to_give_views(
        actor=scenario.users["social_worker"],
        child=scenario.children[child],
        purpose=Purpose.MEETING if meeting is not None else Purpose.GENERAL,
        meeting=meeting,
        page_version=PageVersion.YOUNGER if younger else PageVersion.OLDER,
        days=days,
        sent_how=sent_how,
        **extra,
    )


def picture_bytes(fmt: str = "JPEG", size=(40, 30), **save) -> bytes:
    image = Image.new("RGB", size, (200, 80, 40))
    out = io.BytesIO()
    image.save(out, format=fmt, **save)
    return out.getvalue()
