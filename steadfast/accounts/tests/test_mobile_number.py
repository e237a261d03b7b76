"""A person's mobile number, for text messages: given in the admin, checked as a UK mobile and
kept in one form, and shown nowhere else."""

import pytest
from django.core.exceptions import ValidationError
from django.forms import MultiWidget

from steadfast.accounts.models import User
from steadfast.core.texts import NOT_A_UK_MOBILE

pytestmark = pytest.mark.django_db


def _admin_change(client, user: User, **changes: str):
    """Post the admin's change form for `user` as it stands, with `changes`."""
    url = f"/admin/accounts/user/{user.pk}/change/"
    form = client.get(url).context["adminform"].form
    data: dict[str, object] = {}
    for bound in form:
        if bound.field.disabled:
            continue
        value = bound.value()
        if isinstance(bound.field.widget, MultiWidget):
            for i, part in enumerate(bound.field.widget.decompress(value)):
                data[f"{bound.html_name}_{i}"] = "" if part is None else part
        elif isinstance(value, list):
            data[bound.html_name] = [str(v) for v in value]
        elif isinstance(value, bool):
            if value:
                data[bound.html_name] = "on"
        else:
            data[bound.html_name] = "" if value is None else value
    return client.post(url, data | changes)


def test_a_person_has_no_mobile_number_unless_given_one(scenario):
    assert scenario.users["foster_carer"].mobile_number == ""


def test_an_administrator_gives_a_carer_a_mobile_number_and_it_is_kept_in_one_form(client, scenario):
    carer = scenario.users["foster_carer"]
    client.force_login(scenario.users["administrator"])
    response = _admin_change(client, carer, mobile_number="07700 900 982")
    assert response.status_code == 302, response.context["adminform"].form.errors
    carer.refresh_from_db()
    assert carer.mobile_number == "+447700900982"

    response = _admin_change(client, carer, mobile_number="+44 7700 900983")
    assert response.status_code == 302
    carer.refresh_from_db()
    assert carer.mobile_number == "+447700900983"


def test_a_number_that_is_not_a_uk_mobile_is_refused_with_a_clear_message_and_nothing_changes(
    client, scenario
):
    carer = scenario.users["foster_carer"]
    carer.mobile_number = "+447700900982"
    carer.save(update_fields=["mobile_number"])
    client.force_login(scenario.users["administrator"])
    response = _admin_change(client, carer, mobile_number="01632 960982", first_name="Changed")
    assert response.status_code == 200
    assert response.context["adminform"].form.errors["mobile_number"] == [NOT_A_UK_MOBILE]
    assert "01632 960982" in response.content.decode()  # what was typed is kept to correct
    carer.refresh_from_db()
    assert (carer.mobile_number, carer.first_name) == (
        "+447700900982",
        scenario.users["foster_carer"].first_name,
    )


def test_clearing_the_number_leaves_none(client, scenario):
    carer = scenario.users["foster_carer"]
    carer.mobile_number = "+447700900982"
    carer.save(update_fields=["mobile_number"])
    client.force_login(scenario.users["administrator"])
    assert _admin_change(client, carer, mobile_number="  ").status_code == 302
    carer.refresh_from_db()
    assert carer.mobile_number == ""


def test_the_model_checks_and_normalises_the_number_wherever_it_is_cleaned(scenario):
    carer = scenario.users["foster_carer"]
    carer.mobile_number = "07700 900982"
    carer.full_clean()
    assert carer.mobile_number == "+447700900982"
    carer.mobile_number = "07700"
    with pytest.raises(ValidationError) as raised:
        carer.full_clean()
    assert raised.value.message_dict["mobile_number"] == [NOT_A_UK_MOBILE]


def test_the_number_is_not_on_the_admins_list_of_people(client, scenario):
    carer = scenario.users["foster_carer"]
    carer.mobile_number = "+447700900982"
    carer.save(update_fields=["mobile_number"])
    client.force_login(scenario.users["administrator"])
    assert "7700" not in client.get("/admin/accounts/user/").content.decode()


def test_only_an_administrator_sees_the_number_in_the_admin(client, scenario):
    carer = scenario.users["foster_carer"]
    client.force_login(scenario.users["team_manager"])
    assert client.get(f"/admin/accounts/user/{carer.pk}/change/").status_code == 302
