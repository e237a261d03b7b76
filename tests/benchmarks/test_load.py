"""The load test's pure parts: the mix, who signs in, the figures and the names of errors. No
server, database or network; benchmarks.locustfile (which imports locust) is never imported."""

import heapq
import http.client
import random

import pytest
import requests
import urllib3

from benchmarks.load import (
    CARER,
    CARER_LOG,
    CASEWORK,
    CHILD_RECORD,
    CHILD_SEARCH,
    HOUSEHOLD_RECORD,
    MANAGER,
    MIX,
    MY_WORK,
    OVERSIGHT,
    WORKER,
    casework_chances,
    error_kind,
    next_page,
    people_for,
    percentile,
    personas_for,
    summarise,
)

ACCOUNTS = {
    "social_workers": ["social.worker", *[f"sw{i:03d}" for i in range(1, 40)]],
    "supervising_social_workers": ["supervising.social.worker", *[f"ssw{i:03d}" for i in range(1, 20)]],
    "managers": ["team.manager", "south.manager", "swm03", "swm04"],
    "carers": ["foster.carer"],
}


def test_the_mix_is_in_percent_and_names_the_six_pages():
    assert sum(MIX.values()) == 100
    assert set(MIX) == {MY_WORK, CHILD_SEARCH, CHILD_RECORD, HOUSEHOLD_RECORD, OVERSIGHT, CARER_LOG}


def test_a_worker_opens_the_casework_pages_in_the_mixes_proportions():
    chances = casework_chances()
    assert chances[CHILD_RECORD] == pytest.approx(25 / 80)
    assert chances[HOUSEHOLD_RECORD] == pytest.approx(15 / 80)
    assert sum(chances.values()) == pytest.approx(1)


@pytest.mark.parametrize("users", [3, 4, 8, 16, 40])
def test_every_run_has_a_worker_a_manager_and_a_carer_and_no_one_else(users):
    counts = personas_for(users)
    assert sum(counts.values()) == users
    assert min(counts.values()) >= 1
    assert counts[MANAGER] == max(1, round(users * 0.3))


def test_two_people_are_too_few_for_one_of_each_kind():
    with pytest.raises(ValueError, match="at least 3"):
        personas_for(2)


def test_people_sign_in_as_the_named_demo_accounts_first_and_carers_share_the_one_there_is():
    people = people_for(16, ACCOUNTS)
    assert len(people) == 16
    assert people[:2] == [(WORKER, "social.worker"), (MANAGER, "team.manager")]
    carers = [name for persona, name in people if persona == CARER]
    assert carers == ["foster.carer", "foster.carer"]
    workers = [name for persona, name in people if persona == WORKER]
    assert "supervising.social.worker" in workers
    # Spread over the authority rather than the first few accounts.
    assert len(set(workers)) == len(workers)
    assert any(name.startswith("sw0") and int(name[2:]) > 20 for name in workers)


def test_a_carer_writes_a_log_only_while_logs_have_less_than_a_tenth_of_the_requests():
    rng = random.Random(1)
    assert next_page(CARER, {CARER_LOG: 9}, 100, rng) == CARER_LOG
    assert next_page(CARER, {CARER_LOG: 11}, 100, rng) is None


def test_a_manager_opens_oversight_while_it_is_behind_and_casework_otherwise():
    rng = random.Random(1)
    assert next_page(MANAGER, {OVERSIGHT: 5}, 100, rng) == OVERSIGHT
    assert {next_page(MANAGER, {OVERSIGHT: 50}, 100, rng) for _ in range(200)} == set(CASEWORK)


def test_a_worker_never_opens_oversight_or_the_carers_portal():
    rng = random.Random(1)
    assert {next_page(WORKER, {}, 1000, rng) for _ in range(500)} == set(CASEWORK)


def test_the_mix_holds_in_a_closed_loop_however_fast_each_page_answers():
    """Four people clicking with no pause, the carer's pages four times faster than oversight:
    each page still gets its share of all requests, within a percentage point."""
    seconds = {MY_WORK: 0.3, CHILD_SEARCH: 0.15, CHILD_RECORD: 0.4, HOUSEHOLD_RECORD: 0.3}
    seconds |= {OVERSIGHT: 0.6, CARER_LOG: 0.15}
    rng = random.Random(7)
    people = [WORKER, WORKER, MANAGER, CARER]
    clicks: dict[str, int] = {}
    total = 0
    free_at = [(0.0, i) for i in range(len(people))]
    while total < 20000:
        now, i = heapq.heappop(free_at)
        page = next_page(people[i], clicks, total, rng)
        if page is None:
            heapq.heappush(free_at, (now + 0.05, i))
            continue
        # A log is two requests, the form and sending it.
        requests_made = 2 if page == CARER_LOG else 1
        clicks[page] = clicks.get(page, 0) + requests_made
        total += requests_made
        heapq.heappush(free_at, (now + seconds[page] * requests_made, i))
    for page, percent in MIX.items():
        assert clicks[page] / total * 100 == pytest.approx(percent, abs=1), page


def test_percentiles_interpolate_between_ranks():
    values = list(range(100, 0, -1))  # 1 to 100, in no particular order
    assert percentile(values, 50) == pytest.approx(50.5)
    assert percentile(values, 95) == pytest.approx(95.05)
    assert percentile(values, 99) == pytest.approx(99.01)
    assert percentile([42.0], 99) == 42.0
    assert percentile([], 50) is None


def test_summary_counts_failures_as_requests_but_times_only_the_answered_ones():
    times = {
        "GET /children/<id>/": [100.0, 200.0, 300.0],
        "GET /": [50.0],
    }
    errors = {
        "GET /children/<id>/": {"RemoteDisconnected": 1},
        "POST /portal/logs/write/": {"HTTP 500": 2},
    }
    summary = summarise(times, errors, seconds=2.0)
    assert [r["page"] for r in summary["pages"]] == [
        "GET /",
        "GET /children/<id>/",
        "POST /portal/logs/write/",
    ]
    child = summary["pages"][1]
    assert child == {
        "page": "GET /children/<id>/",
        "requests": 4,
        "rps": 2.0,
        "p50_ms": 200.0,
        "p95_ms": 290.0,
        "p99_ms": 298.0,
        "errors": 1,
    }
    failed = summary["pages"][2]
    assert failed["requests"] == 2 and failed["p50_ms"] is None
    assert summary["overall"]["requests"] == 7
    assert summary["overall"]["rps"] == 3.5
    assert summary["overall"]["errors"] == 3
    assert summary["overall"]["p50_ms"] == 150.0
    assert summary["errors_by_kind"] == {"HTTP 500": 2, "RemoteDisconnected": 1}


def test_a_dropped_connection_is_named_by_its_innermost_cause():
    dropped = requests.exceptions.ConnectionError(
        urllib3.exceptions.ProtocolError(
            "Connection aborted.",
            http.client.RemoteDisconnected("Remote end closed connection without response"),
        )
    )
    assert error_kind(dropped) == "RemoteDisconnected"
    reset = requests.exceptions.ConnectionError(
        urllib3.exceptions.ProtocolError(
            "Connection aborted.", ConnectionResetError(104, "Connection reset by peer")
        )
    )
    assert error_kind(reset) == "ConnectionResetError"
    assert error_kind(requests.exceptions.ReadTimeout("read timed out")) == "ReadTimeout"


def test_a_wrong_answer_is_named_by_its_status():
    catch_response_error = type("CatchResponseError", (Exception,), {})
    assert error_kind(catch_response_error("HTTP 502")) == "HTTP 502"
    assert error_kind("HTTP 404") == "HTTP 404"
