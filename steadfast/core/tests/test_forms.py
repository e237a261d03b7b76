import datetime

from django import forms

from steadfast.core.forms import GovukDateField, GovukForm


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
