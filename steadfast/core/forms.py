"""GOV.UK form building blocks: the three-box date input, a form base that carries a
service's validation errors back to the fields they belong to, and a form that warns before
saving a record that looks already saved."""

import datetime
import re
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.utils import timezone

from .dates import EARLIEST_DATE, YEARS_AHEAD, add_years
from .errors import STALE_EDIT
from .selectors import changes_since, changes_to_rows_since, rows_version

DATE_PARTS = ("day", "month", "year")
DATE_INVALID = "{label} must be a real date"
DATE_INCOMPLETE = "{label} must include a day, month and year"
DATE_REQUIRED = "Enter the {label_lower}"
DATE_YEAR_DIGITS = "{label} must have a year of 4 numbers, like 2007"
DATE_TOO_EARLY = "{label} must be in 1900 or later"
DATE_IN_FUTURE = "{label} must be today or in the past"
DATE_TOO_FAR_AHEAD = "{label} must be within {years} from today"
ALREADY_RECORDED = "{who} already recorded {what} (saved {saved}). Save this one as well?"
SAVE_ANYWAY = "Yes, save this one as well"

# What a box may hold: ASCII digits only (str.isdigit() and int() also take other scripts'
# digits, superscripts among them, and int() takes 20 digits that no date can hold).
_DAY_OR_MONTH = re.compile(r"[0-9]{1,2}")
_YEAR = re.compile(r"[0-9]{4}")


class GovukDateWidget(forms.Widget):
    """Day, month and year boxes named `<name>-day`, `<name>-month`, `<name>-year`, as the
    GOV.UK date input pattern has them."""

    def value_from_datadict(self, data: Any, files: Any, name: str) -> dict[str, str]:
        return {part: str(data.get(f"{name}-{part}") or "").strip() for part in DATE_PARTS}

    def value_omitted_from_data(self, data: Any, files: Any, name: str) -> bool:
        return not any(f"{name}-{part}" in data for part in DATE_PARTS)


class GovukDateField(forms.Field):
    """A date in three boxes. Its messages name it by its label ("Date of birth must be a real
    date"), or, where the label is a question, by `described_as` ("date it will be done by":
    "Enter the date it will be done by").

    Every date is bounded, so that no impossible date is stored: none before 1900
    (`EARLIEST_DATE`), and none more than `years_ahead` years after today (`YEARS_AHEAD` unless
    given), or, with `past_only`, none after today at all."""

    widget = GovukDateWidget

    def __init__(
        self,
        *,
        described_as: str = "",
        past_only: bool = False,
        years_ahead: int = YEARS_AHEAD,
        **kwargs: Any,
    ) -> None:
        super().__init__(**kwargs)
        self.described_as = described_as
        self.past_only = past_only
        self.years_ahead = years_ahead

    def _name(self) -> str:
        """What the messages call the date, as it would start a sentence."""
        if self.described_as:
            return f"The {self.described_as}"
        return str(self.label or "Date")

    def to_python(self, value: Any) -> datetime.date | None:
        if value in (None, "") or isinstance(value, datetime.date):
            return value or None
        if not any(value.values()):
            return None
        label = self._name()
        if not all(value.values()):
            raise ValidationError(DATE_INCOMPLETE.format(label=label), code="incomplete")
        day, month, year = (str(value[part]) for part in DATE_PARTS)
        if not (_DAY_OR_MONTH.fullmatch(day) and _DAY_OR_MONTH.fullmatch(month) and year.isascii()):
            raise ValidationError(DATE_INVALID.format(label=label), code="invalid")
        if not _YEAR.fullmatch(year):
            code = "invalid" if not year.isdigit() else "year_digits"
            message = DATE_INVALID if code == "invalid" else DATE_YEAR_DIGITS
            raise ValidationError(message.format(label=label), code=code)
        try:
            return datetime.date(int(year), int(month), int(day))
        except ValueError:
            raise ValidationError(DATE_INVALID.format(label=label), code="invalid") from None

    def validate(self, value: Any) -> None:
        if value is None and self.required:
            name = self.described_as or str(self.label or "date")
            name = name.removeprefix("The ").removeprefix("the ")
            raise ValidationError(
                DATE_REQUIRED.format(label_lower=name[0].lower() + name[1:]), code="required"
            )
        if value is None:
            return
        label = self._name()
        today = timezone.localdate()
        if value < EARLIEST_DATE:
            raise ValidationError(DATE_TOO_EARLY.format(label=label), code="too_early")
        if self.past_only and value > today:
            raise ValidationError(DATE_IN_FUTURE.format(label=label), code="in_future")
        if value > add_years(today, self.years_ahead):
            raise ValidationError(
                DATE_TOO_FAR_AHEAD.format(
                    label=label, years="1 year" if self.years_ahead == 1 else f"{self.years_ahead} years"
                ),
                code="too_far_ahead",
            )

    def parts(self, bound_value: Any) -> dict[str, str]:
        """The three boxes' contents for redisplay: what was typed, or the saved date."""
        if isinstance(bound_value, dict):
            return bound_value
        if isinstance(bound_value, datetime.date):
            return {
                "day": str(bound_value.day),
                "month": str(bound_value.month),
                "year": str(bound_value.year),
            }
        return dict.fromkeys(DATE_PARTS, "")


class GovukForm(forms.Form):
    """A form that shows errors the GOV.UK way and can take a service's ValidationError."""

    def add_service_error(self, error: ValidationError) -> None:
        """Attach a service's error to the field it names, or to the whole form."""
        if hasattr(error, "error_dict"):
            for field, errors in error.error_dict.items():
                self.add_error(field if field in self.fields else None, errors)
        else:
            self.add_error(None, error)

    def error_summary(self) -> list[dict[str, str]]:
        """The error summary's list: each message once, linked to the field it is about."""
        items = [{"text": str(e)} for e in self.non_field_errors()]
        for name, field in self.fields.items():
            for e in self[name].errors:
                target = f"id_{name}-day" if isinstance(field, GovukDateField) else f"id_{name}"
                items.append({"text": str(e), "href": f"#{target}"})
        return items


class WarnsOfSameRecordForm(GovukForm):
    """A form that adds a record someone may well send twice by mistake (the same visit, the
    same assessment, the same course, entered again on another day or by a colleague). When one
    like it is already saved (`earlier_like`), the form is not valid, though nothing in it is
    wrong: it comes back with a warning naming the one already saved, who saved it and when,
    and a box to tick to save this one as well; until that box is ticked nothing is saved. Two
    records alike may both be true (two visits on one day), so the person decides, not the
    form. `viewer` is the person filling it in."""

    save_anyway = forms.BooleanField(label=SAVE_ANYWAY, required=False)

    def __init__(self, *args: Any, viewer: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.viewer = viewer
        self.already_recorded = ""

    def earlier_like(self, data: dict[str, Any]) -> tuple[Any, str] | None:
        """The record already saved like the one `data` would add, and how to name it in the
        warning ("a visit to Sam Example on 3 March 2026"); None when there is none. Each form
        says what "like" means for its record; this one finds nothing alike."""
        return None

    def full_clean(self) -> None:
        super().full_clean()
        # Asked once the form is otherwise right, and taken out of cleaned_data, which then
        # holds only what the record is made of.
        if self.is_bound and not self._errors and not self.cleaned_data.pop("save_anyway", False):
            found = self.earlier_like(self.cleaned_data)
            if found is not None:
                earlier, what = found
                self.already_recorded = already_recorded(earlier, what=what, viewer=self.viewer)

    def is_valid(self) -> bool:
        return super().is_valid() and not self.already_recorded


def already_recorded(earlier: Any, *, what: str, viewer: Any) -> str:
    """The warning that `earlier` (a `BaseModel`) is already saved: who saved it, "You" when it
    was the viewer, and when they saved it ("today at 14:02", or the day too when it was not
    today), so that the time is not read as the time of what was recorded."""
    by = earlier.created_by
    who = "You" if by is not None and by.pk == viewer.pk else (by.get_full_name() if by else "Someone")
    return ALREADY_RECORDED.format(who=who, what=what, saved=saved_when(earlier.created_at))


def saved_when(moment: datetime.datetime) -> str:
    """When something was saved, in words: "today at 14:02", or "on 4 March 2026 at 14:02"."""
    local = timezone.localtime(moment)
    day = "today" if local.date() == timezone.localdate() else f"on {local.day} {local:%B %Y}"
    return f"{day} at {local:%H:%M}"


class SeenVersionForm(GovukForm):
    """A change to a record, carrying, hidden, the version of the record the person saw when the
    page was drawn (`BaseModel.version`): the service refuses the change when the record has
    moved on since (`core.services.refuse_if_stale`). A whole number compares exactly, whatever
    the clocks did meanwhile. 0 stands for a record not yet made when the page was drawn, one
    the form would add: a record made meanwhile has moved on from it."""

    stale_changes: list = []

    seen_version = forms.IntegerField(
        widget=forms.HiddenInput, min_value=0, error_messages={"required": STALE_EDIT, "invalid": STALE_EDIT}
    )

    def clean(self) -> dict[str, Any]:
        # A missing or mangled version can only mean the form is not the one we served: treat it
        # as stale rather than pointing at a field nobody can see.
        if "seen_version" in self.errors:
            del self.errors["seen_version"]
            self.add_error(None, STALE_EDIT)
        return super().clean()

    def refuse_as_stale(
        self, error: ValidationError, record: Any, *, viewer: Any = None, fields: Any = None
    ) -> None:
        """Show a save refused because `record` changed since the version this form was drawn
        from: the error, and what changed meanwhile and who changed it (`stale_changes`; only
        `fields` of it, when given). What the person typed stays in the form, which now carries
        the version saved, so that saving again, having seen those changes, is a choice made
        knowingly. `record` may also be the field history of a set of rows the form changes as
        a whole (`core.selectors.rows_version`)."""
        seen = self.cleaned_data.get("seen_version") if hasattr(self, "cleaned_data") else None
        self.add_service_error(error)
        if isinstance(record, QuerySet):
            self.stale_changes = changes_to_rows_since(record, seen, viewer=viewer, fields=fields)
            now = rows_version(record)
        else:
            record.refresh_from_db()
            self.stale_changes = changes_since(record, seen, viewer=viewer, fields=fields)
            now = record.version
        self.data = self.data.copy()
        self.data["seen_version"] = now
