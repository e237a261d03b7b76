import pytest
from django.utils import timezone

from steadfast.accounts.models import User
from steadfast.demo.services import seed_demo_authority
from steadfast.my_work import work
from steadfast.young_people.models import ChildsViews, ViewsInvitation

pytestmark = pytest.mark.django_db


def test_the_demo_social_worker_has_links_in_every_state_and_an_urgent_answer_on_my_work(client):
    seed_demo_authority(children=64, password="demo-password-for-tests")
    worker = User.objects.get(username="social.worker")
    states = sorted(i.state for i in ViewsInvitation.objects.filter(created_by=worker))
    assert states == ["expired", "sent", "used", "used"]
    drawn = ChildsViews.objects.get(drawings__isnull=False)
    assert "(fictional)" in drawn.going_well
    kinds = [i.kind for i in work.work_for(worker, today=timezone.localdate())]
    assert kinds[0] == "childs_safety" and "childs_views_sent" in kinds
    client.force_login(worker)
    page = client.get(f"/own-page/views/{drawn.pk}/").content.decode()
    drawing = drawn.drawings.get()
    assert f"/own-page/drawings/{drawing.pk}/" in page
    assert client.get(f"/own-page/drawings/{drawing.pk}/").status_code == 200
