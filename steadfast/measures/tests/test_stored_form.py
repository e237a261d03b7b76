"""The stored form of the measures: what is written reads back as the same objects, exactly,
through JSON text; nothing else is read; and the shape tells one form from another. Without a
database (the round trip through the database is in test_measures_services.py)."""

import dataclasses
import datetime
import json
import random

import pytest

from steadfast.measures import survival
from steadfast.measures.report import (
    DFE_MEASURES,
    STORED_FORM,
    ChildrenBehind,
    DfeFigures,
    available_years,
    placement_episodes,
    work_out_figures,
)
from steadfast.measures.service_measures import ConcernRecord, MeetingRecord, PlacementRecord, quarters_to
from steadfast.measures.stability_measures import stability_measures
from steadfast.measures.stored_form import Codec, Kinds, StoredFormError

d = datetime.date
TODAY = d(2026, 12, 5)


def through_json(kinds: Kinds, value):
    """As the database keeps it: written, as JSON text, read back."""
    return kinds.from_json(json.loads(json.dumps(kinds.to_json(value))))


def same(a, b) -> bool:
    """Equal, and of the same types all the way down (1 == 1.0 == True would hide a change)."""
    if type(a) is not type(b):
        return False
    if isinstance(a, dict):
        return list(a) == list(b) and all(same(a[k], b[k]) for k in a)
    if isinstance(a, list | tuple):
        return len(a) == len(b) and all(same(x, y) for x, y in zip(a, b, strict=True))
    if dataclasses.is_dataclass(a):
        return all(same(getattr(a, f.name), getattr(b, f.name)) for f in dataclasses.fields(a))
    return a == b


@dataclasses.dataclass(frozen=True, slots=True)
class Pair:
    left: object
    right: object


PAIRS = Kinds([Pair])


@pytest.mark.parametrize(
    "value",
    [
        None,
        True,
        False,
        0,
        1,
        -7,
        2**70,
        1.0,
        0.1 + 0.2,
        1 / 3,
        5e-324,
        1.7976931348623157e308,
        -0.0,
        "",
        "Imminent concerns \N{EN DASH} all quarters",
        ["list", "tuple"],
        d(2026, 3, 31),
        (1, 2.5, "three", None, True),
        [(1,), [2], ()],
        frozenset({3, 1, 2}),
        frozenset(),
        {"b": 1, "a": 2, "c": [3]},
        {2: "two", 1: "one", None: "none"},
        {("x", 1): d(2025, 3, 31)},
        Pair(1, 1.0),
        Pair(Pair(True, 1), [Pair("a", None)]),
    ],
)
def test_a_value_reads_back_as_the_same_value_of_the_same_types(value):
    assert same(through_json(PAIRS, value), value)


def test_a_dicts_order_is_kept():
    value = {key: key.upper() for key in ("zebra", "apple", "mango", "b", "a")}
    assert list(through_json(PAIRS, value)) == ["zebra", "apple", "mango", "b", "a"]


def test_the_same_set_is_always_written_the_same_way():
    assert PAIRS.to_json(frozenset(range(50, 0, -1))) == PAIRS.to_json(frozenset(range(1, 51)))


@pytest.mark.parametrize(
    "value",
    [
        float("nan"),
        float("inf"),
        datetime.datetime(2026, 12, 5, 7, 5),
        {1, 2},
        object(),
        frozenset({1, "a"}),
    ],
)
def test_what_cannot_be_read_back_exactly_is_not_written(value):
    with pytest.raises(StoredFormError):
        PAIRS.to_json(value)


def test_only_the_classes_registered_are_written_or_read():
    @dataclasses.dataclass(frozen=True)
    class Other:
        value: int

    with pytest.raises(StoredFormError):
        PAIRS.to_json(Other(1))
    with pytest.raises(StoredFormError):
        PAIRS.from_json(["Other", 1])
    with pytest.raises(StoredFormError):
        PAIRS.from_json(["Pair", 1])  # a field missing
    with pytest.raises(StoredFormError):
        PAIRS.from_json([1, 2])


def test_a_class_is_registered_once_by_name_and_never_as_a_container():
    with pytest.raises(StoredFormError):
        Kinds([Pair, Pair])
    with pytest.raises(StoredFormError):
        Kinds([dict])


def test_the_shape_changes_with_a_classs_fields_and_a_codecs_code():
    @dataclasses.dataclass(frozen=True)
    class Pair:  # the same name, another field
        left: object
        right: object
        middle: object = None

    assert Kinds([Pair]).shape != PAIRS.shape
    assert Kinds([Pair]).shape == Kinds([Pair]).shape

    def write(value):
        return [value.left]

    def read(items):
        return Pair(items[0], None)

    def read_otherwise(items):
        return Pair(None, items[0])

    assert (
        Kinds([Pair], codecs={Pair: Codec(write, read)}).shape
        != Kinds([Pair], codecs={Pair: Codec(write, read_otherwise)}).shape
    )


# The measures' own figures --------------------------------------------------------------------


def synthetic_records(seed: int):
    """A made-up authority: placements, concerns and meetings of a few hundred children, drawn at
    random, with every kind of ending, over eight years."""
    rng = random.Random(seed)
    kinds = ("foster_approved_carer", "foster_connected_person", "residential_childrens_home")
    placements, concerns, meetings = [], [], []
    pk = 0
    for child in range(1, 300):
        born = TODAY - datetime.timedelta(days=rng.randint(200, 17 * 365))
        start = max(born, TODAY - datetime.timedelta(days=rng.randint(30, 8 * 365)))
        for _ in range(rng.randint(1, 4)):
            length = rng.randint(0, 900)
            end = start + datetime.timedelta(days=length)
            pk += 1
            if end >= TODAY or rng.random() < 0.2:
                placements.append(PlacementRecord(pk, child, born, start, None, rng.choice(kinds), None))
                break
            planned = rng.random() < 0.5
            carer = ("household", rng.randint(1, 60))
            placements.append(PlacementRecord(pk, child, born, start, end, rng.choice(kinds), planned, carer))
            if rng.random() < 0.3:
                raised = start + datetime.timedelta(days=rng.randint(0, length))
                urgency = rng.choice(("breakdown_imminent", "home_under_pressure"))
                concerns.append(ConcernRecord(child, raised, urgency))
                held = raised + datetime.timedelta(days=rng.randint(0, 40))
                sent = held + datetime.timedelta(days=rng.randint(0, 3))
                authorised = sent + datetime.timedelta(days=rng.randint(0, 12))
                meetings.append(
                    MeetingRecord(
                        child,
                        rng.choice(("placement_stability", "disruption", "review")),
                        "authorised",
                        held,
                        rng.random() < 0.7,
                        sent,
                        authorised,
                        ("recording", "matching")[: rng.randint(0, 2)],
                    )
                )
            start = end + datetime.timedelta(days=rng.choice((0, 0, 1, 30)))
    return placements, concerns, meetings


@pytest.mark.parametrize("seed", range(5))
def test_the_measures_figures_read_back_exactly(seed):
    placements, concerns, meetings = synthetic_records(seed)
    quarters = quarters_to(TODAY)
    figures = work_out_figures(
        today=TODAY,
        quarters=quarters,
        plan_days=5,
        placements=placements,
        concerns=concerns,
        meetings=meetings,
        meeting_scores=[(TODAY - datetime.timedelta(days=i), i % 11, 1 + i % 3) for i in range(0, 700, 7)],
        supervision_scales=[(TODAY - datetime.timedelta(days=i), i % 9, 2) for i in range(0, 700, 5)],
    )
    year = available_years(placements, today=TODAY)[1]
    dfe = stability_measures(placement_episodes(placements), year_ending=year)
    assert figures.survival_overall.steps and dfe.three_or_more_placements_in_year.cohort
    worked_out = (figures, DfeFigures.of(dfe), ChildrenBehind.of(dfe, placements))
    # The page's figures of the Department's measures are the measures' own, to the last digit.
    for measure, _ in DFE_MEASURES:
        shown, counted = getattr(worked_out[1], measure), getattr(dfe, measure)
        assert (shown.numerator, shown.denominator) == (counted.numerator, counted.denominator)
        assert shown.percentage == counted.percentage
    lists = worked_out[2].lists
    assert lists["three-or-more-placements-in-year"] == dfe.three_or_more_placements_in_year.counted
    long_term = dfe.long_term_stability
    assert lists["not-with-same-carer-for-two-years"] == long_term.cohort - long_term.counted
    assert set(worked_out[2].placements) == set().union(*lists.values())
    stored = through_json(STORED_FORM, worked_out)
    assert same(stored, worked_out)
    assert stored == worked_out


def test_a_survival_curve_is_stored_as_its_counts_and_built_again_the_same():
    rng = random.Random(7)
    observations = [survival.Observation(rng.randint(0, 3000), rng.random() < 0.3) for _ in range(5000)]
    curve = survival.kaplan_meier(observations)
    written = STORED_FORM.to_json(curve)
    assert written[0] == "Curve" and len(written) == 1 + 3 * len(curve.steps)
    assert same(through_json(STORED_FORM, curve), curve)
    assert survival.curve_from_counts(curve.counts()) == curve


def test_a_curve_not_built_from_its_counts_is_not_stored():
    curve = survival.kaplan_meier([survival.Observation(10, True), survival.Observation(20, False)])
    made_up = dataclasses.replace(curve, ended=7)
    with pytest.raises(StoredFormError):
        STORED_FORM.to_json(made_up)
