"""Who wrote, answered or recorded something, as the records name them."""

from ninja import Schema

from steadfast.accounts.models import User


class PersonOut(Schema):
    id: int
    name: str


def person(user: User | None) -> dict | None:
    return {"id": user.pk, "name": user.get_full_name()} if user is not None else None
