"""Children's own pages in the demo: links to the demo social worker's children in each state
(sent and waiting, used with views and a drawing, used by a child not sure they feel safe, and
expired), made through the services as the pages make them. Every word and picture is made up."""

import datetime
import io
import random

from django.utils import timezone
from PIL import Image, ImageDraw

from steadfast.accounts.models import AllocationRole, User
from steadfast.children.models import Child
from steadfast.young_people import services
from steadfast.young_people.drawings import drawing_from
from steadfast.young_people.models import Answer, PageVersion, Purpose, SentHow, ViewsInvitation
from steadfast.young_people.selectors import meetings_to_invite_for

DEMO_WORKER = "social.worker"


def synthetic_drawing(rng: random.Random) -> bytes:
    """A child-like picture drawn by the program: a house, a sun and a person, in colours the
    seed picks. Clearly no one's real drawing."""
    image = Image.new("RGB", (480, 360), (255, 255, 255))
    pen = ImageDraw.Draw(image)
    wall = tuple(rng.randrange(120, 240) for _ in range(3))
    pen.rectangle((60, 170, 260, 330), outline=(40, 40, 40), width=4, fill=wall)
    pen.polygon([(50, 175), (160, 80), (270, 175)], outline=(40, 40, 40), fill=(200, 60, 50))
    pen.rectangle((140, 250, 185, 330), fill=(90, 60, 30))
    pen.ellipse((370, 30, 440, 100), fill=(255, 200, 0))
    x = rng.randrange(320, 400)
    pen.ellipse((x - 18, 190, x + 18, 226), outline=(20, 20, 120), width=4)
    pen.line((x, 226, x, 290), fill=(20, 20, 120), width=4)
    pen.line((x - 30, 245, x + 30, 245), fill=(20, 20, 120), width=4)
    pen.line((x, 290, x - 22, 330), fill=(20, 20, 120), width=4)
    pen.line((x, 290, x + 22, 330), fill=(20, 20, 120), width=4)
    pen.text((12, 8), "Synthetic demo drawing", fill=(120, 120, 120))
    out = io.BytesIO()
    image.save(out, format="PNG")
    return out.getvalue()


def _children_of(worker: User) -> list[Child]:
    return list(
        Child.objects.filter(
            allocations__worker=worker,
            allocations__role=AllocationRole.SOCIAL_WORKER,
            allocations__end_date=None,
        )
        .distinct()
        .order_by("pk")[:4]
    )


def _invite(worker: User, child: Child, *, younger: bool = False, sent_how: str = SentHow.QR):
    meeting = meetings_to_invite_for(child).first()
    return services.invite_child_to_give_views(
        actor=worker,
        child=child,
        purpose=Purpose.MEETING if meeting is not None else Purpose.GENERAL,
        meeting=meeting,
        page_version=PageVersion.YOUNGER if younger else PageVersion.OLDER,
        days=services.LINK_DAYS,
        sent_how=sent_how,
    )


def seed_young_people_demo(*, named: dict[str, User], seed: int) -> int:
    """Four links from the demo social worker, one to each of their first four children; returns
    how many were made (fewer when they have fewer children)."""
    worker = named.get(DEMO_WORKER)
    if worker is None:
        return 0
    children = _children_of(worker)
    rng = random.Random(f"{seed}-young-people")
    made = 0
    for n, child in enumerate(children):
        if n == 0:
            _invite(worker, child)
        elif n == 1:
            issued = _invite(worker, child, younger=True)
            services.send_childs_views(
                invitation=issued.invitation,
                sent=services.SentViews(
                    going_well="Playing football with my carer on Saturdays (fictional).",
                    worrying="Moving schools again (fictional).",
                    better="Seeing my sister more often (fictional).",
                    home_score=7,
                    feels_safe=Answer.YES,
                    feels_happy=Answer.YES,
                    wants_to_come=Answer.YES,
                    who_to_be_there="My carer and my teacher (fictional).",
                    drawing=drawing_from(synthetic_drawing(rng)),
                ),
            )
        elif n == 2:
            issued = _invite(worker, child)
            services.send_childs_views(
                invitation=issued.invitation,
                sent=services.SentViews(
                    worrying="Things at home have been shouty lately (fictional).",
                    home_score=3,
                    feels_safe=Answer.NOT_SURE,
                    feels_happy=Answer.NO,
                ),
            )
        else:
            issued = _invite(worker, child, sent_how=SentHow.QR)
            # An expired link, as one sent a fortnight ago and never used.
            ViewsInvitation.objects.filter(pk=issued.invitation.pk).update(
                created_at=timezone.now() - datetime.timedelta(days=services.LINK_DAYS + 1),
                expires_at=timezone.now() - datetime.timedelta(days=1),
            )
        made += 1
    return made
