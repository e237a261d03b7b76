"""Reads about the child's voice: a child's voice records, a meeting's, the child's views already
sent for a meeting, and what the meeting's sending checklist asks of it."""

from django.db.models import Count, QuerySet
from django.urls import reverse

from steadfast.meetings.models import Invitee, InviteeRole, StabilityMeeting
from steadfast.meetings.services import Requirement

from .models import VoiceRecord

VOICE_NEEDED = "Record the child's voice, or why their views were not sought."


def voice_records_of_child(child: object) -> QuerySet[VoiceRecord]:
    """The child's voice records, newest decision first, each with `influence_rows`, how many
    things they asked for have what came of them recorded. Ask only once the viewer may read
    them (`access.can_see_childs_voice`)."""
    return (
        VoiceRecord.objects.filter(child=child)
        .select_related("meeting", "created_by")
        .annotate(influence_rows=Count("influences"))
    )


def voice_record_with_counts(pk: object) -> VoiceRecord | None:
    """One voice record with `influence_rows`, or None."""
    return (
        VoiceRecord.objects.select_related("meeting", "child", "created_by")
        .annotate(influence_rows=Count("influences"))
        .filter(pk=pk)
        .first()
    )


def voice_record_of_meeting(meeting: StabilityMeeting) -> VoiceRecord | None:
    return (
        VoiceRecord.objects.select_related("created_by")
        .annotate(influence_rows=Count("influences"))
        .filter(meeting=meeting)
        .first()
    )


def childs_views_for(meeting: StabilityMeeting) -> Invitee | None:
    """The child's own row among the meeting's invitees, when it holds views sent before the
    meeting (by the child, their advocate, or through their own page): shown rather than asked
    for again."""
    return (
        Invitee.objects.filter(meeting=meeting, role=InviteeRole.CHILD, views_recorded_at__isnull=False)
        .order_by("pk")
        .first()
    )


def voice_requirement(meeting: StabilityMeeting) -> Requirement:
    """The meeting's sending checklist asks for the child's voice: a voice record for the
    meeting, which says their views were sought or why they were not (the record's service
    refuses one that says neither)."""
    return Requirement(
        "The child's voice is recorded, or why their views were not sought",
        VoiceRecord.objects.filter(meeting=meeting, views_sought__isnull=False).exists(),
        VOICE_NEEDED,
        href=reverse("voice:meeting-voice-record", args=[meeting.pk]),
    )
