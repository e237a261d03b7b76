import pytest
from markupsafe import escape

from steadfast.api.main import api
from steadfast.api.reference import kind_of


def test_the_reference_page_opens_without_signing_in_and_names_every_operation(client, db):
    response = client.get("/api/v1/docs")
    assert response.status_code == 200
    page = response.content.decode()
    document = api.get_openapi_schema()
    for path, operations in document["paths"].items():
        assert path in page
        for operation in operations.values():
            assert str(escape(operation["summary"])) in page


def test_the_api_root_leads_to_the_reference(client, db):
    response = client.get("/api/v1/")
    assert response.status_code == 302
    assert response["Location"] == "/api/v1/docs"


def test_the_openapi_document_is_3_1_and_every_post_needs_an_idempotency_key(client, db):
    document = client.get("/api/v1/openapi.json").json()
    assert document["openapi"] == "3.1.0"
    for path, operations in document["paths"].items():
        if "post" in operations and not path.endswith("/oauth/token"):
            names = [parameter["name"] for parameter in operations["post"]["parameters"]]
            assert "Idempotency-Key" in names, path


def test_every_problem_is_described_as_problem_json(client, db):
    document = client.get("/api/v1/openapi.json").json()
    for operations in document["paths"].values():
        for operation in operations.values():
            for status, answer in operation["responses"].items():
                if int(status) >= 400:
                    assert list(answer["content"]) == ["application/problem+json"]


@pytest.mark.parametrize(
    ("schema", "words"),
    [
        ({"type": "string", "format": "date"}, "string (date)"),
        ({"anyOf": [{"type": "integer"}, {"type": "null"}]}, "integer or null"),
        ({"type": "array", "items": {"$ref": "#/components/schemas/ChildOut"}}, "list of ChildOut"),
        ({"enum": ["female", "male"], "type": "string"}, "one of female, male"),
        ({"type": "string", "maxLength": 20}, "string (at most 20 characters)"),
    ],
)
def test_a_schema_is_put_in_a_few_words(schema, words):
    assert kind_of(schema) == words
