from django.core.cache import cache


def test_a_token_that_calls_too_often_is_told_to_wait(scenario, api_as, settings):
    settings.API_CALLS_PER_MINUTE = 3
    cache.clear()
    api = api_as(scenario.users["social_worker"])
    answers = [api.get("/children/").status_code for _ in range(4)]
    assert answers == [200, 200, 200, 429]
    refused = api.get("/children/")
    assert refused["Content-Type"] == "application/problem+json"
    assert int(refused["Retry-After"]) > 0


def test_another_tokens_calls_are_counted_apart(scenario, api_as, settings):
    settings.API_CALLS_PER_MINUTE = 2
    cache.clear()
    first = api_as(scenario.users["social_worker"])
    second = api_as(scenario.users["social_worker"])
    assert [first.get("/children/").status_code for _ in range(3)] == [200, 200, 429]
    assert second.get("/children/").status_code == 200


def test_calls_without_a_token_are_counted_by_address(db, client, settings):
    settings.API_CALLS_PER_MINUTE = 2
    cache.clear()
    answers = [client.post("/api/v1/oauth/token", {"grant_type": "x"}).status_code for _ in range(3)]
    assert answers == [400, 400, 429]
