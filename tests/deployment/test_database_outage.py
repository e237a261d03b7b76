"""The database goes away while gunicorn serves, and comes back: pages answer the service's own
503 page drawn without the database, the health check answers 503 so a load balancer stops
sending traffic, the log says so in one line a request, and the service recovers by itself."""

import re
import time

from .conftest import CSRF_TOKEN, HOST, BehindTheLoadBalancer, healthz, wait_for

UNAVAILABLE = '<h1 class="govuk-heading-l">Sorry, the service is unavailable</h1>'


# The worker's log line at the end of the daily sweep the schedule queues as the deployment starts.
DAILY_SWEEP_DONE = re.compile(r"path=steadfast\.reminders\.tasks\.daily_sweep state=SUCCESSFUL")


def test_with_the_database_away_pages_answer_503_and_the_service_recovers_when_it_returns(deployment):
    # The deployment is shared by the package's tests: the outage waits for the daily sweep
    # queued at its start to finish, so that taking the database away never fails that sweep,
    # whose digests test_processes reads.
    assert wait_for(lambda: DAILY_SWEEP_DONE.search(deployment.log("worker")), seconds=120), deployment.log(
        "worker"
    )
    session = deployment.signed_in("team.manager")
    form = BehindTheLoadBalancer().get(f"{deployment.url}/accounts/login/", timeout=30)
    token = CSRF_TOKEN.search(form.text).group(1)
    log_before = len(deployment.log("web"))

    with deployment.database_away():
        assert wait_for(lambda: healthz(deployment.url) == 503, seconds=10)
        for path in ("/", "/children/", "/oversight/", "/no-such-page/"):
            page = session.get(f"{deployment.url}{path}", timeout=30)
            assert page.status_code == 503, path
            assert UNAVAILABLE in page.text
            assert "Sign out" not in page.text  # nobody is asked who is signed in
            assert page.headers["Retry-After"] == "30"
            nonce = re.search(r"'nonce-([^']+)'", page.headers["Content-Security-Policy"]).group(1)
            assert f'nonce="{nonce}"' in page.text
        signing_in = BehindTheLoadBalancer()
        signing_in.cookies.update(form.cookies)
        refused = signing_in.post(
            f"{deployment.url}/accounts/login/",
            data={"csrfmiddlewaretoken": token, "username": "team.manager", "password": "anything"},
            headers={"Origin": f"https://{HOST}"},
            timeout=30,
        )
        assert refused.status_code == 503 and UNAVAILABLE in refused.text

    returned = time.monotonic()
    assert wait_for(lambda: healthz(deployment.url) == 200, seconds=10)
    recovered_in = time.monotonic() - returned
    assert recovered_in < 5, f"took {recovered_in:.1f} s to recover"
    # The same session carries on, in each of gunicorn's processes.
    for _ in range(6):
        assert session.get(f"{deployment.url}/", timeout=30).status_code == 200

    log = deployment.log("web")[log_before:]
    assert "Service Unavailable: /oversight/ (the database could not be reached" in log
    assert "Traceback" not in log
