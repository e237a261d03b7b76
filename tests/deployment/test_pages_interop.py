"""The SSDA903 import page served by gunicorn under the production settings, with the worker
carrying out the import."""

import re

from .conftest import CSRF_TOKEN, HOST, wait_for

HEADER = "CHILD,SEX,DOB,ETHNIC,UPN,MOTHER,MC_DOB\r\nDEPLOY903A,F,04/07/2014,WBRI,,0,\r\n"
EPISODES = (
    "CHILD,DECOM,RNE,LS,CIN,PLACE,PLACE_PROVIDER,DEC,REC,REASON_PLACE_CHANGE,HOME_POST,PL_POST,URN\r\n"
    "DEPLOY903A,01/05/2025,S,C2,N1,U4,PR1,,,,AB1 2CD,AB3 4EF,SC123456\r\n"
)


def test_an_administrator_uploads_a_years_files_and_the_worker_imports_them(deployment):
    admin = deployment.signed_in("admin")
    path = "/interop/ssda903/import/"
    page = admin.get(f"{deployment.url}{path}", timeout=30)
    assert page.status_code == 200 and "Import SSDA903 files</h1>" in page.text
    sent = admin.post(
        f"{deployment.url}{path}",
        data={"csrfmiddlewaretoken": CSRF_TOKEN.search(page.text).group(1), "year": "2026"},
        files=[
            ("files", ("header.csv", HEADER, "text/csv")),
            ("files", ("episodes.csv", EPISODES, "text/csv")),
        ],
        headers={"Origin": f"https://{HOST}"},
        timeout=60,
        allow_redirects=False,
    )
    assert sent.status_code == 302, sent.text[:500]
    run = sent.headers["Location"]
    assert re.fullmatch(r"/interop/ssda903/import/\d+/", run)

    def imported() -> bool:
        return "1 children added" in admin.get(f"{deployment.url}{run}", timeout=30).text

    assert wait_for(imported, seconds=120, every=1), "the worker imported the files"
    social_worker = deployment.signed_in("social.worker")
    assert social_worker.get(f"{deployment.url}{path}", timeout=30).status_code == 404
