"""A page is checked with axe-core once for each markup and size: the digest that decides it
ignores only what changes with every request."""

from .conftest import markup_digest

PHONE = {"width": 375, "height": 812}
DESK = {"width": 1280, "height": 720}
FORM = (
    '<head><script nonce="{nonce}"></script></head><body><form method="post">'
    '<input type="hidden" name="csrfmiddlewaretoken" value="{token}">'
    '<label for="u">Username</label><input id="u" name="username"></form>{more}</body>'
)


def page(token="a1", nonce="n1", more=""):
    return FORM.format(token=token, nonce=nonce, more=more)


def test_a_new_token_or_nonce_is_the_same_page():
    assert markup_digest(page(), DESK) == markup_digest(page(token="b2", nonce="n2"), DESK)


def test_any_other_difference_or_another_size_is_another_page():
    assert markup_digest(page(), DESK) != markup_digest(page(more="<p>Saved</p>"), DESK)
    assert markup_digest(page(), DESK) != markup_digest(page().replace("Username", "Username "), DESK)
    assert markup_digest(page(), DESK) != markup_digest(page(), PHONE)
    other_field = page().replace('name="username"', 'name="csrf" value="x"')
    assert markup_digest(page(), DESK) != markup_digest(other_field, DESK)
