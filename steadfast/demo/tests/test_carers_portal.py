import pytest

from steadfast.accounts.models import User
from steadfast.demo.carers_portal import seed_carers_portal_demo
from steadfast.demo.services import seed_demo_authority

pytestmark = pytest.mark.django_db


def test_the_demo_carer_has_an_action_what_was_agreed_and_a_meeting_to_give_views_for(client):
    seed_demo_authority(children=64, password="demo-password-for-tests")
    demo = seed_carers_portal_demo()
    assert demo is not None
    assert seed_carers_portal_demo() is None  # once only

    client.force_login(User.objects.get(username="foster.carer"))
    page = client.get("/portal/").content.decode()
    assert "Keep a short diary of the evenings" in page
    assert f"/portal/meetings/{demo.agreed.pk}/agreed/" in page
    assert f"/portal/meetings/{demo.upcoming.pk}/views/" in page
    assert client.get(f"/portal/meetings/{demo.agreed.pk}/agreed/").status_code == 200
    assert client.get(f"/portal/meetings/{demo.upcoming.pk}/views/").status_code == 200
