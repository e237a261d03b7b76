from django.apps import AppConfig


class WordsAndPicturesConfig(AppConfig):
    name = "steadfast.words_and_pictures"
    verbose_name = "Words and pictures"

    def ready(self) -> None:
        from steadfast.core import record_sections

        from .record_sections import SECTIONS

        record_sections.register(*SECTIONS)
