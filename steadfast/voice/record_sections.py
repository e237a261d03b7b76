"""The child's voice on a child's record (each decision's voice record and its Lundy stage) and
on a stability meeting's page (the meeting's own)."""

from steadfast.accounts import access
from steadfast.core.record_sections import CHILD, MEETING, RecordSection

from . import rules
from .selectors import childs_views_for, voice_record_of_meeting, voice_records_of_child

# How many decisions the child's record lists, newest first.
SHOWN_ON_CHILD = 10


def _on_child(viewer, child, *, today, **shared) -> dict | None:
    if not access.can_see_childs_voice(viewer, child):
        return None
    records = list(voice_records_of_child(child)[:SHOWN_ON_CHILD])
    return {
        "voice_records": [
            (
                record,
                record.stage(influence_rows=record.influence_rows),
                [
                    rules.GAP_TITLES[gap]
                    for gap in rules.gaps(
                        views_sought=record.views_sought,
                        influence_rows=record.influence_rows,
                        decided_on=record.decided_on,
                        fed_back_on=record.fed_back_on,
                        today=today,
                    )
                ],
            )
            for record in records
        ],
        "may_record_voice": access.can_record_childs_voice(viewer),
    }


def _on_meeting(viewer, meeting, **shared) -> dict | None:
    if not access.can_see_childs_voice(viewer, meeting.child):
        return None
    record = voice_record_of_meeting(meeting)
    return {
        "voice_record": record,
        "voice_stage": record.stage(influence_rows=record.influence_rows) if record else None,
        "voice_sent_before": childs_views_for(meeting),
        "may_record_voice": access.can_record_childs_voice(viewer) and meeting.status != "cancelled",
    }


SECTIONS = (
    RecordSection(
        key="childs-voice",
        record=CHILD,
        order=31,
        template="voice/child_voice_section.html",
        context=_on_child,
    ),
    RecordSection(
        key="childs-voice",
        record=MEETING,
        order=10,
        template="voice/meeting_voice_section.html",
        context=_on_meeting,
    ),
)
