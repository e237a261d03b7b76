import dataclasses
import datetime

import pytest
from django import forms
from django.utils import timezone
from hypothesis import given, settings
from hypothesis import strategies as st

from steadfast.core.dates import add_years
from steadfast.core.forms import GovukDateField, GovukForm, WarnsOfSameRecordForm, saved_when


class DateForm(GovukForm):
    when = GovukDateField(label="Date of the visit")


def _bound(day: str, month: str, year: str) -> DateForm:
    return DateForm({"when-day": day, "when-month": month, "when-year": year})


def test_three_boxes_make_a_date():
    form = _bound("7", "11", "2025")
    assert form.is_valid()
    assert form.cleaned_data["when"] == datetime.date(2025, 11, 7)


def test_an_impossible_date_is_refused_with_the_fields_label():
    form = _bound("30", "2", "2025")
    assert not form.is_valid()
    assert form.errors["when"] == ["Date of the visit must be a real date"]


def test_a_partly_filled_date_asks_for_all_three_parts():
    assert _bound("30", "", "2025").errors["when"] == ["Date of the visit must include a day, month and year"]


def test_an_empty_required_date_asks_for_it():
    assert _bound("", "", "").errors["when"] == ["Enter the date of the visit"]


def test_text_in_a_date_box_is_refused_not_crashed():
    assert _bound("x", "2", "2025").errors["when"] == ["Date of the visit must be a real date"]


def test_the_error_summary_links_a_date_to_its_day_box():
    form = _bound("", "", "")
    form.is_valid()
    assert form.error_summary() == [{"text": "Enter the date of the visit", "href": "#id_when-day"}]


def test_a_services_field_error_lands_on_its_field_and_others_on_the_form():
    form = _bound("1", "1", "2025")
    form.is_valid()
    form.add_service_error(forms.ValidationError({"when": "Too early"}))
    form.add_service_error(forms.ValidationError("Something else"))
    assert form.errors["when"] == ["Too early"]
    assert form.non_field_errors() == ["Something else"]


# Bounds and hostile boxes: every date form takes its dates through this field.

TODAY = datetime.date.today()


class BirthForm(GovukForm):
    born = GovukDateField(label="Date of birth", past_only=True)


def test_a_date_before_1900_is_refused_plainly():
    assert _bound("31", "12", "1899").errors["when"] == ["Date of the visit must be in 1900 or later"]


def test_a_year_without_4_numbers_is_refused_plainly():
    assert _bound("1", "1", "25").errors["when"] == [
        "Date of the visit must have a year of 4 numbers, like 2007"
    ]


def test_a_date_far_ahead_is_refused_plainly():
    assert _bound("1", "1", str(TODAY.year + 6)).errors["when"] == [
        "Date of the visit must be within 5 years from today"
    ]


def test_a_past_only_date_refuses_tomorrow_and_takes_today():
    tomorrow = TODAY + datetime.timedelta(days=1)
    form = BirthForm({"born-day": tomorrow.day, "born-month": tomorrow.month, "born-year": tomorrow.year})
    assert form.errors["born"] == ["Date of birth must be today or in the past"]
    assert BirthForm({"born-day": TODAY.day, "born-month": TODAY.month, "born-year": TODAY.year}).is_valid()


@pytest.mark.parametrize(
    "day,month,year",
    [
        ("1" * 20, "1", "2020"),
        ("1", "9" * 20, "2020"),
        ("²", "1", "2020"),
        ("1", "1", "٢٠٢٠"),
        ("1\x00", "1", "2020"),
        ("-1", "1", "2020"),
        ("1.5", "1", "2020"),
        ("1e3", "1", "2020"),
    ],
)
def test_hostile_boxes_are_refused_as_not_a_real_date(day, month, year):
    assert _bound(day, month, year).errors["when"] == ["Date of the visit must be a real date"]


def test_a_20_digit_year_is_refused_as_not_4_numbers():
    assert _bound("1", "1", "9" * 20).errors["when"] == [
        "Date of the visit must have a year of 4 numbers, like 2007"
    ]


_BOX = st.one_of(
    st.text(max_size=30),
    st.integers(min_value=-(10**25), max_value=10**25).map(str),
    st.sampled_from(["", " ", "²", "٣", "\x00", "0", "00", "29", "02", "1" * 40]),
)


@settings(max_examples=300, deadline=None, derandomize=True)
@given(day=_BOX, month=_BOX, year=_BOX)
def test_any_boxes_give_a_bounded_date_or_a_plain_error_never_an_exception(day, month, year):
    form = DateForm({"when-day": day, "when-month": month, "when-year": year})
    if form.is_valid():
        when = form.cleaned_data["when"]
        assert datetime.date(1900, 1, 1) <= when <= add_years(TODAY, 5)
    else:
        assert len(form.errors["when"]) == 1
        assert form.errors["when"][0].startswith("Date of the visit ") or form.errors["when"][0].startswith(
            "Enter the date"
        )


@dataclasses.dataclass
class _Person:
    pk: int
    name: str

    def get_full_name(self) -> str:
        return self.name


@dataclasses.dataclass
class _Saved:
    created_by: _Person | None
    created_at: datetime.datetime


class NoteForm(WarnsOfSameRecordForm):
    """A form whose record is saved already when `saved` holds one for its date."""

    when = GovukDateField(label="Date of the note")

    def __init__(self, *args, saved: dict, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.saved = saved

    def earlier_like(self, data):
        earlier = self.saved.get(data["when"])
        return None if earlier is None else (earlier, f"a note on {data['when']:%d/%m/%Y}")


_ME, _COLLEAGUE = _Person(1, "Alex Example"), _Person(2, "Sam Sample")


@settings(max_examples=200, deadline=None, derandomize=True)
@given(
    saved_at=st.datetimes(min_value=datetime.datetime(2020, 1, 1), max_value=datetime.datetime(2030, 1, 1)),
    by=st.sampled_from([_ME, _COLLEAGUE, None]),
    same_day=st.booleans(),
    ticked=st.sampled_from([None, "on", "", "false"]),
)
def test_a_record_like_one_saved_is_warned_of_until_the_box_is_ticked(saved_at, by, same_day, ticked):
    saved = {TODAY: _Saved(created_by=by, created_at=saved_at.replace(tzinfo=datetime.UTC))}
    day = TODAY if same_day else TODAY - datetime.timedelta(days=1)
    data = {"when-day": str(day.day), "when-month": str(day.month), "when-year": str(day.year)}
    if ticked is not None:
        data["save_anyway"] = ticked
    form = NoteForm(data, saved=saved, viewer=_ME)
    confirmed = ticked == "on"
    assert form.is_valid() == (confirmed or not same_day)
    assert form.is_valid() == form.is_valid()  # asking again gives the same answer
    assert not form.errors
    if form.is_valid():
        assert form.already_recorded == "" and set(form.cleaned_data) == {"when"}
    else:
        who = {_ME.pk: "You", _COLLEAGUE.pk: "Sam Sample"}.get(by.pk if by else None, "Someone")
        local = timezone.localtime(saved[TODAY].created_at)
        assert form.already_recorded == (
            f"{who} already recorded a note on {TODAY:%d/%m/%Y} (saved {saved_when(local)}). "
            "Save this one as well?"
        )


def test_a_form_with_a_mistake_is_not_asked_whether_its_record_was_saved():
    form = NoteForm({"when-day": "31", "when-month": "2", "when-year": "2025"}, saved={}, viewer=_ME)
    form.earlier_like = lambda data: pytest.fail("asked about a form with a mistake")
    assert not form.is_valid() and form.already_recorded == ""


def test_when_a_record_was_saved_says_today_or_the_day_so_it_is_not_read_as_when_it_happened():
    now = timezone.localtime()
    assert saved_when(now) == f"today at {now:%H:%M}"
    earlier = now - datetime.timedelta(days=3)
    assert saved_when(earlier) == f"on {earlier.day} {earlier:%B %Y} at {earlier:%H:%M}"


def test_a_form_that_says_nothing_of_what_is_alike_saves_without_a_warning():
    class PlainForm(WarnsOfSameRecordForm):
        when = GovukDateField(label="Date of the note")

    form = PlainForm({"when-day": "3", "when-month": "3", "when-year": "2025"}, viewer=_ME)
    assert form.is_valid() and form.already_recorded == ""
