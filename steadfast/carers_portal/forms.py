from typing import Any

from steadfast.concerns.forms import ConcernRaiseForm

CHILD_NOT_LIVING_WITH_YOU = "Choose a child who lives with you"


class PortalConcernRaiseForm(ConcernRaiseForm):
    """The concern form as a carer sees it: about a child living with them, and raised by
    them, so it does not ask who is raising it."""

    def __init__(self, *args: Any, children: Any, **kwargs: Any) -> None:
        super().__init__(*args, children=children, **kwargs)
        del self.fields["raised_by"]
        del self.fields["raised_by_name"]
        self.fields["child"].error_messages["invalid_choice"] = CHILD_NOT_LIVING_WITH_YOU
