"""How easy a text is to read, for the texts written for a child: the feedback on what changed
because they spoke and the plan in words a child can read.

Worked out with textstat's Flesch-Kincaid grade and Flesch reading ease, the two standard
measures for English. The grade is the United States school year a reader needs; a reading age
in years is that grade plus five, since American children start the first grade at about six.
Both measures count sentences, words and syllables only: they say nothing of whether the words
are familiar or kind, so the page shows the figure beside the text as a prompt, never as a
check the text must pass.
"""

from dataclasses import dataclass

import textstat

# No text is read by someone younger than this, however short its words and sentences.
YOUNGEST_READING_AGE = 5
# A text a child of 8 could read alone (Flesch-Kincaid grade 3 or lower) is "easy to read".
EASY_READING_AGE = 8
FIRST_GRADE_AGE = 5


@dataclass(frozen=True)
class Readability:
    """A text's reading age in whole years and the two measures it comes from."""

    reading_age: int
    grade: float
    reading_ease: float

    @property
    def easy(self) -> bool:
        return self.reading_age <= EASY_READING_AGE

    @property
    def summary(self) -> str:
        return (
            f"Reading age about {self.reading_age} "
            f"(Flesch-Kincaid grade {self.grade:.1f}, Flesch reading ease {self.reading_ease:.0f})"
        )


def readability_of(text: str) -> Readability | None:
    """How easy `text` is to read, or None when it has no words to measure."""
    if not any(character.isalpha() for character in text):
        return None
    grade = textstat.flesch_kincaid_grade(text)
    age = max(YOUNGEST_READING_AGE, round(grade + FIRST_GRADE_AGE))
    return Readability(reading_age=age, grade=grade, reading_ease=textstat.flesch_reading_ease(text))
