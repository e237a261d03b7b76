from django.apps import AppConfig


class VoiceConfig(AppConfig):
    name = "steadfast.voice"
    verbose_name = "The child's voice"

    def ready(self) -> None:
        from steadfast.core import record_sections
        from steadfast.meetings.services import register_sending_requirement

        from .record_sections import SECTIONS
        from .selectors import voice_requirement

        record_sections.register(*SECTIONS)
        register_sending_requirement(voice_requirement)
