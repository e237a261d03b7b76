import datetime

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.utils import timezone

from steadfast.audit.models import AuditEvent
from steadfast.core import texts
from steadfast.meetings.invitations import hash_views_link
from steadfast.meetings.models import Invitee, InviteeGroup, InviteeRole, ViewsGathered
from steadfast.young_people import services
from steadfast.young_people.drawings import drawing_from
from steadfast.young_people.models import ChildsViews, PrivateFor, SentHow

from .helpers import invite, meeting_to_come, picture_bytes

pytestmark = pytest.mark.django_db


@pytest.fixture
def scenario(scenario):
    for key in ("social_worker", "team_manager"):
        user = scenario.users[key]
        user.email = f"{key.replace('_', '.')}@example.org"
        user.save(update_fields=["email"])
    return scenario


def test_a_link_keeps_only_the_hash_of_a_long_random_token(scenario):
    issued = invite(scenario)
    assert len(issued.token) >= 43  # 32 random bytes: 256 bits
    assert issued.invitation.token_hash == hash_views_link(issued.token)
    assert issued.token not in str(issued.invitation.__dict__)


def test_a_link_for_a_meeting_stops_when_the_meeting_starts(scenario):
    meeting = meeting_to_come(scenario, scheduled_at=timezone.now() + datetime.timedelta(days=3))
    issued = invite(scenario, meeting=meeting, days=14)
    assert issued.invitation.expires_at == meeting.scheduled_at


def test_the_link_is_sent_by_email_and_by_text_naming_no_one_but_the_worker(
    scenario, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        issued = invite(scenario, sent_how=SentHow.EMAIL, email="young.person@example.org")
    [email] = mail.outbox
    assert f"/my-views/{issued.token}/" in email.body
    assert scenario.children["own"].legal_last_name not in email.body
    with django_capture_on_commit_callbacks(execute=True):
        issued = invite(scenario, sent_how=SentHow.TEXT, mobile="+447700900982")
    [text] = texts.outbox
    assert f"/my-views/{issued.token}/" in text.body and text.to == "+447700900982"


def test_a_worker_outside_the_team_cannot_invite(scenario):
    with pytest.raises(ValidationError):
        services.invite_child_to_give_views(
            actor=scenario.users["other_social_worker"],
            child=scenario.children["own"],
            purpose="general",
            meeting=None,
            page_version="older",
            days=14,
            sent_how="qr",
        )


def test_a_link_cannot_work_for_longer_than_fourteen_days(scenario):
    with pytest.raises(ValidationError) as refused:
        invite(scenario, days=15)
    assert refused.value.message_dict == {"days": [services.DAYS_OUT_OF_RANGE]}


def test_what_the_child_sends_becomes_their_views_for_the_meeting_in_their_own_words(
    scenario, django_capture_on_commit_callbacks
):
    meeting = meeting_to_come(scenario)
    issued = invite(scenario, meeting=meeting)
    with django_capture_on_commit_callbacks(execute=True):
        views = services.send_childs_views(
            invitation=issued.invitation,
            sent=services.SentViews(
                going_well="My dog", worrying="School", better="More time with my sister", home_score=7
            ),
        )
    invitee = Invitee.objects.get(meeting=meeting, role=InviteeRole.CHILD)
    assert invitee.group == InviteeGroup.VIEWS_SOUGHT
    assert (invitee.working_well, invitee.worries, invitee.needs_to_happen) == (
        "My dog",
        "School",
        "More time with my sister",
    )
    assert invitee.views_gathered == ViewsGathered.OWN_PAGE and invitee.views_recorded_by is None
    assert views.home_score == 7
    issued.invitation.refresh_from_db()
    assert issued.invitation.used_at is not None
    [email] = mail.outbox
    assert email.to == [scenario.users["social_worker"].email]
    assert email.subject == "A child has sent you their views"
    assert scenario.children["own"].legal_first_name not in email.body
    assert AuditEvent.objects.filter(
        event_type=services.VIEWS_SENT, actor=None, child_id=views.child_id
    ).exists()


def test_views_already_recorded_for_the_child_are_kept_beside_their_own(scenario):
    meeting = meeting_to_come(scenario)
    earlier = Invitee.objects.create(
        meeting=meeting,
        name="Owen",
        role=InviteeRole.CHILD,
        group=InviteeGroup.CORE,
        worries="Recorded by the worker",
        views_gathered=ViewsGathered.DIRECT,
        views_recorded_at=timezone.now(),
    )
    services.send_childs_views(
        invitation=invite(scenario, meeting=meeting).invitation, sent=services.SentViews(worrying="Mine")
    )
    earlier.refresh_from_db()
    assert earlier.worries == "Recorded by the worker"
    assert Invitee.objects.filter(meeting=meeting, role=InviteeRole.CHILD, worries="Mine").exists()


def test_a_link_sends_once(scenario):
    issued = invite(scenario)
    services.send_childs_views(invitation=issued.invitation, sent=services.SentViews(going_well="Football"))
    with pytest.raises(services.AlreadySent):
        services.send_childs_views(invitation=issued.invitation, sent=services.SentViews(going_well="Again"))
    assert ChildsViews.objects.get().going_well == "Football"


def test_nothing_at_all_is_not_sent(scenario):
    issued = invite(scenario)
    with pytest.raises(ValidationError):
        services.send_childs_views(invitation=issued.invitation, sent=services.SentViews())
    issued.invitation.refresh_from_db()
    assert issued.invitation.used_at is None


def test_a_child_not_sure_they_are_safe_is_told_to_their_social_worker_and_manager_at_once(
    scenario, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        views = services.send_childs_views(
            invitation=invite(scenario).invitation, sent=services.SentViews(feels_safe="not_sure")
        )
    assert views.worried_about_safety
    assert sorted(m.to[0] for m in mail.outbox) == sorted(
        [scenario.users["social_worker"].email, scenario.users["team_manager"].email]
    )
    assert all(m.subject.startswith("Urgent") for m in mail.outbox)
    assert all(scenario.children["own"].legal_first_name not in m.body for m in mail.outbox)


def test_what_was_done_is_recorded_once_the_worker_has_acted(scenario):
    views = services.send_childs_views(
        invitation=invite(scenario).invitation, sent=services.SentViews(feels_happy="no")
    )
    with pytest.raises(ValidationError):
        services.record_safety_acted_on(
            actor=scenario.users["social_worker"], views=views, what_was_done="  ", seen_version=views.version
        )
    acted = services.record_safety_acted_on(
        actor=scenario.users["social_worker"],
        views=views,
        what_was_done="Visited the same day; Owen fell out with his carer's son.",
        seen_version=views.version,
    )
    assert acted.acted_by == scenario.users["social_worker"] and acted.acted_at is not None


def test_a_private_message_goes_to_the_person_allocated_in_that_role(scenario):
    views = services.send_childs_views(
        invitation=invite(scenario).invitation,
        sent=services.SentViews(private_message="Just for you", private_for=PrivateFor.IRO),
    )
    assert views.private_for_user == scenario.users["iro"]


def test_a_word_opens_a_used_link_and_wrong_words_are_counted_then_refused(scenario):
    issued = invite(scenario)
    services.send_childs_views(
        invitation=issued.invitation, sent=services.SentViews(going_well="Football", word="Pineapple")
    )
    issued.invitation.refresh_from_db()
    assert "Pineapple" not in issued.invitation.word_hash
    assert services.check_word(invitation=issued.invitation, word="pineapple ")
    for _ in range(services.WORD_TRIES):
        assert not services.check_word(invitation=issued.invitation, word="banana")
    assert not services.check_word(invitation=issued.invitation, word="Pineapple")
    assert AuditEvent.objects.filter(event_type=services.WORD_REFUSED).count() == services.WORD_TRIES


def test_a_drawing_is_kept_without_its_metadata(scenario):
    from PIL import Image

    exif = Image.Exif()
    exif[0x010F] = "Camera maker"
    drawing = drawing_from(picture_bytes(exif=exif.tobytes()))
    views = services.send_childs_views(
        invitation=invite(scenario).invitation, sent=services.SentViews(drawing=drawing)
    )
    kept = views.drawings.get()
    assert b"Camera maker" not in bytes(kept.image)
    assert (kept.width, kept.height) == (40, 30)


def test_a_revoked_link_cannot_be_revoked_again(scenario):
    invitation = invite(scenario).invitation
    services.revoke_views_invitation(
        actor=scenario.users["social_worker"], invitation=invitation, seen_version=invitation.version
    )
    invitation.refresh_from_db()
    with pytest.raises(ValidationError):
        services.revoke_views_invitation(
            actor=scenario.users["social_worker"], invitation=invitation, seen_version=invitation.version
        )


def test_a_new_link_for_the_same_meeting_stops_the_one_not_yet_used(scenario):
    meeting = meeting_to_come(scenario)
    first = invite(scenario, meeting=meeting).invitation
    general = invite(scenario).invitation
    second = invite(scenario, meeting=meeting).invitation
    first.refresh_from_db()
    general.refresh_from_db()
    assert first.revoked_at is not None and first.revoked_by == scenario.users["social_worker"]
    assert general.revoked_at is None and second.revoked_at is None
    assert (
        AuditEvent.objects.filter(
            event_type=services.INVITATION_REVOKED, details__replaced_by_a_new_link=True
        ).count()
        == 1
    )


def test_a_new_link_leaves_a_used_one_as_it_was(scenario):
    used = invite(scenario).invitation
    used.used_at = timezone.now()
    used.save(update_fields=["used_at"])
    invite(scenario)
    used.refresh_from_db()
    assert used.revoked_at is None
