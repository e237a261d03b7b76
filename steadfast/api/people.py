"""Who wrote, answered or recorded something, as the records name them."""

from ninja import Schema

from steadfast.accounts.models import User


class PersonOut(Schema):
    id: int
    name: str


class WorkerOut(Schema):
    """A member of staff, with the username the authority's other systems know them by."""

    id: int
    username: str
    name: str


def person(user: User | None) -> dict | None:
    return {"id": user.pk, "name": user.get_full_name()} if user is not None else None


def worker(user: User | None) -> dict | None:
    return (
        {"id": user.pk, "username": user.username, "name": user.get_full_name()} if user is not None else None
    )
