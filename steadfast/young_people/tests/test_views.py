import pytest
from django.utils import timezone

from steadfast.audit.models import AuditEvent
from steadfast.my_work import work
from steadfast.young_people import services
from steadfast.young_people.drawings import drawing_from
from steadfast.young_people.models import ChildsViews, PrivateFor, ViewsInvitation
from tests.queries import queries_for

from .helpers import invite, meeting_to_come, picture_bytes

pytestmark = pytest.mark.django_db


def _sent(scenario, **sent):
    issued = invite(scenario)
    return services.send_childs_views(invitation=issued.invitation, sent=services.SentViews(**sent))


def test_the_social_worker_sends_a_link_from_the_childs_record(client, scenario):
    child = scenario.children["own"]
    meeting = meeting_to_come(scenario)
    client.force_login(scenario.users["social_worker"])
    record = client.get(f"/children/{child.pk}/").content.decode()
    assert f"/children/{child.pk}/own-page/invite/" in record and "Send a new link" in record
    form = client.get(f"/children/{child.pk}/own-page/invite/")
    assert form.status_code == 200
    response = client.post(
        f"/children/{child.pk}/own-page/invite/",
        {
            "purpose": "meeting",
            "meeting": str(meeting.pk),
            "page_version": "younger",
            "days": "7",
            "sent_how": "qr",
        },
    )
    page = response.content.decode()
    assert response.status_code == 200 and "<svg" in page and "/my-views/" in page
    invitation = ViewsInvitation.objects.get()
    assert invitation.meeting == meeting and invitation.page_version == "younger"


def test_a_link_by_email_goes_back_to_the_record_with_a_message(client, scenario):
    child = scenario.children["own"]
    client.force_login(scenario.users["social_worker"])
    response = client.post(
        f"/children/{child.pk}/own-page/invite/",
        {
            "purpose": "general",
            "page_version": "older",
            "days": "14",
            "sent_how": "email",
            "email": "a@example.org",
        },
        follow=True,
    )
    assert "The link has been sent" in response.content.decode()


def test_a_bad_invitation_is_refused_with_its_reasons_and_keeps_what_was_typed(client, scenario):
    child = scenario.children["own"]
    client.force_login(scenario.users["social_worker"])
    page = client.post(
        f"/children/{child.pk}/own-page/invite/",
        {"purpose": "meeting", "page_version": "older", "days": "99", "sent_how": "text", "mobile": "12"},
    ).content.decode()
    assert services.MEETING_NEEDED in page and services.DAYS_OUT_OF_RANGE in page
    assert not ViewsInvitation.objects.exists()


@pytest.mark.parametrize("who", ["other_social_worker", "foster_carer", "analyst"])
def test_a_worker_outside_the_team_gets_404_on_sending_revoking_and_reading(client, scenario, who):
    child = scenario.children["own"]
    sent = _sent(scenario, going_well="Football", drawing=drawing_from(picture_bytes()))
    client.force_login(scenario.users[who])
    for path in (
        f"/children/{child.pk}/own-page/invite/",
        f"/own-page/invitations/{sent.invitation_id}/revoke/",
        f"/own-page/views/{sent.pk}/",
        f"/own-page/drawings/{sent.drawings.get().pk}/",
    ):
        assert client.get(path).status_code == 404, path
    assert (
        client.post(f"/own-page/invitations/{sent.invitation_id}/revoke/", {"seen_version": "1"}).status_code
        == 404
    )
    assert ViewsInvitation.objects.get(pk=sent.invitation_id).revoked_at is None


def test_an_iro_reads_what_was_sent_but_cannot_send_or_revoke(client, scenario):
    sent = _sent(scenario, going_well="Football")
    client.force_login(scenario.users["iro"])
    assert client.get(f"/own-page/views/{sent.pk}/").status_code == 200
    assert client.get(f"/children/{sent.child_id}/own-page/invite/").status_code == 404


def test_the_social_worker_stops_a_link(client, scenario):
    invitation = invite(scenario).invitation
    client.force_login(scenario.users["social_worker"])
    response = client.post(
        f"/own-page/invitations/{invitation.pk}/revoke/", {"seen_version": invitation.version}
    )
    assert response.status_code == 302
    invitation.refresh_from_db()
    assert invitation.revoked_at is not None and invitation.revoked_by == scenario.users["social_worker"]


def test_a_stale_stop_is_refused(client, scenario):
    invitation = invite(scenario).invitation
    client.force_login(scenario.users["social_worker"])
    page = client.post(
        f"/own-page/invitations/{invitation.pk}/revoke/", {"seen_version": invitation.version + 5}
    )
    assert page.status_code == 200
    invitation.refresh_from_db()
    assert invitation.revoked_at is None


def test_a_drawing_is_served_only_signed_in_never_kept_and_each_look_audited(client, scenario):
    sent = _sent(scenario, drawing=drawing_from(picture_bytes()))
    drawing = sent.drawings.get()
    assert client.get(f"/own-page/drawings/{drawing.pk}/").status_code == 302  # to sign in
    client.force_login(scenario.users["social_worker"])
    response = client.get(f"/own-page/drawings/{drawing.pk}/")
    assert response.status_code == 200 and response["Content-Type"] == "image/webp"
    assert "no-store" in response["Cache-Control"]
    assert AuditEvent.objects.filter(
        event_type=services.DRAWING_VIEWED, actor=scenario.users["social_worker"], child_id=sent.child_id
    ).exists()
    page = client.get(f"/own-page/views/{sent.pk}/").content.decode()
    assert f'src="/own-page/drawings/{drawing.pk}/"' in page


def test_a_message_for_one_person_is_shown_to_that_person_alone_and_audited(client, scenario):
    sent = _sent(scenario, private_message="Only for my IRO", private_for=PrivateFor.IRO)
    client.force_login(scenario.users["social_worker"])
    assert "Only for my IRO" not in client.get(f"/own-page/views/{sent.pk}/").content.decode()
    client.force_login(scenario.users["iro"])
    assert "Only for my IRO" in client.get(f"/own-page/views/{sent.pk}/").content.decode()
    [read] = AuditEvent.objects.filter(event_type=services.PRIVATE_MESSAGE_READ)
    assert read.actor == scenario.users["iro"]


def test_a_child_not_sure_they_are_safe_is_urgent_on_my_work_until_someone_records_what_they_did(
    client, scenario
):
    sent = _sent(scenario, feels_safe="not_sure")
    today = timezone.localdate()
    for who in ("social_worker", "team_manager"):
        items = work.work_for(scenario.users[who], today=today)
        assert items[0].kind == "childs_safety", who
    assert next(iter(work.WORK_KINDS)) == "childs_safety"
    client.force_login(scenario.users["social_worker"])
    response = client.post(
        f"/own-page/views/{sent.pk}/acted/", {"what_was_done": "Visited today.", "seen_version": sent.version}
    )
    assert response.status_code == 302
    assert not [
        i for i in work.work_for(scenario.users["social_worker"], today=today) if i.kind == "childs_safety"
    ]
    assert not [
        i for i in work.work_for(scenario.users["team_manager"], today=today) if i.kind == "childs_safety"
    ]


def test_views_wait_on_my_work_until_the_social_worker_reads_them(client, scenario):
    sent = _sent(scenario, going_well="Football")
    today = timezone.localdate()

    def waiting():
        return [
            i
            for i in work.work_for(scenario.users["social_worker"], today=today)
            if i.kind == "childs_views_sent"
        ]

    assert len(waiting()) == 1
    client.force_login(scenario.users["team_manager"])
    client.get(f"/own-page/views/{sent.pk}/")
    assert ChildsViews.objects.get().read_at is None
    client.force_login(scenario.users["social_worker"])
    client.get(f"/own-page/views/{sent.pk}/")
    assert ChildsViews.objects.get().read_at is not None
    assert not waiting()


def test_the_childs_views_show_on_the_meetings_page_in_their_own_words(client, scenario):
    meeting = meeting_to_come(scenario)
    services.send_childs_views(
        invitation=invite(scenario, meeting=meeting).invitation, sent=services.SentViews(worrying="School")
    )
    client.force_login(scenario.users["social_worker"])
    page = client.get(f"/meetings/{meeting.pk}/").content.decode()
    assert "In their own words" in page and "School" in page


def test_the_record_section_costs_the_same_however_many_links(client, scenario):
    child = scenario.children["own"]
    client.force_login(scenario.users["social_worker"])
    path = f"/children/{child.pk}/"
    invite(scenario)
    one = queries_for(client, path)
    for _ in range(3):
        _sent(scenario, going_well="Football")
    assert queries_for(client, path) == one
