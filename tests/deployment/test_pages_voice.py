"""The child's voice pages served by gunicorn under the production settings."""

import re


def test_the_childs_voice_pages_render_under_the_production_settings(deployment):
    """From a demo child's record with the child's voice recorded: the voice record, its
    meeting's form, the text for the child with its reading age, and the PDF."""
    session = deployment.signed_in("social.worker")
    children = session.get(f"{deployment.url}/children/", timeout=30)
    records = []
    for child_id in dict.fromkeys(re.findall(r'href="/children/(\d+)/"', children.text)):
        page = session.get(f"{deployment.url}/children/{child_id}/", timeout=30)
        assert page.status_code == 200
        records += re.findall(r'href="/voice/(\d+)/"', page.text)
        if len(records) >= 3:
            break
    assert records, "no demo child of the social worker's has the child's voice recorded"
    for record in dict.fromkeys(records):
        page = session.get(f"{deployment.url}/voice/{record}/", timeout=30)
        assert page.status_code == 200 and "Lundy stage" in page.text
        if f'href="/voice/{record}/feedback/letter/"' in page.text:
            letter = session.get(f"{deployment.url}/voice/{record}/feedback/letter/", timeout=30)
            assert letter.status_code == 200 and "Reading age about" in letter.text
            pdf = session.get(f"{deployment.url}/voice/{record}/feedback/letter.pdf", timeout=60)
            assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF")
        edit = session.get(f"{deployment.url}/voice/{record}/feedback/", timeout=30)
        assert edit.status_code == 200 and 'id="reading-age"' in edit.text
    meeting = re.search(r'href="/meetings/(\d+)/voice/"', page.text)
    if meeting:
        form = session.get(f"{deployment.url}/meetings/{meeting.group(1)}/voice/", timeout=30)
        assert form.status_code == 200 and "Were the child&#39;s views sought?" in form.text
