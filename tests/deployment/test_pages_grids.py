"""The Safety and Well-being Grid's pages and documents, served by gunicorn under the
production settings."""

import re

from .conftest import BehindTheLoadBalancer


def test_the_grid_pages_and_documents_render_under_the_production_settings(deployment):
    """A child's record with the scores drawn as an image written into the page, a Grid, its
    forms, and its PDF and Word documents."""
    worker = deployment.signed_in("social.worker")
    children = worker.get(f"{deployment.url}/children/", timeout=30).text
    record, grid = "", None
    for child in dict.fromkeys(re.findall(r'href="/children/(\d+)/"', children)):
        record = worker.get(f"{deployment.url}/children/{child}/", timeout=30).text
        grid = re.search(r'href="/grids/(\d+)/"', record)
        if grid:
            break
    assert grid, "the demo social worker has a child with Grids"
    assert 'src="data:image/svg+xml;base64,' in record and 'id="grid-scores-table"' in record
    grid = grid.group(1)
    page = worker.get(f"{deployment.url}/grids/{grid}/", timeout=30)
    assert page.status_code == 200 and "What are we worried about?" in page.text
    for path in (f"/grids/{grid}/grid.pdf", f"/grids/{grid}/grid.docx"):
        document = worker.get(f"{deployment.url}{path}", timeout=60)
        assert document.status_code == 200, path
        assert "attachment" in document.headers["Content-Disposition"], path
    assert worker.get(f"{deployment.url}/grids/{grid}/pdf", timeout=30).status_code == 404
    outsider = BehindTheLoadBalancer()
    signed_out = outsider.get(f"{deployment.url}/grids/{grid}/", timeout=30, allow_redirects=False)
    assert signed_out.status_code == 302
