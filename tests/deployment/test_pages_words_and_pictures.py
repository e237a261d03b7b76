"""The words and pictures pages served by gunicorn under the production settings."""

import re

CHILDREN_SEARCHED = 40


def test_a_social_worker_reads_a_story_and_a_child_friendly_plan_with_its_pdf(deployment):
    session = deployment.signed_in("social.worker")
    my_work = session.get(f"{deployment.url}/", timeout=30).text
    story = re.search(r'href="(/children/\d+/words-and-pictures/)"', my_work)
    assert story, "My work lists a words and pictures story to see to"
    page = session.get(f"{deployment.url}{story.group(1)}", timeout=30)
    assert page.status_code == 200 and "Words and pictures story</h1>" in page.text

    children = re.findall(
        r'href="/children/(\d+)/"', session.get(f"{deployment.url}/children/", timeout=30).text
    )
    for child_id in children[:CHILDREN_SEARCHED]:
        record = session.get(f"{deployment.url}/children/{child_id}/", timeout=30).text
        plan = re.search(r'href="(/meetings/\d+/child-friendly-plan/)"', record)
        if plan:
            break
    assert plan, "a child of the demo social worker has a child-friendly plan"
    shown = session.get(f"{deployment.url}{plan.group(1)}", timeout=30)
    assert shown.status_code == 200 and 'id="reading-age"' in shown.text
    pdf = session.get(f"{deployment.url}{plan.group(1)}pdf/", timeout=60)
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF-")
    assert "no-store" in pdf.headers["Cache-Control"]
