"""Long texts are shortened in lists, with the whole text one click away: a link to the record's
own page, which shows all of it, or a details element where the record has no page of its own."""

import datetime
import html
import re

import pytest
from django.utils import timezone

from steadfast.carer_logs.tests.helpers import a_log
from steadfast.carer_messages.notifications import tell_carers
from steadfast.concerns import services as concern_services
from steadfast.core.shortening import ELLIPSIS
from steadfast.meetings import services as meeting_services
from steadfast.meetings.models import OwnerKind
from steadfast.meetings.tests.helpers import a_meeting_ready_to_submit

pytestmark = pytest.mark.django_db

OPENING = "Owen came home from school upset and would not say why, so we sat with him in the kitchen"
MIDDLE = " and talked about his week, his friends and the football match on Saturday" * 3
ENDING = " and in the end he told us that somebody had taken his new coat."
LONG = OPENING + MIDDLE + ENDING


def _page(client, path: str) -> str:
    response = client.get(path)
    assert response.status_code == 200, path
    return html.unescape(response.content.decode())


def _shown_start(page: str) -> str:
    """The shortened text as the page shows it, from its opening words to the ellipsis."""
    found = re.search(re.escape(OPENING[:40]) + r"[^…<]*…", page)
    assert found, "the shortened text is not on the page"
    return found.group(0)


def _assert_shortened_on_a_word_boundary(page: str) -> None:
    shown = _shown_start(page).removesuffix(ELLIPSIS)
    assert LONG.startswith(shown) and len(shown) <= 150
    assert LONG[len(shown)] == " "  # cut between words


def test_the_ssws_list_of_logs_shortens_a_long_log_and_links_to_the_whole_of_it(client, scenario):
    log = a_log(scenario, text=LONG + " I'm at the end of my tether.")
    client.force_login(scenario.users["supervising_social_worker"])
    page = _page(client, f"/households/{scenario.households['own'].pk}/logs/")
    _assert_shortened_on_a_word_boundary(page)
    assert "somebody had taken his new coat" not in page
    read_all = re.search(r'<a class="govuk-link" data-read-all href="([^"]+)">Read all of it<span', page)
    assert read_all and read_all.group(1) == f"/logs/{log.pk}/"
    # The cue left out of the shortened text is still counted, and named in the reasons
    assert "1 more marked phrase further on in this log." in page
    assert "“end of my tether”" in page or "end of my tether”" in page
    whole = _page(client, f"/logs/{log.pk}/")
    assert "somebody had taken his new coat" in whole and "Read all of it" not in whole


def test_a_short_log_is_shown_whole_without_a_read_all_link(client, scenario):
    a_log(scenario, text="A calm evening, and Owen slept well.")
    client.force_login(scenario.users["supervising_social_worker"])
    page = _page(client, f"/households/{scenario.households['own'].pk}/logs/")
    assert "A calm evening, and Owen slept well." in page
    assert "Read all of it" not in page and "further on in this log" not in page


def test_the_carers_list_of_logs_shortens_a_long_log_and_links_to_its_page(client, scenario):
    log = a_log(scenario, text=LONG)
    client.force_login(scenario.users["foster_carer"])
    page = _page(client, "/portal/logs/")
    _assert_shortened_on_a_word_boundary(page)
    assert "somebody had taken his new coat" not in page
    assert (
        f'href="/portal/logs/{log.pk}/">Read all of it<span class="govuk-visually-hidden">: your log of'
        in page
    )
    assert "somebody had taken his new coat" in _page(client, f"/portal/logs/{log.pk}/")


def test_a_2000_character_word_is_shortened_in_the_carers_list(client, scenario):
    word = "x" * 2000
    a_log(scenario, text=word)
    client.force_login(scenario.users["foster_carer"])
    page = _page(client, "/portal/logs/")
    assert "x" * 150 + ELLIPSIS in page and "x" * 151 not in page


def test_the_carers_messages_keep_a_long_message_whole_in_a_details_element(client, scenario):
    carer = scenario.users["foster_carer"]
    body = LONG + "\n\nPlease call us if anything changes."
    tell_carers([carer], subject="About Saturday", body=body, link="/portal/", about="test")
    client.force_login(carer)
    page = _page(client, "/portal/messages/")
    _assert_shortened_on_a_word_boundary(page)
    details = re.search(r"<details class=\"govuk-details[^>]*data-whole-text>(.*?)</details>", page, re.S)
    assert details, "the whole message is not in a details element"
    assert "Read all of it" in details.group(1)
    assert "somebody had taken his new coat" in details.group(1)
    assert "Please call us if anything changes." in details.group(1)


def _an_action_with_long_words(scenario):
    meeting = a_meeting_ready_to_submit(scenario)
    chair = scenario.users["senior_practitioner"]
    meeting_services.add_stability_action(
        actor=chair,
        meeting=meeting,
        what=LONG,
        owner_kind=OwnerKind.CARER,
        owner_name="Test Carer",
        due_date=timezone.localdate() + datetime.timedelta(days=21),
        measure="Owen tells us he feels safe.",
    )
    meeting_services.submit_stability_plan(actor=chair, meeting=meeting)
    meeting_services.authorise_stability_plan(actor=scenario.users["team_manager"], meeting=meeting)
    return meeting


def test_the_childs_plan_and_the_households_record_shorten_a_long_action_with_the_whole_beneath(
    client, scenario
):
    meeting = _an_action_with_long_words(scenario)
    client.force_login(scenario.users["social_worker"])
    plan = _page(client, f"/children/{scenario.children['own'].pk}/plan/")
    _assert_shortened_on_a_word_boundary(plan)
    assert re.search(r"data-whole-text>.*somebody had taken his new coat", plan, re.S)
    assert "Owen tells us he feels safe." in plan  # a short measure stays as it is
    # The meeting's own page shows the action whole, never shortened
    record = _page(client, f"/meetings/{meeting.pk}/")
    assert LONG in record
    client.force_login(scenario.users["supervising_social_worker"])
    household = _page(client, f"/households/{scenario.households['own'].pk}/")
    _assert_shortened_on_a_word_boundary(household)
    assert re.search(r"data-whole-text>.*somebody had taken his new coat", household, re.S)


def test_the_carers_home_shortens_a_long_action_for_them_with_the_whole_beneath(client, scenario):
    _an_action_with_long_words(scenario)
    client.force_login(scenario.users["foster_carer"])
    page = _page(client, "/portal/")
    _assert_shortened_on_a_word_boundary(page)
    assert re.search(r"data-whole-text>.*somebody had taken his new coat", page, re.S)


def test_the_childs_record_shortens_a_long_oversight_note_and_links_to_its_concern(client, scenario):
    concern = concern_services.raise_stability_concern(
        actor=scenario.users["social_worker"],
        child=scenario.children["own"],
        urgency="under_pressure",
        factors=["carer_may_not_go_on"],
        what_is_happening="The carer is tired.",
        raised_by="social_worker",
    )
    concern_services.triage_stability_concern(
        actor=scenario.users["team_manager"],
        concern=concern,
        response="supervisory_visit",
        reason=LONG,
        interim_support="Respite on Saturday.",
    )
    client.force_login(scenario.users["social_worker"])
    page = _page(client, f"/children/{scenario.children['own'].pk}/")
    note = re.search(r"data-oversight-note=.*?</div>", page, re.S).group(0)
    decision = "A supervisory visit: " + LONG
    shown = re.search(r"A supervisory visit: [^…<]*…", note).group(0).removesuffix(ELLIPSIS)
    assert decision.startswith(shown) and len(shown) <= 150 and decision[len(shown)] == " "
    assert "somebody had taken his new coat" not in note
    assert f'href="/concerns/{concern.pk}/">Read all of it' in note
    assert "Respite on Saturday." in note
    assert "somebody had taken his new coat" in _page(client, f"/concerns/{concern.pk}/")


def test_my_work_cuts_a_long_action_between_words(client, scenario):
    meeting = a_meeting_ready_to_submit(scenario)
    sw = scenario.users["social_worker"]
    chair = scenario.users["senior_practitioner"]
    meeting_services.add_stability_action(
        actor=chair,
        meeting=meeting,
        what=LONG,
        owner_kind=OwnerKind.WORKER,
        owner=sw,
        due_date=timezone.localdate() + datetime.timedelta(days=2),
        measure="Owen tells us he feels safe.",
    )
    meeting_services.submit_stability_plan(actor=chair, meeting=meeting)
    meeting_services.authorise_stability_plan(actor=scenario.users["team_manager"], meeting=meeting)
    client.force_login(sw)
    page = _page(client, "/")
    shown = re.search(re.escape(OPENING[:30]) + r"[^…<]*…", page).group(0).removesuffix(ELLIPSIS)
    assert LONG.startswith(shown) and len(shown) <= 80 and LONG[len(shown)] == " "
