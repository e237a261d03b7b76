import datetime

from django.utils import timezone
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from steadfast.accounts.models import Scope
from steadfast.audit.models import AuditEvent
from steadfast.concerns import services
from steadfast.concerns.models import StabilityConcern
from steadfast.meetings.tests.helpers import a_concern_needing_a_meeting


def _raise(scenario, child: str = "own", **extra) -> StabilityConcern:
    return services.raise_stability_concern(
        actor=scenario.users["social_worker"],
        child=scenario.children[child],
        urgency=extra.pop("urgency", "under_pressure"),
        factors=["school"],
        what_is_happening="Excluded twice this month (test).",
        raised_by="social_worker",
        **extra,
    )


def _new_concern(scenario, **extra) -> dict:
    return {
        "child_id": scenario.children["own"].pk,
        "factors": ["carer_may_not_go_on", "missing"],
        "what_is_happening": "The carer says she cannot go on (test).",
        "urgency": "breakdown_imminent",
        "raised_by": "carer",
        "raised_by_name": "Test Carer",
        **extra,
    }


def test_a_worker_lists_the_concerns_about_children_they_may_see_and_no_others(scenario, api_as):
    own, restricted, other = _raise(scenario), _raise(scenario, "restricted"), _raise(scenario, "other")
    ids = {item["id"] for item in api_as(scenario.users["social_worker"]).get("/concerns/").json()["items"]}
    assert ids == {own.pk, restricted.pk}
    assert other.pk not in ids


def test_a_restricted_childs_concern_is_in_no_list_for_those_not_granted_them(scenario, api_as):
    own, restricted = _raise(scenario), _raise(scenario, "restricted")
    for user in ("team_manager", "iro", "supervising_social_worker"):
        api = api_as(scenario.users[user])
        ids = {item["id"] for item in api.get("/concerns/").json()["items"]}
        assert restricted.pk not in ids, user
        assert api.get(f"/concerns/{restricted.pk}").status_code == 404
    assert own.pk in {
        item["id"] for item in api_as(scenario.users["team_manager"]).get("/concerns/").json()["items"]
    }


def test_a_concern_reads_as_its_page_shows_it_with_the_managers_decision(scenario, api_as):
    concern = a_concern_needing_a_meeting(scenario)
    body = api_as(scenario.users["social_worker"]).get(f"/concerns/{concern.pk}").json()
    assert body["child_id"] == scenario.children["own"].pk
    assert body["household_id"] == scenario.households["own"].pk
    assert body["urgency"] == "breakdown_imminent"
    assert body["raised_by"] == "carer"
    assert body["recorded_by"]["id"] == scenario.users["supervising_social_worker"].pk
    assert body["factors"] == ["carer_may_not_go_on"]
    assert body["status"] == "meeting_to_arrange"
    assert body["response"] == "meeting"
    assert body["meeting_kind"] == "placement_stability"
    assert body["triaged_by"]["id"] == scenario.users["team_manager"].pk
    assert body["oversight_notes"][0]["decision"].startswith("A stability meeting")
    assert body["due_date"] == concern.due_date.isoformat()
    assert body["version"] == concern.version


def test_a_concern_still_awaiting_a_decision_after_its_due_date_is_late(scenario, api_as):
    concern = _raise(scenario)
    StabilityConcern.objects.filter(pk=concern.pk).update(
        due_date=timezone.localdate() - datetime.timedelta(1)
    )
    assert api_as(scenario.users["social_worker"]).get(f"/concerns/{concern.pk}").json()["late"] is True


def test_a_concern_outside_access_is_404_as_one_that_does_not_exist(scenario, api_as):
    hidden = _raise(scenario, "other")
    api = api_as(scenario.users["social_worker"])
    refused, missing = api.get(f"/concerns/{hidden.pk}"), api.get("/concerns/987654")
    assert refused.status_code == missing.status_code == 404
    assert {k: v for k, v in refused.json().items() if k != "instance"} == {
        k: v for k, v in missing.json().items() if k != "instance"
    }


def test_the_list_filters_by_child_household_and_status(scenario, api_as):
    own, restricted = _raise(scenario), _raise(scenario, "restricted")
    triaged = a_concern_needing_a_meeting(scenario)
    api = api_as(scenario.users["social_worker"])

    def ids(**query) -> set[int]:
        return {item["id"] for item in api.get("/concerns/", **query).json()["items"]}

    assert ids(child_id=scenario.children["restricted"].pk) == {restricted.pk}
    assert ids(household_id=scenario.households["own"].pk) == {own.pk, restricted.pk, triaged.pk}
    assert ids(status="meeting_to_arrange") == {triaged.pk}
    assert api.get("/concerns/", status="nonsense").status_code == 422


def test_reading_concerns_is_audited_on_the_childs_and_households_records(scenario, api_as):
    concern = _raise(scenario)
    api_as(scenario.users["iro"]).get(f"/concerns/{concern.pk}")
    event = AuditEvent.objects.filter(actor=scenario.users["iro"], child_id=concern.child_id).latest("pk")
    assert event.details["what"] == "concern"
    assert AuditEvent.objects.filter(actor=scenario.users["iro"], household_id=concern.household_id).exists()


def test_pages_follow_the_cursor_and_changed_since_gives_only_what_changed(scenario, api_as):
    made = [_raise(scenario) for _ in range(3)]
    api = api_as(scenario.users["social_worker"])
    seen, cursor = [], None
    while True:
        body = api.get("/concerns/", limit=2, **({"cursor": cursor} if cursor else {})).json()
        seen += [item["id"] for item in body["items"]]
        if (cursor := body["next_cursor"]) is None:
            break
    assert sorted(seen) == sorted(c.pk for c in made)
    later = timezone.now() + datetime.timedelta(seconds=1)
    StabilityConcern.objects.filter(pk=made[0].pk).update(updated_at=later + datetime.timedelta(seconds=5))
    body = api.get("/concerns/", changed_since=later.isoformat()).json()
    assert [item["id"] for item in body["items"]] == [made[0].pk]


def test_a_page_of_twenty_costs_the_same_queries_as_a_page_of_two(
    scenario, api_as, django_assert_max_num_queries
):
    api = api_as(scenario.users["social_worker"])
    for _ in range(2):
        _raise(scenario)
    with django_assert_max_num_queries(100) as two:
        api.get("/concerns/")
    for _ in range(18):
        _raise(scenario)
    with django_assert_max_num_queries(len(two.captured_queries)):
        assert len(api.get("/concerns/").json()["items"]) == 20


def test_a_token_without_the_scope_may_not_read_or_raise(scenario, api_as):
    reader = api_as(scenario.users["social_worker"], [Scope.WRITE_CONCERNS])
    assert reader.get("/concerns/").status_code == 403
    writer = api_as(scenario.users["social_worker"], [Scope.READ])
    response = writer.post("/concerns/", _new_concern(scenario))
    assert response.status_code == 403
    assert not StabilityConcern.objects.exists()


def test_raising_a_concern_works_out_its_due_date_and_audits_it(scenario, api_as):
    response = api_as(scenario.users["social_worker"]).post("/concerns/", _new_concern(scenario))
    assert response.status_code == 201, response.json()
    concern = StabilityConcern.objects.get()
    body = response.json()
    assert body["id"] == concern.pk
    assert body["household_id"] == scenario.households["own"].pk
    assert body["status"] == "awaiting_triage"
    assert body["raised_by_name"] == "Test Carer"
    assert body["due_date"] == concern.due_date.isoformat()
    assert body["recorded_by"]["id"] == scenario.users["social_worker"].pk
    assert AuditEvent.objects.filter(event_type=services.CONCERN_RAISED, child_id=concern.child_id).exists()


def test_the_same_raise_with_the_same_key_raises_one_concern(scenario, api_as):
    api = api_as(scenario.users["social_worker"])
    first = api.post("/concerns/", _new_concern(scenario), key="same")
    again = api.post("/concerns/", _new_concern(scenario), key="same")
    assert first.status_code == again.status_code == 201
    assert again.json() == first.json()
    assert StabilityConcern.objects.count() == 1


def test_a_concern_about_a_child_outside_access_is_404_and_nothing_is_raised(scenario, api_as):
    api = api_as(scenario.users["social_worker"])
    hidden = api.post("/concerns/", _new_concern(scenario, child_id=scenario.children["other"].pk))
    missing = api.post("/concerns/", _new_concern(scenario, child_id=987654))
    assert hidden.status_code == missing.status_code == 404
    assert hidden.json()["title"] == missing.json()["title"]
    assert not StabilityConcern.objects.exists()


def test_bad_input_is_422_with_the_field_named(scenario, api_as):
    api = api_as(scenario.users["social_worker"])
    for change, field in (
        ({"factors": []}, "factors"),
        ({"factors": ["not_a_factor"]}, "factors.0"),
        ({"urgency": "whenever"}, "urgency"),
        ({"what_is_happening": "   "}, "what_is_happening"),
        ({"what_is_happening": "a\x00b"}, "what_is_happening"),
        ({"raised_by": ""}, "raised_by"),
        ({"child_id": 2**70}, "child_id"),
    ):
        response = api.post("/concerns/", _new_concern(scenario, **change))
        assert response.status_code == 422, change
        assert response.json()["errors"][0]["field"].startswith(field), response.json()
    assert not StabilityConcern.objects.exists()


JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=20),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=10), inner, max_size=3),
    max_leaves=8,
)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    body=st.fixed_dictionaries(
        {},
        optional={
            "child_id": st.just("own") | st.integers() | JSON,
            "factors": st.lists(st.sampled_from(["school", "missing", "x"])) | JSON,
            "what_is_happening": st.text(max_size=30) | JSON,
            "urgency": st.sampled_from(["preventive", "breakdown_imminent", ""]) | JSON,
            "raised_by": st.sampled_from(["carer", "iro", "?"]) | JSON,
            "raised_by_name": st.text(max_size=30) | JSON,
        },
    )
)
def test_any_json_raises_a_whole_concern_or_nothing_and_never_fails(scenario, api_as, body):
    api = api_as(scenario.users["social_worker"], [Scope.WRITE_CONCERNS])
    if "child_id" in body and body["child_id"] == "own":
        body["child_id"] = scenario.children["own"].pk
    before = StabilityConcern.objects.count()
    response = api.post("/concerns/", body)
    assert response.status_code < 500
    assert StabilityConcern.objects.count() == before + (1 if response.status_code == 201 else 0)
