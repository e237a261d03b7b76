"""Recording the child's voice through the services, as the pages do, for any test that sends a
meeting for authorisation."""

from steadfast.voice import services
from steadfast.voice.models import VoiceRecord


def the_childs_voice_recorded(meeting, *, actor) -> VoiceRecord:
    """The child's views sought and recorded for `meeting`, as its sending checklist asks."""
    return services.record_voice_for_meeting(
        actor=actor,
        meeting=meeting,
        views=services.Views(
            views_sought=True,
            how_sought="With their social worker at the carers' home, before the meeting",
            child_said="I like it here. I want to stay.",
            own_words=True,
            heard_by="The people at the meeting",
        ),
        seen_version=0,
    )
