"""The SSDA903 import page: an administrator uploads a year's files and reads the report. Every
page is checked with axe-core."""

import pytest
from playwright.sync_api import Page, expect

from steadfast.interop import services
from steadfast.interop.models import ImportRun
from tests.scenario import Scenario

from .conftest import assert_accessible, click_through, sign_in, visit

pytestmark = pytest.mark.browser

HEADER = b"CHILD,SEX,DOB,ETHNIC,UPN,MOTHER,MC_DOB\r\nBROWSER903,M,04/07/2014,WBRI,,,\r\n"
EPISODES = (
    b"CHILD,DECOM,RNE,LS,CIN,PLACE,PLACE_PROVIDER,DEC,REC,REASON_PLACE_CHANGE,HOME_POST,PL_POST,URN\r\n"
    b"BROWSER903,01/05/2025,S,C2,N1,U4,PR1,,,,AB1 2CD,AB3 4EF,SC123456\r\n"
)


def test_an_administrator_uploads_files_and_reads_the_report(
    page: Page, scenario: Scenario, settings, tmp_path
) -> None:
    settings.SSDA903_UPLOAD_ROOT = tmp_path
    sign_in(page, "administrator")
    visit(page, "/interop/ssda903/import/")
    click_through(page, page.get_by_role("button", name="Upload and import"))
    expect(page.locator(".govuk-error-summary")).to_contain_text("Choose the year's SSDA903 CSV files")
    assert_accessible(page)
    page.get_by_label("The year's CSV files").set_input_files(
        [
            {"name": "header.csv", "mimeType": "text/csv", "buffer": HEADER},
            {"name": "episodes.csv", "mimeType": "text/csv", "buffer": EPISODES},
        ]
    )
    click_through(page, page.get_by_role("button", name="Upload and import"))
    expect(page.locator("#import-state")).to_contain_text("The import is waiting to start.")
    assert_accessible(page)
    services.carry_out_import_run(run_id=ImportRun.objects.get().pk)
    click_through(page, page.get_by_role("link", name="Refresh this page"))
    expect(page.locator("#outcome")).to_contain_text("1 children added")
    assert_accessible(page)
