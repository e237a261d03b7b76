"""Pure calculations about a child's Grid scores: each contributor's score on each date, kept
person by person. Differences are shown, never averaged away."""

import datetime
from collections.abc import Iterable
from dataclasses import dataclass


@dataclass(frozen=True)
class GivenScore:
    """One score as the record holds it: on which Grid and date, by whom."""

    grid_id: int
    date: datetime.date
    person_key: str
    person: str
    score: int


@dataclass(frozen=True)
class ScoresOverTime:
    """Each Grid's date (oldest first), each person who scored (in the order they first
    scored), and each person's score on each date, None where they gave none."""

    dates: tuple[datetime.date, ...]
    people: tuple[str, ...]
    scores: tuple[tuple[int | None, ...], ...]

    def rows(self) -> list[tuple[datetime.date, tuple[int | None, ...]]]:
        """The table: one row per date, one score (or None) per person."""
        return [(date, tuple(by_person[i] for by_person in self.scores)) for i, date in enumerate(self.dates)]


def scores_over_time(given: Iterable[GivenScore]) -> ScoresOverTime:
    """Each person's scores across the Grids, matched by who they are (`person_key`), so the
    same carer or worker is one line however many Grids they scored."""
    given = sorted(given, key=lambda s: (s.date, s.grid_id))
    grids: dict[int, datetime.date] = {}
    people: dict[str, str] = {}
    for s in given:
        grids.setdefault(s.grid_id, s.date)
        people.setdefault(s.person_key, s.person)
    grid_index = {grid_id: i for i, grid_id in enumerate(grids)}
    table = {key: [None] * len(grids) for key in people}
    for s in given:
        table[s.person_key][grid_index[s.grid_id]] = s.score
    return ScoresOverTime(
        dates=tuple(grids.values()),
        people=tuple(people.values()),
        scores=tuple(tuple(table[key]) for key in people),
    )
