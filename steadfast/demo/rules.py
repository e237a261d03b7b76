"""Synthetic placement histories that look like England's, as plain data.

Each child is given a stability profile, and placements follow one another with lengths drawn
for that profile. The mix is tuned so that, as in the Department for Education's published
figures, about one child in ten has had three or more placements in the last year and about
two thirds of under-16s in care for two and a half years have lived with the same carer for two.
"""

import datetime
import random
from dataclasses import dataclass, field

from steadfast.core.working_days import is_working_day

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
# Carers' surnames, beside LAST_NAMES: when the surname first drawn for a household is already
# another household's name, one of these is drawn instead, so that no two share a name.
CARER_SURNAMES = [
    "Adebayo",
    "Ahmed",
    "Akhtar",
    "Allen",
    "Anderson",
    "Appiah",
    "Armstrong",
    "Asante",
    "Atkinson",
    "Bailey",
    "Bains",
    "Banerjee",
    "Barker",
    "Barnes",
    "Begum",
    "Bhatt",
    "Bibi",
    "Birch",
    "Bishop",
    "Boateng",
    "Bradley",
    "Brennan",
    "Briggs",
    "Brooks",
    "Burgess",
    "Byrne",
    "Campbell",
    "Carter",
    "Chadwick",
    "Chapman",
    "Cheung",
    "Clayton",
    "Coleman",
    "Collins",
    "Connolly",
    "Cooper",
    "Cox",
    "Crawford",
    "Cunningham",
    "Dawson",
    "Desai",
    "Dixon",
    "Douglas",
    "Duffy",
    "Dunn",
    "Edwards",
    "Ellis",
    "Evans",
    "Farrell",
    "Fernandes",
    "Fisher",
    "Fletcher",
    "Forde",
    "Foster",
    "Fraser",
    "Gardner",
    "Gill",
    "Gordon",
    "Graham",
    "Grant",
    "Gray",
    "Griffiths",
    "Hale",
    "Hamilton",
    "Harding",
    "Harper",
    "Hayes",
    "Henry",
    "Holmes",
    "Hughes",
    "Hunt",
    "Iqbal",
    "Jackson",
    "James",
    "Jenkins",
    "Johal",
    "Jones",
    "Joseph",
    "Kamara",
    "Kaur",
    "Kelly",
    "Kennedy",
    "Khan",
    "Kinsella",
    "Knight",
    "Kozlowski",
    "Lambert",
    "Lawrence",
    "Lewis",
    "Lloyd",
    "Lynch",
    "Macdonald",
    "Mahmood",
    "Malik",
    "Mann",
    "Marsh",
    "Martin",
    "Mason",
    "McCarthy",
    "McKenzie",
    "Mills",
    "Mistry",
    "Mitchell",
    "Moore",
    "Morgan",
    "Morris",
    "Murphy",
    "Murray",
    "Nash",
    "Nelson",
    "Nowak",
    "Nwankwo",
    "Obi",
    "Oduya",
    "Ogunleye",
    "Osei",
    "Owen",
    "Palmer",
    "Parker",
    "Parry",
    "Pearson",
    "Perkins",
    "Phillips",
    "Powell",
    "Price",
    "Quinn",
    "Rees",
    "Reid",
    "Reynolds",
    "Richards",
    "Riley",
    "Roberts",
    "Robinson",
    "Rogers",
    "Ross",
    "Russell",
    "Saunders",
    "Shah",
    "Sharma",
    "Shaw",
    "Simpson",
    "Singh",
    "Smith",
    "Stevens",
    "Stewart",
    "Sullivan",
    "Taylor",
    "Thomas",
    "Thompson",
    "Turner",
    "Vaughan",
    "Wade",
    "Walker",
    "Walsh",
    "Ward",
    "Watson",
    "Webb",
    "Wells",
    "Wilkinson",
    "Williams",
    "Wilson",
    "Wood",
    "Wright",
    "Young",
]
# Of the households with two approved carers, the share whose carers have different surnames.
MIXED_SURNAMES_SHARE = 0.2
# How many draws to find an unused name before giving up: far more than the largest authority needs.
NAME_DRAWS = 10_000


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


def working_day_on_or_before(day: datetime.date) -> datetime.date:
    while not is_working_day(day):
        day -= datetime.timedelta(days=1)
    return day


def working_day_on_or_after(day: datetime.date) -> datetime.date:
    while not is_working_day(day):
        day += datetime.timedelta(days=1)
    return day


def household_name(surnames: tuple[str, ...]) -> str:
    """A household's name from its approved carers' surnames: "The Okafor household", or, for
    carers with different surnames, "The Hughes and Okafor household"."""
    return f"The {' and '.join(sorted(set(surnames)))} household"


def household_surnames(drawn: list[tuple[str, int]], *, rng: random.Random) -> list[tuple[str, ...]]:
    """Each approved carer's surname, household by household, given the surname first drawn for
    each household and how many approved carers it has, so that no two households share a name.
    Most carers share the surname drawn; of two carers, some have different ones. A household
    whose name is already taken is given a surname no household yet has alone; once every
    surname has been used, two carers keep different surnames and a carer on their own a
    double-barrelled one, in pairs not yet used."""
    pool = sorted({*LAST_NAMES, *CARER_SURNAMES})
    free = set(pool)  # surnames no household is yet named after on its own
    taken: set[str] = set()
    chosen = []
    for first, carers in drawn:
        surnames = (first,) * carers
        if carers == 2 and rng.random() < MIXED_SURNAMES_SHARE:
            surnames = (first, rng.choice([s for s in pool if s != first]))
        for _ in range(NAME_DRAWS):
            if household_name(surnames) not in taken:
                break
            if free:
                surnames = (rng.choice(sorted(free)),) * carers
            else:
                one, other = rng.sample(pool, 2)
                surnames = (one, other) if carers == 2 else (f"{one}-{other}",) * carers
        else:
            raise ValueError(f"No unused household name was found in {NAME_DRAWS} draws")
        taken.add(household_name(surnames))
        if len(set(surnames)) == 1:
            free.discard(surnames[0])
        chosen.append(surnames)
    return chosen


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
