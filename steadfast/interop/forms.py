"""The form for uploading a year's SSDA903 files."""

from django import forms
from django.utils import timezone

from steadfast.core.forms import GovukForm

from .ssda903.commands._years import latest_year_ended
from .ssda903.reading import year_label
from .ssda903.validation import FIRST_YEAR

MAX_UPLOAD_BYTES = 200 * 1024 * 1024
"""The files of one upload together: a return of 100,000 children is well under it."""

TOO_LARGE = "The files together must be smaller than 200 MB. Upload the Header and Episodes files only."
NO_FILES = "Choose the year's SSDA903 CSV files"
NOT_CSV = "{name} is not a CSV file. Choose the CSV files the case system exported."


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", MultipleFileInput())
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        files = data if isinstance(data, list | tuple) else [data] if data else []
        if not files:
            raise forms.ValidationError(NO_FILES)
        for sent in files:
            if not sent.name.lower().endswith(".csv"):
                raise forms.ValidationError(NOT_CSV.format(name=sent.name))
        return files


def year_choices() -> list[tuple[int, str]]:
    latest = latest_year_ended(timezone.localdate())
    return [(year, year_label(year)) for year in range(latest + 1, FIRST_YEAR - 1, -1)]


class ImportForm(GovukForm):
    year = forms.TypedChoiceField(coerce=int, label="Collection year")
    files = MultipleFileField(label="The year's CSV files", error_messages={"required": NO_FILES})

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["year"].choices = year_choices()
        self.fields["year"].initial = latest_year_ended(timezone.localdate())
