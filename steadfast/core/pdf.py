"""Drawing a PDF from HTML the service rendered itself, with nothing fetched from anywhere."""


def pdf_from_html(html: str) -> bytes:
    """A tagged PDF of `html` (headings and tables marked for screen readers). Only `data:`
    addresses are read, so a document can carry nothing from outside."""
    # Imported here, not at the top: WeasyPrint loads the system's Pango when imported, and the
    # rest of the service must run (and say what is missing) on a server without it.
    import weasyprint
    from weasyprint.urls import URLFetcher

    fetcher = URLFetcher(allowed_protocols={"data"}, allow_redirects=False)
    return weasyprint.HTML(string=html, base_url=None, url_fetcher=fetcher).write_pdf(pdf_tags=True)
