"""The form of the measures pages: the year to show."""

import datetime

from django import forms

from steadfast.core.forms import GovukForm

WRONG_YEAR = "There are no figures for that year. Choose a year ending 31 March from the list."


class YearForm(GovukForm):
    year = forms.TypedChoiceField(
        label="Year ending 31 March",
        coerce=int,
        error_messages={"invalid_choice": WRONG_YEAR, "required": WRONG_YEAR},
    )

    def __init__(
        self, *args, years: list[datetime.date], published: frozenset[int] = frozenset(), **kwargs
    ) -> None:
        super().__init__(*args, **kwargs)
        self.fields["year"].choices = [
            (
                day.year,
                f"{day.year} (1 April {day.year - 1} to 31 March {day.year})"
                + ("" if day.year in published else ", no published figures"),
            )
            for day in years
        ]
