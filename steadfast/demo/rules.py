"""Synthetic placement histories that look like England's, as plain data.

Each child is given a stability profile, and placements follow one another with lengths drawn
for that profile. The mix is tuned so that, as in the Department for Education's published
figures, about one child in ten has had three or more placements in the last year and about
two thirds of under-16s in care for two and a half years have lived with the same carer for two.
"""

import datetime
import random
from dataclasses import dataclass, field

# (share of children, mean placement length in days)
PROFILES = {
    "settled": (0.71, 6000),
    "moving": (0.19, 450),
    "unsettled": (0.10, 100),
}
# How far back an unsettled child's run of short placements goes.
UNSETTLED_SPELL_DAYS = 730
FIRST_NAMES = [
    "Alex",
    "Amara",
    "Ayaan",
    "Bella",
    "Callum",
    "Chloe",
    "Darius",
    "Ebony",
    "Elliot",
    "Esme",
    "Faisal",
    "Freya",
    "Gracie",
    "Harley",
    "Hassan",
    "Isla",
    "Jayden",
    "Kacper",
    "Kai",
    "Keira",
    "Leon",
    "Lexi",
    "Logan",
    "Maisie",
    "Mason",
    "Mia",
    "Nadia",
    "Noah",
    "Oliver",
    "Olivia",
    "Oscar",
    "Phoebe",
    "Reece",
    "Riley",
    "Rosa",
    "Ruby",
    "Sami",
    "Sienna",
    "Tariq",
    "Theo",
    "Tia",
    "Tyler",
    "Zara",
    "Zoe",
]
LAST_NAMES = [
    "Abbott",
    "Achebe",
    "Ainsworth",
    "Baxter",
    "Bennett",
    "Brannigan",
    "Chowdhury",
    "Clarke",
    "Dlamini",
    "Doyle",
    "Ellery",
    "Fairbairn",
    "Fenwick",
    "Gallagher",
    "Greaves",
    "Hartley",
    "Hussain",
    "Ibbotson",
    "Jarvis",
    "Kowalski",
    "Lindqvist",
    "Marlow",
    "Mensah",
    "Nakamura",
    "Novak",
    "Okafor",
    "Oyelaran",
    "Pemberton",
    "Quayle",
    "Rahman",
    "Redfern",
    "Sandoval",
    "Thackeray",
    "Underwood",
    "Varga",
    "Whitlock",
    "Yardley",
    "Zielinski",
]


@dataclass
class DemoPlacement:
    start: datetime.date
    end: datetime.date | None
    planned: bool | None = None


@dataclass
class DemoChild:
    first_name: str
    last_name: str
    date_of_birth: datetime.date
    entered_care: datetime.date
    profile: str
    placements: list[DemoPlacement] = field(default_factory=list)


def profiles_for(count: int, rng: random.Random) -> list[str]:
    """Exactly each profile's share of `count` children, in random order: stratified rather
    than drawn one by one, so that a demo of a few hundred children shows the same mix as a
    large one."""
    names = list(PROFILES)
    profiles = []
    for name in names[1:]:
        profiles += [name] * round(PROFILES[name][0] * count)
    profiles += [names[0]] * (count - len(profiles))
    rng.shuffle(profiles)
    return profiles


def demo_child(rng: random.Random, *, today: datetime.date, profile: str) -> DemoChild:
    """One child's synthetic history: birth, entry to care, and placements up to today, the
    last one still open."""
    age_days = rng.randint(30, 17 * 365 + 300)
    date_of_birth = today - datetime.timedelta(days=age_days)
    # Children come into care at any age; many have been in care for some years.
    entered_care = date_of_birth + datetime.timedelta(days=int(age_days * rng.betavariate(1.4, 1.6)))
    child = DemoChild(
        first_name=rng.choice(FIRST_NAMES),
        last_name=rng.choice(LAST_NAMES),
        date_of_birth=date_of_birth,
        entered_care=entered_care,
        profile=profile,
    )
    start = entered_care
    unsettled_since = today - datetime.timedelta(days=UNSETTLED_SPELL_DAYS)
    while True:
        # A run of short placements is a recent spell, not a whole childhood in care: before
        # it, an unsettled child moved as often as a child whose placements change now and then.
        current = "moving" if profile == "unsettled" and start < unsettled_since else profile
        length = max(1, int(rng.expovariate(1 / PROFILES[current][1])))
        end = start + datetime.timedelta(days=length)
        if end >= today:
            child.placements.append(DemoPlacement(start=start, end=None))
            return child
        child.placements.append(DemoPlacement(start=start, end=end, planned=rng.random() < 0.55))
        start = end


def demo_children(count: int, *, seed: int, today: datetime.date) -> list[DemoChild]:
    rng = random.Random(seed)
    return [demo_child(rng, today=today, profile=profile) for profile in profiles_for(count, rng)]
