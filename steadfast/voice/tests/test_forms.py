"""The child's voice forms take whatever is typed or sent without raising, and answer with a
message, never a half-understood value."""

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from steadfast.core.child_texts import CHILD_TEXT_MAX_LENGTH
from steadfast.voice.forms import (
    DecisionVoiceForm,
    FeedbackForm,
    FeedbackSharedForm,
    InfluenceForm,
    VoiceForm,
)

FIELDS = {
    VoiceForm: [
        "seen_version",
        "views_sought",
        "how_sought",
        "advocate_helped",
        "not_sought_reason",
        "child_said",
    ],
    DecisionVoiceForm: [
        "decision",
        "decided_on-day",
        "decided_on-month",
        "decided_on-year",
        "decision_maker",
    ],
    InfluenceForm: ["seen_version", "asked_for", "outcome", "explanation"],
    FeedbackSharedForm: [
        "fed_back_on-day",
        "fed_back_on-month",
        "fed_back_on-year",
        "fed_back_how",
        "fed_back_by",
    ],
    FeedbackForm: ["seen_version", "text", "action"],
}
hostile = st.one_of(
    st.text(max_size=50),
    st.sampled_from(
        ["yes", "no", "0", "-1", "99999999999999999999", "\x00", "changed", "letter", "check", "٣"]
    ),
    st.text(min_size=CHILD_TEXT_MAX_LENGTH, max_size=CHILD_TEXT_MAX_LENGTH + 2, alphabet="ab "),
)


@pytest.mark.parametrize("form_class", list(FIELDS))
@settings(max_examples=40, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_any_input_is_valid_or_answered_with_messages(form_class, data):
    names = FIELDS[form_class] + (FIELDS[VoiceForm] if form_class is DecisionVoiceForm else [])
    sent = {name: data.draw(hostile) for name in names if data.draw(st.booleans())}
    form = form_class(sent)
    if form.is_valid():
        assert all(
            value is None or not isinstance(value, str) or "\x00" not in value
            for value in form.cleaned_data.values()
        )
    else:
        assert all(str(message) for errors in form.errors.values() for message in errors)
    if isinstance(form, FeedbackForm):
        assert form.typed_readability() is None or form.typed_readability().reading_age >= 5


def test_views_sought_without_saying_how_or_why_not_is_refused_on_the_form():
    form = VoiceForm({"seen_version": "0", "views_sought": "yes"})
    assert not form.is_valid() and "how_sought" in form.errors
    form = VoiceForm({"seen_version": "0", "views_sought": "no"})
    assert not form.is_valid() and "not_sought_reason" in form.errors
