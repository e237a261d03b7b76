"""Pure calculations about stability scores: every member's score beside their last one, and the
spread between them. Differences are shown, never averaged away."""

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class ScoreRow:
    name: str
    role: str
    score: int
    reason: str
    previous: int | None
    score_id: int = 0
    invitee_id: int = 0

    @property
    def change(self) -> int | None:
        return None if self.previous is None else self.score - self.previous


def score_rows(scores: Iterable[Any], previous: Mapping[str, int]) -> list[ScoreRow]:
    """One row per score, lowest first, each with the same person's score at the last meeting
    (matched by `invitee.person_key`) where they gave one."""
    rows = [
        ScoreRow(
            name=s.invitee.name,
            role=s.invitee.get_role_display(),
            score=s.score,
            reason=s.reason,
            previous=previous.get(s.invitee.person_key),
            score_id=s.pk,
            invitee_id=s.invitee_id,
        )
        for s in scores
    ]
    return sorted(rows, key=lambda row: (row.score, row.name))


def spread(scores: Iterable[int]) -> tuple[int, int] | None:
    """The lowest and highest score, or None when there are none."""
    values = list(scores)
    return (min(values), max(values)) if values else None
