"""The API's reference page, read from its own OpenAPI document: each operation with its
parameters, body and answers, and each schema with its fields, in words a developer reads."""

from dataclasses import dataclass, field
from typing import Any

METHODS = ("get", "post", "put", "patch", "delete")


@dataclass
class Field:
    name: str
    kind: str
    required: bool
    description: str = ""
    schema_link: str = ""


@dataclass
class Answer:
    status: str
    description: str
    schema: str = ""


@dataclass
class Operation:
    method: str
    path: str
    summary: str
    description: str
    anchor: str
    needs_token: bool
    parameters: list[Field] = field(default_factory=list)
    body: str = ""
    body_type: str = ""
    answers: list[Answer] = field(default_factory=list)


@dataclass
class Group:
    name: str
    operations: list[Operation] = field(default_factory=list)


@dataclass
class Model:
    name: str
    fields: list[Field]


def _ref_name(ref: str) -> str:
    return ref.rsplit("/", 1)[-1]


def kind_of(schema: dict[str, Any]) -> str:
    """A JSON schema in a few words: "string (date)", "ChildOut", "list of Answer", "integer or null"."""
    if "$ref" in schema:
        return _ref_name(schema["$ref"])
    if "anyOf" in schema:
        return " or ".join(kind_of(option) for option in schema["anyOf"])
    if "enum" in schema:
        return "one of " + ", ".join(f"{value}" for value in schema["enum"])
    if "const" in schema:
        return f"{schema['const']}"
    kind = schema.get("type", "any")
    if kind == "array":
        return "list of " + kind_of(schema.get("items", {}))
    if kind == "null":
        return "null"
    limits = []
    if "format" in schema:
        limits.append(schema["format"])
    if "maxLength" in schema:
        limits.append(f"at most {schema['maxLength']} characters")
    if "minimum" in schema and "maximum" in schema and schema["maximum"] < 10**9:
        limits.append(f"{schema['minimum']} to {schema['maximum']}")
    return f"{kind} ({', '.join(limits)})" if limits else kind


def _link(schema: dict[str, Any]) -> str:
    if "$ref" in schema:
        return _ref_name(schema["$ref"])
    for option in [*schema.get("anyOf", []), schema.get("items", {})]:
        if "$ref" in option:
            return _ref_name(option["$ref"])
    return ""


def _content_schema(content: dict[str, Any]) -> tuple[str, dict[str, Any]]:
    for media_type, body in content.items():
        return media_type, body.get("schema", {})
    return "", {}


def _operation(path: str, method: str, spec: dict[str, Any]) -> Operation:
    operation = Operation(
        method=method.upper(),
        path=path,
        summary=spec.get("summary", ""),
        description=spec.get("description", ""),
        anchor=spec.get("operationId", f"{method}-{path}"),
        needs_token=spec.get("security", [None]) != [],
    )
    for parameter in spec.get("parameters", []):
        operation.parameters.append(
            Field(
                name=f"{parameter['name']} ({parameter['in']})",
                kind=kind_of(parameter.get("schema", {})),
                required=parameter.get("required", False),
                description=parameter.get("description", ""),
            )
        )
    if "requestBody" in spec:
        media_type, schema = _content_schema(spec["requestBody"].get("content", {}))
        operation.body, operation.body_type = _link(schema) or kind_of(schema), media_type
    for status, answer in sorted(spec.get("responses", {}).items()):
        _, schema = _content_schema(answer.get("content", {}))
        operation.answers.append(
            Answer(status=status, description=answer.get("description", ""), schema=_link(schema))
        )
    return operation


def reference_of(document: dict[str, Any]) -> tuple[list[Group], list[Model]]:
    """The operations grouped by their tag, in the document's order, and the schemas by name."""
    groups: dict[str, Group] = {}
    for path, operations in document.get("paths", {}).items():
        for method in METHODS:
            if method in operations:
                spec = operations[method]
                tag = (spec.get("tags") or ["Other"])[0]
                groups.setdefault(tag, Group(tag)).operations.append(_operation(path, method, spec))
    models = []
    for name, schema in sorted(document.get("components", {}).get("schemas", {}).items()):
        required = set(schema.get("required", []))
        models.append(
            Model(
                name=name,
                fields=[
                    Field(
                        name=field_name,
                        kind=kind_of(field_schema),
                        required=field_name in required,
                        description=field_schema.get("description", ""),
                        schema_link=_link(field_schema),
                    )
                    for field_name, field_schema in schema.get("properties", {}).items()
                ],
            )
        )
    return list(groups.values()), models
