"""Whatever is typed into a Grid's forms, they answer with a plain message or a valid record,
never an exception, and what they accept the services save or refuse plainly."""

import pytest
from django.core.exceptions import ValidationError
from django.db import transaction
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from steadfast.accounts.models import User
from steadfast.grids import services
from steadfast.grids.forms import ContributorAddForm, GridMakeForm, ImpactForm, ScoreForm, StatementForm
from steadfast.grids.models import Grid
from steadfast.grids.selectors import meetings_for_grid

from .helpers import a_contributor, a_grid

pytestmark = pytest.mark.django_db

_TEXT = st.one_of(
    st.text(max_size=60), st.sampled_from(["", " ", "0", "-1", "11", "7", "1e3", "\x00", "<b>"])
)
_SETTINGS = settings(
    max_examples=40,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)


def _the_grid(scenario) -> Grid:
    """The one Grid the examples of a test share: the fixture is not made again between them."""
    return Grid.objects.filter(child=scenario.children["own"]).first() or a_grid(scenario)


def _saved_or_refused(act) -> None:
    """Run `act` in a savepoint rolled back after: it saves, or refuses with ValidationError."""
    try:
        with transaction.atomic():
            act()
            transaction.set_rollback(True)
    except ValidationError:
        pass


@_SETTINGS
@given(
    section=_TEXT | st.sampled_from(["working_well", "worried", "good_looks_like"]),
    text=_TEXT,
    basis=_TEXT | st.sampled_from(["fact", "opinion", "hypothesis"]),
    marker=_TEXT | st.sampled_from(["safety", "strength", "harm", "risk", "complicating"]),
    contributor=_TEXT | st.just("own"),
)
def test_the_statement_form_never_fails_with_an_exception(
    scenario, section, text, basis, marker, contributor
):
    grid = _the_grid(scenario)
    own = grid.contributors.first()
    data = {
        "section": section,
        "text": text,
        "basis": basis,
        "marker": marker,
        "contributor": str(own.pk) if contributor == "own" else contributor,
    }
    form = StatementForm(data, contributors=grid.contributors.all())
    if form.is_valid():
        _saved_or_refused(
            lambda: services.add_grid_statement(
                actor=scenario.users["social_worker"], grid=grid, **form.cleaned_data
            )
        )
    else:
        assert all(message for messages in form.errors.values() for message in messages)


@_SETTINGS
@given(score=_TEXT, reason=_TEXT, replace=_TEXT)
def test_the_score_form_never_fails_with_an_exception(scenario, score, reason, replace):
    grid = _the_grid(scenario)
    carer = grid.contributors.first()
    form = ScoreForm(
        {"contributor": str(carer.pk), "score": score, "reason": reason, "replace": replace},
        contributors=grid.contributors.all(),
    )
    if form.is_valid():
        _saved_or_refused(
            lambda: services.record_grid_score(
                actor=scenario.users["social_worker"], grid=grid, **form.cleaned_data
            )
        )
    else:
        assert form.errors


@_SETTINGS
@given(user=_TEXT, name=_TEXT, role=_TEXT | st.sampled_from(["carer", "parent", "other"]))
def test_the_contributor_form_never_fails_with_an_exception(scenario, user, name, role):
    grid = _the_grid(scenario)
    form = ContributorAddForm({"user": user, "name": name, "role": role}, staff=User.objects.all())
    if form.is_valid():
        _saved_or_refused(
            lambda: services.add_grid_contributor(
                actor=scenario.users["social_worker"], grid=grid, **form.cleaned_data
            )
        )
    else:
        assert form.errors


@_SETTINGS
@given(
    context=_TEXT | st.sampled_from(["stability_meeting", "direct_work"]),
    meeting=_TEXT,
    day=_TEXT,
    month=_TEXT,
    year=_TEXT | st.sampled_from(["2026", "1899", "3000"]),
)
def test_the_make_form_never_fails_with_an_exception(scenario, context, meeting, day, month, year):
    child = scenario.children["own"]
    form = GridMakeForm(
        {"context": context, "meeting": meeting, "date-day": day, "date-month": month, "date-year": year},
        meetings=meetings_for_grid(child),
    )
    if form.is_valid():
        _saved_or_refused(
            lambda: services.make_grid(
                actor=scenario.users["social_worker"], child=child, **form.cleaned_data
            )
        )
    else:
        assert form.errors


@_SETTINGS
@given(impact=_TEXT, words=_TEXT, version=_TEXT)
def test_the_impact_form_never_fails_with_an_exception(scenario, impact, words, version):
    grid = _the_grid(scenario)
    form = ImpactForm({"impact_statement": impact, "childs_words": words, "seen_version": version})
    if form.is_valid():
        _saved_or_refused(
            lambda: services.save_impact_statement(
                actor=scenario.users["social_worker"], grid=grid, **form.cleaned_data
            )
        )
    else:
        assert form.errors


def test_a_contributor_is_chosen_from_staff_or_named(scenario):
    grid = a_grid(scenario)
    form = ContributorAddForm({"user": "", "name": " ", "role": "carer"}, staff=User.objects.all())
    assert not form.is_valid()
    assert form.errors["name"] == [
        "Choose a member of staff, or give the name of someone outside the council"
    ]
    a_contributor(scenario, grid)


def test_a_statement_in_a_section_is_asked_only_what_that_section_keeps_apart(scenario):
    grid = a_grid(scenario)
    contributors = grid.contributors.all()
    worried = StatementForm(
        {"section": "worried", "text": "Hit at contact", "contributor": contributors[0].pk, "basis": "fact"},
        contributors=contributors,
        section="worried",
    )
    assert not worried.is_valid()
    assert worried.errors["marker"] == [services.MARKER_WORRY]
    assert [value for value, _ in worried.fields["marker"].choices] == ["harm", "risk", "complicating"]
    good = StatementForm({}, contributors=contributors, section="good_looks_like")
    assert "marker" not in good.fields
