"""The three processes of the Procfile, started as docs/operations.md says, work together: the
schedule queues the daily sweep, the worker runs it, its reminders show on the web server's pages
and its digest emails go out through GOV.UK Notify."""

import re

from steadfast.reminders.notifications import DIGEST_SUBJECT

from .conftest import HOST, procfile, wait_for


def test_the_procfile_runs_the_three_processes_with_a_release_step_before_them():
    assert procfile() == {
        "release": "python manage.py migrate --no-input",
        "web": "gunicorn -c gunicorn.conf.py config.wsgi",
        "worker": "python manage.py db_worker",
        "schedule": "python manage.py run_schedule",
    }


def test_the_scheduled_sweep_runs_in_the_worker_and_its_digests_go_out_through_notify(deployment):
    digests = wait_for(lambda: deployment.notify.emails(DIGEST_SUBJECT), seconds=90, every=0.5)
    assert digests, (
        f"no digest email\nschedule:\n{deployment.log('schedule')}\nworker:\n{deployment.log('worker')}"
    )
    assert "queued the daily sweep and digest emails" in deployment.log("schedule")
    # The worker logs the task's end once the digests it sent are away.
    finished = re.compile(r"Task id=\S+ path=steadfast\.reminders\.tasks\.daily_sweep state=SUCCESSFUL")
    assert wait_for(lambda: finished.search(deployment.log("worker")), seconds=60), deployment.log("worker")
    for digest in digests:
        assert digest["email_address"].endswith("@example.invalid")
        assert f"https://{HOST}/" in digest["personalisation"]["body"]

    # The reminders the worker raised are on the web server's pages for the person they are for.
    recipient = digests[0]["email_address"].removesuffix("@example.invalid")
    page = deployment.signed_in(recipient).get(f"{deployment.url}/reminders/", timeout=30)
    assert page.status_code == 200
    unread = re.search(r"Reminders \((\d+)<span", page.text)
    assert unread and int(unread.group(1)) > 0, page.text[:3000]
