"""Passwords are stored with Argon2id at OWASP's recommended cost, and a password stored with
PBKDF2 is rehashed with Argon2id when its owner signs in. (The other tests hash with MD5, for
speed; these use the hashers of the real settings.)"""

import pytest
from argon2 import extract_parameters
from argon2.low_level import Type
from django.contrib.auth.hashers import check_password, make_password
from django.test import override_settings

from config.settings import base

PASSWORD = "a-long-and-unguessable-passphrase"

real_hashers = override_settings(PASSWORD_HASHERS=base.PASSWORD_HASHERS)


@real_hashers
def test_a_new_password_is_stored_with_argon2id_at_owasps_recommended_cost():
    stored = make_password(PASSWORD)
    algorithm, argon2_hash = stored.split("$", 1)
    assert algorithm == "argon2"
    parameters = extract_parameters("$" + argon2_hash)
    assert parameters.type is Type.ID
    assert (parameters.memory_cost, parameters.time_cost, parameters.parallelism) == (19 * 1024, 2, 1)
    assert check_password(PASSWORD, stored)
    assert not check_password(PASSWORD + "x", stored)


@pytest.mark.django_db
@real_hashers
def test_a_password_stored_with_pbkdf2_still_signs_in_and_is_rehashed_with_argon2id(client, scenario):
    user = scenario.users["social_worker"]
    user.password = make_password(PASSWORD, hasher="pbkdf2_sha256")
    user.save(update_fields=["password"])
    assert user.password.startswith("pbkdf2_sha256$")

    response = client.post("/accounts/login/", {"username": user.username, "password": PASSWORD})
    assert response.status_code == 302

    user.refresh_from_db()
    assert user.password.startswith("argon2$argon2id$")
    assert check_password(PASSWORD, user.password)
