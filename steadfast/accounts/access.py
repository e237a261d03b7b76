"""The one access policy: which children and households a user may see and change.

Every view finds case records through this module. A record the user may not see is answered
with 404, exactly as a record that does not exist, so nothing hints that it is there.

The rules (see docs/access-control.md):
- a user sees a child when they are allocated to the child; when they are in the team of
  (for teams that share a caseload), or in the management line above, a worker allocated to
  the child; when they are (or are in the team of, or manage) the supervising social worker
  of the child's current household; or when granted the child by name;
- a user sees a household when they are (or are in the team of, or manage) its supervising
  social worker; when a child they may see lives there now; when granted it by name; and a
  foster carer sees only their own household;
- a restricted record is seen only by those granted it by name;
- analysts, administrators and security officers read no case record unless granted it by name;
- records officers read no case record's pages at all: they reach only the records team's pages;
- a grant holds until revoked, and an emergency opening (a grant of the kind `emergency`) also
  only until its end;
- an account not yet activated by its owner, or whose role and team no manager has confirmed
  since they last changed (ADR 0036), reads nothing at all, grants included.
"""

import datetime
from collections.abc import Callable

from django.core.cache import caches
from django.db import connection
from django.db.models import Q, QuerySet
from django.db.models.expressions import RawSQL
from django.http import Http404
from django.utils import timezone

from steadfast.audit.refusals import note_refused
from steadfast.children.models import Child
from steadfast.households.models import Household
from steadfast.placements.models import Placement

from .models import (
    AccessGrant,
    AccessRulesVersion,
    Allocation,
    AllocationRole,
    GrantKind,
    HouseholdAllocation,
    Role,
    TeamKind,
    User,
)

# Roles that work on cases through allocations. Others (analyst, administrator, carer) do not.
CASEWORK_ROLES = frozenset(
    {
        Role.SOCIAL_WORKER,
        Role.SUPERVISING_SOCIAL_WORKER,
        Role.TEAM_MANAGER,
        Role.ASSISTANT_TEAM_MANAGER,
        Role.SENIOR_PRACTITIONER,
        Role.IRO,
        Role.PLACEMENT_SUPPORT_WORKER,
        Role.FOSTERING_TEAM_MANAGER,
    }
)
MANAGER_ROLES = frozenset(
    {
        Role.TEAM_MANAGER,
        Role.ASSISTANT_TEAM_MANAGER,
        Role.SENIOR_PRACTITIONER,
        Role.FOSTERING_TEAM_MANAGER,
    }
)
# Who may change a child's record, allocate to it, and start or end its placements.
CHILD_EDITOR_ROLES = frozenset(
    {
        Role.SOCIAL_WORKER,
        Role.TEAM_MANAGER,
        Role.ASSISTANT_TEAM_MANAGER,
        Role.SENIOR_PRACTITIONER,
    }
)
ALLOCATOR_ROLES = frozenset({Role.TEAM_MANAGER, Role.ASSISTANT_TEAM_MANAGER, Role.SENIOR_PRACTITIONER})
# Who may arrange a stability meeting, prepare it and write up its record: the child's and the
# household's workers and their managers. IROs may call a meeting; the record is the chair's.
MEETING_ORGANISER_ROLES = MANAGER_ROLES | {Role.SOCIAL_WORKER, Role.SUPERVISING_SOCIAL_WORKER}
# Who records the supervision of a fostering household they have fostering access to.
SUPERVISION_ROLES = frozenset({Role.SUPERVISING_SOCIAL_WORKER, Role.FOSTERING_TEAM_MANAGER})
# Who authorises a stability plan: a team manager, of the child's team or of fostering.
PLAN_AUTHORISER_ROLES = frozenset({Role.TEAM_MANAGER, Role.FOSTERING_TEAM_MANAGER})
# Teams whose members cover each other's work (duty, leave), and so see each other's children
# and households. Independent reviewing officers and placement support workers are allocated
# one by one and see only their own, unless they manage others.
SHARED_CASELOAD_TEAMS = frozenset({TeamKind.CHILDRENS_SOCIAL_WORK, TeamKind.FOSTERING})

# What the authority's case system sends through the API: children, their placements, legal
# status and allocations. It may change them, as a social worker may, and allocate, as a manager.
CASE_SYSTEM_ROLES = frozenset({Role.CONNECTED_SYSTEM})

# How far up a line of management the policy looks.
MANAGEMENT_LINE_DEPTH = 4


def _today() -> datetime.date:
    return timezone.localdate()


def _is_active(user: User) -> bool:
    """Switched on, activated by its owner and confirmed by a manager: every rule below asks
    this first, so an unconfirmed account has no case access of any kind."""
    return bool(user and user.is_authenticated and user.is_active and user.may_read_records)


def colleague_ids(user: User) -> list[int]:
    """Ids of the user, their team (where a team shares its caseload), and everyone below them
    in a line of management: people who report to them, and members of teams they manage, to
    any depth up to MANAGEMENT_LINE_DEPTH.

    Worked out once per user object (so once per request) and kept on it: every visibility
    question in a request needs the same set, and asking the database once is far cheaper
    than planning the self-joins inside every query."""
    cached = getattr(user, "_colleague_ids", None)
    if cached is None:
        cached = user._colleague_ids = _kept(user, "colleagues", lambda: _colleague_ids(user))
    return cached


def _colleague_ids(user: User) -> list[int]:
    if user.role == Role.CONNECTED_SYSTEM:
        # A connected system works for the teams it was registered with: their members' cases.
        return sorted(
            User.objects.filter(
                team__api_clients__account=user, team__api_clients__revoked_at__isnull=True
            ).values_list("pk", flat=True)
        )
    below = Q(pk=user.pk)
    chain = ""
    for _ in range(MANAGEMENT_LINE_DEPTH):
        below |= Q(**{f"{chain}line_manager": user}) | Q(**{f"team__manager__{chain}pk": user.pk})
        chain = f"{chain}line_manager__"
    if user.team_id is not None and user.team.kind in SHARED_CASELOAD_TEAMS:
        below |= Q(team_id=user.team_id)
    return sorted(User.objects.filter(below).values_list("pk", flat=True))


def _among(ids: list[int]) -> RawSQL | list[int]:
    """The ids for an `__in` filter. PostgreSQL takes them as one array parameter: a list of
    hundreds of literals costs milliseconds to plan in every query that carries it."""
    if connection.vendor == "postgresql":
        return RawSQL("SELECT unnest(%s::bigint[])", (ids,))
    return ids


def active_on(day: datetime.date, prefix: str = "") -> Q:
    """Allocations (of a child or a household) in force on `day`: begun by then, not ended
    before it."""
    return Q(**{f"{prefix}start_date__lte": day}) & (
        Q(**{f"{prefix}end_date__isnull": True}) | Q(**{f"{prefix}end_date__gte": day})
    )


def _active(prefix: str = "") -> Q:
    return active_on(_today(), prefix)


# Each rule below is an uncorrelated subquery of ids, so the database works each one out once
# and looks every record up in it, rather than re-running a subquery for every record in the
# authority.


def grant_in_force(prefix: str = "") -> Q:
    """Grants in force now: not revoked, and, for an emergency opening, not yet at its end. An
    emergency grant stops at its end to the second, not at the end of the day."""
    return Q(**{f"{prefix}revoked_at__isnull": True}) & (
        Q(**{f"{prefix}expires_at__isnull": True}) | Q(**{f"{prefix}expires_at__gt": timezone.now()})
    )


def _granted(user: User, field: str) -> QuerySet:
    grants = AccessGrant.objects.filter(grant_in_force(), user=user, **{f"{field}__isnull": False})
    if field == "child":
        # An emergency opening never shows a restricted record, even one restricted after it.
        grants = grants.filter(Q(kind=GrantKind.NAMED) | Q(child__restricted=False))
    return grants.values(field)


def _supervised_households(user: User) -> QuerySet:
    return HouseholdAllocation.objects.filter(_active(), worker__in=_among(colleague_ids(user))).values(
        "household"
    )


# Where a remembering request keeps its answers about fostering access, beside the visible ids.
FOSTERING_ACCESS = "fostering access"


def remember_visibility(user: User) -> None:
    """Let `children_visible_to` and `households_visible_to` work out the user's ids once, and
    `fostering_access_to_household` its answer for each household, and keep them on this user
    object. Called for each request that changes nothing (see
    `VisibilityMiddleware`): a page asks these questions in many of its sections, and a list of
    ids costs far less to send with each query than the rules cost to plan into each one.
    Nothing else in the app calls it, so a user object that lives across writes (in a service,
    a test or a request that saves) is answered afresh every time.

    The ids (and the user's colleagues) are kept between such requests too, in this process's
    `visibility` cache, under the access rules' version (`AccessRulesVersion`) and today's
    date: any change to what the rules read gives a new version in the same transaction, so a
    kept answer is never used once it may be wrong. The one change that comes with no write is
    an emergency opening reaching its end, so a kept answer carries the moment the user's
    earliest emergency grant ends, and is not used from then on (see `_kept`)."""
    if _is_active(user):
        user._visible_ids = {}


# Where remembering requests keep the version they read, beside the visible ids.
RULES_VERSION = "rules version"


def _kept(user: User, name: str, work_out: Callable[[], list[int]]) -> list[int]:
    """`work_out()`, kept between remembering requests (see `remember_visibility`); worked out
    afresh for a user object no request remembers."""
    remembered = getattr(user, "_visible_ids", None)
    if remembered is None:
        return work_out()
    if RULES_VERSION not in remembered:
        remembered[RULES_VERSION] = AccessRulesVersion.objects.values_list("value", flat=True).first()
    version = remembered[RULES_VERSION]
    if version is None:  # no version row (a test database flushed clean): keep nothing
        return work_out()
    key = f"{name}:{user.pk}:{_today().isoformat()}:{version}"
    cache = caches["visibility"]
    kept = cache.get(key)
    # Kept as (ids, until): `until` is when the user's earliest emergency grant ends, after
    # which the ids may hold a child they no longer see; None when they hold none.
    if kept is not None and (kept[1] is None or timezone.now() < kept[1]):
        remembered.setdefault(EMERGENCY_ENDS, kept[1])
        return kept[0]
    if EMERGENCY_ENDS not in remembered:
        remembered[EMERGENCY_ENDS] = _emergency_access_ends(user)
    ids = work_out()
    cache.set(key, (ids, remembered[EMERGENCY_ENDS]))
    return ids


# Where remembering requests keep when the user's earliest emergency grant ends.
EMERGENCY_ENDS = "emergency access ends"


def holds_no_emergency_grant(user: User) -> bool:
    """True when the request already knows the user holds no emergency grant in force (it has
    read, or found kept, what they may see), so a page need not ask; False when it does not
    know, or they hold one."""
    remembered = getattr(user, "_visible_ids", None)
    return remembered is not None and EMERGENCY_ENDS in remembered and remembered[EMERGENCY_ENDS] is None


def _emergency_access_ends(user: User) -> datetime.datetime | None:
    """When the first of the user's emergency grants in force ends, or None if they hold none.
    Read before the ids are worked out, so a grant that ends in between is never missed."""
    return (
        AccessGrant.objects.filter(grant_in_force(), user=user, kind=GrantKind.EMERGENCY)
        .order_by("expires_at")
        .values_list("expires_at", flat=True)
        .first()
    )


def _visible(user: User, model: type, rules: Callable[[User], QuerySet], name: str = "") -> QuerySet:
    """The records `rules(user)` selects, or, once the request remembers them, the same records
    by their ids, without building the rules into the query again. `name` tells apart two sets
    of the same model."""
    remembered = getattr(user, "_visible_ids", None)
    if remembered is None:
        return rules(user)
    name = name or model._meta.label_lower
    if name not in remembered:
        remembered[name] = _kept(user, name, lambda: sorted(rules(user).values_list("pk", flat=True)))
    return model.objects.filter(pk__in=_among(remembered[name]))


def children_visible_to(user: User) -> QuerySet[Child]:
    """Every child the user may see, as one filtered queryset (one query, however many rows)."""
    if not _is_active(user):
        return Child.objects.none()
    return _visible(user, Child, _children_by_rules)


def _children_by_rules(user: User) -> QuerySet[Child]:
    granted = _granted(user, "child")
    if user.role == Role.RECORDS_OFFICER:
        # A records officer's grant opens a restricted child's bundle, never the record's pages.
        return Child.objects.none()
    if user.role == Role.CONNECTED_SYSTEM:
        # A system holds no grants; it sees its teams' cases and the children it sent itself.
        granted = Child.objects.filter(created_by=user, restricted=False).values("pk")
    elif user.role not in CASEWORK_ROLES:
        return Child.objects.filter(pk__in=granted)
    allocated = Allocation.objects.filter(
        _active(), worker__in=_among(colleague_ids(user)), child__restricted=False
    ).values("child")
    living_in_supervised_household = Placement.objects.filter(
        end_date__isnull=True, household__in=_supervised_households(user), child__restricted=False
    ).values("child")
    # One list of ids, so the database finds the few children by key rather than checking
    # every child in the authority against each rule.
    return Child.objects.filter(pk__in=allocated.union(living_in_supervised_household, granted))


def households_visible_to(user: User) -> QuerySet[Household]:
    """Every fostering household the user may see."""
    if not _is_active(user):
        return Household.objects.none()
    return _visible(user, Household, _households_by_rules)


def _households_by_rules(user: User) -> QuerySet[Household]:
    granted = Q(pk__in=_granted(user, "household"))
    if user.role == Role.FOSTER_CARER:
        return Household.objects.filter(members__user=user)
    if user.role == Role.RECORDS_OFFICER:
        return Household.objects.none()
    if user.role == Role.CONNECTED_SYSTEM:
        granted = Q(pk__in=[])
    elif user.role not in CASEWORK_ROLES:
        return Household.objects.filter(granted)
    home_of_visible_child = Placement.objects.filter(
        end_date__isnull=True, child__in=children_visible_to(user).values("pk")
    ).values("household")
    unrestricted = Q(restricted=False) & (
        Q(pk__in=_supervised_households(user)) | Q(pk__in=home_of_visible_child)
    )
    return Household.objects.filter(unrestricted | granted)


def get_carer_household_or_404(user: User) -> Household:
    """A foster carer's own household, the only one their portal shows; 404 for anyone else."""
    if not _is_active(user) or user.role != Role.FOSTER_CARER:
        raise Http404("No such household")
    household = Household.objects.filter(members__user=user).first()
    if household is None:
        raise Http404("No such household")
    return household


def get_child_for_user_or_404(user: User, pk: object) -> Child:
    """The child, if the user may see them; otherwise 404, as if there were no such child."""
    try:
        return children_visible_to(user).get(pk=pk)
    except Child.DoesNotExist:
        refused(user, Child.objects.all(), "child", pk)
        raise Http404("No such child") from None
    except (ValueError, TypeError):
        raise Http404("No such child") from None


def get_household_for_user_or_404(user: User, pk: object) -> Household:
    try:
        return households_visible_to(user).get(pk=pk)
    except Household.DoesNotExist:
        refused(user, Household.objects.all(), "household", pk)
        raise Http404("No such household") from None
    except (ValueError, TypeError):
        raise Http404("No such household") from None


def refused(user: User, every_record: QuerySet, record_type: str, pk: object) -> None:
    """The record `pk` was not among those `user` may see: if it exists all the same, trace the
    refusal (ADR 0037). The answer stays the same 404 either way; only a record that is there
    leaves a trace, so a mistyped address is not taken for prying."""
    if every_record.filter(pk=pk).exists():
        note_refused(actor=user, record_type=record_type, record_id=pk)


def can_change_child(user: User, child: Child) -> bool:
    """May the user edit the child's details and start or end their placements?
    Only asked of a child the user can already see."""
    return _is_active(user) and user.role in CHILD_EDITOR_ROLES | CASE_SYSTEM_ROLES


def can_allocate_to_child(user: User, child: Child) -> bool:
    return _is_active(user) and user.role in ALLOCATOR_ROLES | CASE_SYSTEM_ROLES


def can_add_child(user: User) -> bool:
    return _is_active(user) and user.role in CHILD_EDITOR_ROLES | CASE_SYSTEM_ROLES


def can_import_returns(user: User) -> bool:
    """Importing a year's SSDA903 files writes many children's records at once: administrators
    only."""
    return _is_active(user) and user.role == Role.ADMINISTRATOR


def can_grant_access_to_child(user: User, child: Child) -> bool:
    """Managers who may allocate to a child may also grant, and revoke, access to it by name. A
    connected system allocates what its case system sends, but opens no record to anyone."""
    return can_allocate_to_child(user, child) and user.role not in CASE_SYSTEM_ROLES


def can_manage_api_clients(user: User) -> bool:
    """Register other systems to call the API, revoke them, and see and revoke every personal
    access token in force: administrators only."""
    return _is_active(user) and user.role == Role.ADMINISTRATOR


def can_triage_concern(user: User) -> bool:
    """Managers decide what happens next when a stability concern is raised."""
    return _is_active(user) and user.role in MANAGER_ROLES


def can_arrange_meeting(user: User) -> bool:
    """Arrange a stability meeting for a child the user can already see."""
    return _is_active(user) and (user.role in MEETING_ORGANISER_ROLES or user.role == Role.IRO)


def can_record_meeting(user: User) -> bool:
    """Prepare a meeting the user can see and write up its record."""
    return _is_active(user) and user.role in MEETING_ORGANISER_ROLES


def can_authorise_stability_plan(user: User) -> bool:
    return _is_active(user) and user.role in PLAN_AUTHORISER_ROLES


def can_read_fostering_record(user: User, household: Household) -> bool:
    """Read the fostering service's own record of a household: its supervision, impact and
    stress assessments, carers' training, carers' logs in full with their tone cues, and its
    requests for help. Those with fostering access to it, except its carers (who read what is
    theirs in their portal) and a child's worker who sees the household only as the child's
    home."""
    return (
        _is_active(user) and user.role != Role.FOSTER_CARER and fostering_access_to_household(user, household)
    )


def can_record_fostering_work(user: User, household: Household) -> bool:
    """Record the fostering service's work with a household (supervision, impact and stress
    assessments, carers' training), review its carers' logs and write one for them, and
    acknowledge, answer and escalate its requests for help: the supervising social worker and
    fostering team manager with fostering access to it."""
    return (
        _is_active(user) and user.role in SUPERVISION_ROLES and fostering_access_to_household(user, household)
    )


def can_see_statutory_visits(user: User, child: Child) -> bool:
    """Read the child's statutory visits: anyone who may see the child, except a foster carer
    (who sees a child's record only when granted it by name). Only asked of a child the user
    can already see."""
    return _is_active(user) and user.role != Role.FOSTER_CARER


def can_record_statutory_visit(user: User, child: Child) -> bool:
    """Record a statutory visit to a child the user can already see: those who may change the
    child's record."""
    return _is_active(user) and user.role in CHILD_EDITOR_ROLES


def can_see_grids(user: User, child: Child) -> bool:
    """Read the child's Safety and Well-being Grids: anyone who may see the child, except a
    foster carer (who sees a child's record only when granted it by name). Only asked of a child
    the user can already see."""
    return _is_active(user) and user.role != Role.FOSTER_CARER


def can_record_grid(user: User, child: Child) -> bool:
    """Make and write up a Safety and Well-being Grid for a child the user can already see: those
    who arrange and record stability meetings, and independent reviewing officers, who use the
    Grid in reviews and conferences."""
    return _is_active(user) and (user.role in MEETING_ORGANISER_ROLES or user.role == Role.IRO)


def can_read_childs_own_views(user: User, child: Child) -> bool:
    """Read what a child sent through their own page, their drawings included: anyone who may
    see the child, except a foster carer, about whose home the child may be writing. Only asked
    of a child the user can already see. A message the child wrote for one person only is that
    person's alone, whoever else may read the rest."""
    return _is_active(user) and user.role != Role.FOSTER_CARER


def can_read_words_and_pictures(user: User, child: Child) -> bool:
    """Read the child's words and pictures story and child-friendly plans: anyone who may see
    the child, except a foster carer (who sees a child's record only when granted it by name).
    Only asked of a child the user can already see."""
    return _is_active(user) and user.role != Role.FOSTER_CARER


def can_write_words_and_pictures(user: User, child: Child) -> bool:
    """Add to the child's words and pictures story, draft and edit a child-friendly plan and
    record either shared with the child: those who may change the child's record. Only asked
    of a child the user can already see."""
    return _is_active(user) and user.role in CHILD_EDITOR_ROLES


def can_see_childs_voice(user: User, child: Child) -> bool:
    """Read the child's voice in the decisions about them (what they said, what changed, what
    they were told): anyone who may see the child, except a foster carer. Only asked of a child
    the user can already see."""
    return _is_active(user) and user.role != Role.FOSTER_CARER


def can_record_childs_voice(user: User) -> bool:
    """Record the child's voice in a decision about a child the user can already see: those who
    prepare and write up stability meetings."""
    return _is_active(user) and user.role in MEETING_ORGANISER_ROLES


def can_consider_signal(user: User) -> bool:
    """Managers record that they have considered a stability signal about a child they may see,
    and list the children in their line with signals."""
    return _is_active(user) and user.role in MANAGER_ROLES


def can_see_who_viewed(user: User) -> bool:
    """Managers see who has read a child's record."""
    return _is_active(user) and user.role in MANAGER_ROLES


def can_see_oversight(user: User) -> bool:
    """Managers see team oversight: the work and the children of the people in their line."""
    return _is_active(user) and user.role in MANAGER_ROLES


def can_authorise_approval_exception(user: User) -> bool:
    return _is_active(user) and user.role in MANAGER_ROLES


def fostering_access_to_household(user: User, household: Household) -> bool:
    """Does the user see the household as the fostering service does (its supervising social
    worker, their team or managers, a named grant, or its own carers), rather than only as the
    home of a child they work with? Such users see the household's whole history of children.
    Worked out once per household in a request that remembers what the user may see (a page
    asks it more than once); asked afresh everywhere else, like the visible records."""
    if not _is_active(user):
        return False
    remembered = getattr(user, "_visible_ids", None)
    if remembered is None:
        return _has_fostering_access(user, household)
    known = remembered.setdefault(FOSTERING_ACCESS, {})
    if household.pk not in known:
        known[household.pk] = _has_fostering_access(user, household)
    return known[household.pk]


def _has_fostering_access(user: User, household: Household) -> bool:
    if user.role == Role.FOSTER_CARER:
        return household.members.filter(user=user).exists()
    if AccessGrant.objects.filter(grant_in_force(), user=user, household=household).exists():
        return True
    if user.role not in CASEWORK_ROLES:
        return False
    return _supervised_households(user).filter(household=household).exists()


def restricted_children_hidden_from(user: User) -> QuerySet[Child]:
    """The restricted children the user may not see. They are few in any authority, so a query
    that must leave out records about them asks for these, rather than reading the flag of
    every child its records are about."""
    return Child.objects.filter(restricted=True).exclude(pk__in=children_visible_to(user).values("pk"))


def children_named_on_household(user: User, household: Household) -> QuerySet[Child]:
    """The children whose names the user may read on the household's record: those they may
    see, and, for those with fostering access, every child whose record is not restricted.
    Narrow it to the household's placements at the call."""
    visible = Q(pk__in=children_visible_to(user).values("pk"))
    if fostering_access_to_household(user, household):
        return Child.objects.filter(visible | Q(restricted=False))
    return Child.objects.filter(visible)


def can_see_household_address(user: User, household: Household) -> bool:
    """The address is sensitive: its carers, the fostering service supervising it, and the
    social workers of children who live there now see it; nobody else does."""
    if fostering_access_to_household(user, household):
        return True
    return Placement.objects.filter(
        household=household,
        end_date__isnull=True,
        child__in=Allocation.objects.filter(_active(), worker=user, role=AllocationRole.SOCIAL_WORKER).values(
            "child"
        ),
    ).exists()


# Assessments: impact and stress, matching, siblings, and the carers' training ---------------


def matching_recordable_children(user: User, household: Household) -> QuerySet[Child]:
    """The children whose placements with this household the user may record the match for:
    for the child's social worker and those who may change a child's record, the children they
    may see; for the supervising social worker and fostering team manager with fostering
    access to the household, the children they may name on its record. Narrow it at the call."""
    if not _is_active(user):
        return Child.objects.none()
    if user.role in CHILD_EDITOR_ROLES:
        return children_visible_to(user)
    if user.role in SUPERVISION_ROLES and fostering_access_to_household(user, household):
        return children_named_on_household(user, household)
    return Child.objects.none()


def can_record_matching(user: User, placement: Placement) -> bool:
    """Record the match for a placement with a fostering household (see
    `matching_recordable_children`)."""
    if placement.household_id is None:
        return False
    return matching_recordable_children(user, placement.household).filter(pk=placement.child_id).exists()


def can_see_matching(user: User, placement: Placement) -> bool:
    """Read a placement's matching record: anyone who may see the child, and anyone who may see
    the household and name the child on its record. Carers never reach these pages."""
    if not _is_active(user) or user.role == Role.FOSTER_CARER:
        return False
    if children_visible_to(user).filter(pk=placement.child_id).exists():
        return True
    household = placement.household
    return (
        household is not None
        and households_visible_to(user).filter(pk=household.pk).exists()
        and children_named_on_household(user, household).filter(pk=placement.child_id).exists()
    )


def can_record_sibling_assessment(user: User) -> bool:
    """Record a sibling assessment: those who may change a child's record, for a child they may
    see and any brother or sister linked in that child's relationships whose record is not
    restricted from them (see ADR 0042)."""
    return _is_active(user) and user.role in CHILD_EDITOR_ROLES


def can_see_impact_ratings_of_home(user: User, household: Household) -> bool:
    """See, on the record of a child living in the household, the date, reason and domain
    ratings of the household's latest impact and stress assessment, but not its evidence,
    overall view or support plan (see ADR 0042): those who work on cases and may see the
    household. Only asked about the home of a child the user can already see."""
    return (
        _is_active(user)
        and user.role in CASEWORK_ROLES
        and households_visible_to(user).filter(pk=household.pk).exists()
    )


# Requests for help and carers' logs ---------------------------------------------------------


def households_with_fostering_access(user: User) -> QuerySet[Household]:
    """The households the user sees as the fostering service does (see
    `fostering_access_to_household`), as one queryset; carers are answered in their portal."""
    if not _is_active(user) or user.role == Role.FOSTER_CARER:
        return Household.objects.none()
    return _visible(user, Household, _households_with_fostering_access_by_rules, name="fostering-households")


def _households_with_fostering_access_by_rules(user: User) -> QuerySet[Household]:
    fostering = Q(pk__in=_granted(user, "household"))
    if user.role in CASEWORK_ROLES:
        fostering |= Q(pk__in=_supervised_households(user))
    return households_visible_to(user).filter(fostering)


def can_ask_for_help(user: User, household: Household) -> bool:
    """The household's own carers ask for help; the fostering service may ask on their behalf."""
    if _is_active(user) and user.role == Role.FOSTER_CARER:
        return fostering_access_to_household(user, household)
    return can_record_fostering_work(user, household)


def can_see_tone_signal(user: User, household_id: int | None) -> bool:
    """The "tone cues rising" signal rests on tone cues, so it is shown only about a household
    whose logs the user reads with their cues, as the fostering service
    (`households_with_fostering_access`, the households `can_read_fostering_record` allows):
    not to the child's social worker, who reads the logs about the child without them."""
    return (
        household_id is not None and households_with_fostering_access(user).filter(pk=household_id).exists()
    )


def can_read_carer_logs_about_child(user: User, child: Child) -> bool:
    """Read the logs about a child the user can already see, without tone cues, from the
    child's record: anyone in a casework role (the child's social worker, their managers, IRO)."""
    return _is_active(user) and user.role in CASEWORK_ROLES


# Who sees the service measures: counts over the whole authority, without names.
MEASURES_ROLES = MANAGER_ROLES | {Role.PERFORMANCE_ANALYST}


def can_see_measures(user: User) -> bool:
    """The service measures at /measures/: managers and performance analysts. They show numbers
    only; a list of the children behind a measure shows only those the user may see."""
    return _is_active(user) and user.role in MEASURES_ROLES


# Separation of duties and refused requests (ADR 0036, 0037) ----------------------------------

# Who confirms accounts and watches account changes and refused requests: managers, for the
# people in their line, and security officers, for everyone.
ACCOUNT_WATCHER_ROLES = MANAGER_ROLES | {Role.SECURITY_OFFICER}


def can_confirm_accounts(user: User) -> bool:
    """Open the list of accounts waiting for the user's confirmation. Which accounts are theirs
    to confirm is `confirmers_of` below."""
    return _is_active(user) and user.role in ACCOUNT_WATCHER_ROLES


def can_watch_accounts(user: User) -> bool:
    """Read the account changes and the refused requests of the people in the user's line, or,
    for a security officer, of everyone."""
    return _is_active(user) and user.role in ACCOUNT_WATCHER_ROLES


def watched_people(user: User) -> list[int] | None:
    """The ids of the people whose account changes and refused requests the user reads: those in
    their line of management and team; None for a security officer, who reads everyone's."""
    if user.role == Role.SECURITY_OFFICER:
        return None
    return [pk for pk in colleague_ids(user) if pk != user.pk]


def confirmers_of(account: User) -> QuerySet[User]:
    """Who may confirm the account's role and team: the manager of its team, when there is one
    who is not the account itself and may read records; otherwise every security officer but
    the account itself. Never the person whose change asked for the confirmation (the caller
    leaves them out: `may_confirm`)."""
    manager = account.team.manager if account.team_id else None
    if (
        manager is not None
        and manager.pk != account.pk
        and manager.is_active
        and manager.may_read_records
        and manager.role in MANAGER_ROLES
    ):
        return User.objects.filter(pk=manager.pk)
    return User.objects.filter(
        role=Role.SECURITY_OFFICER,
        is_active=True,
        activated_at__isnull=False,
        confirmed_at__isnull=False,
    ).exclude(pk=account.pk)


def may_confirm(user: User, account: User) -> bool:
    """May `user` confirm (or refuse) `account` now: it waits for confirmation, `user` is one of
    its confirmers, and neither the account itself nor the person whose change it was."""
    return (
        can_confirm_accounts(user)
        and account.confirmed_at is None
        and account.confirmation_refused_at is None
        and account.is_active
        and user.pk != account.pk
        and user.pk != account.confirmation_asked_by_id
        and confirmers_of(account).filter(pk=user.pk).exists()
    )


# Restricted records, household grants, subject access and retention ---------------------------


def can_grant_access_to_household(user: User, household: Household) -> bool:
    """The fostering team manager with fostering access to a household grants, and revokes,
    access to it by name, as the child's managers do for a child. Only asked of a household the
    user can already see."""
    return (
        _is_active(user)
        and user.role == Role.FOSTERING_TEAM_MANAGER
        and fostering_access_to_household(user, household)
    )


def holds_grant(user: User, *, child: Child | None = None, household: Household | None = None) -> bool:
    """Does the user hold a grant by name, in force now, for this child or household? An
    emergency opening is not one: it never shows a restricted record."""
    if not _is_active(user):
        return False
    return AccessGrant.objects.filter(
        grant_in_force(), user=user, child=child, household=household, kind=GrantKind.NAMED
    ).exists()


def can_review_restriction(
    user: User, *, child: Child | None = None, household: Household | None = None
) -> bool:
    """A restricted record is reviewed by a manager who holds a grant for it: seeing it through
    the grant is what makes them able to judge whether it must stay restricted."""
    return (
        _is_active(user)
        and user.role in MANAGER_ROLES
        and holds_grant(user, child=child, household=household)
    )


def can_list_restrictions_to_review(user: User) -> bool:
    """Managers open the list of restricted records due for review; it holds only those
    granted to them."""
    return _is_active(user) and user.role in MANAGER_ROLES


def restricted_children_reviewable_by(user: User) -> QuerySet[Child]:
    """The restricted children the user may review: none unless a manager, and then only those
    granted to them by name."""
    if not _is_active(user) or user.role not in MANAGER_ROLES:
        return Child.objects.none()
    return Child.objects.filter(restricted=True, pk__in=_granted(user, "child"))


def restricted_households_reviewable_by(user: User) -> QuerySet[Household]:
    if not _is_active(user) or user.role not in MANAGER_ROLES:
        return Household.objects.none()
    return Household.objects.filter(restricted=True, pk__in=_granted(user, "household"))


def is_records_officer(user: User) -> bool:
    """The records team gathers subject access bundles and keeps the retention schedule. They
    read no case record's pages: their role reaches only those pages."""
    return _is_active(user) and user.role == Role.RECORDS_OFFICER


def children_for_records_team(user: User) -> QuerySet[Child]:
    """The children a records officer may make a bundle for or propose to destroy: every child
    whose record is not restricted, and a restricted child only with a grant, as everywhere."""
    if not is_records_officer(user):
        return Child.objects.none()
    return Child.objects.filter(Q(restricted=False) | Q(pk__in=_granted(user, "child")))


def households_for_records_team(user: User) -> QuerySet[Household]:
    """As `children_for_records_team`, for fostering households (a carer's record)."""
    if not is_records_officer(user):
        return Household.objects.none()
    return Household.objects.filter(Q(restricted=False) | Q(pk__in=_granted(user, "household")))


# Opening a record in an emergency ----------------------------------------------------------


def can_open_in_emergency(user: User) -> bool:
    """Open a child's record outside the rules above, for a while, with a reason, recorded and
    told to the child's managers: staff in a casework role. Never a restricted child's record
    (see `emergency_access.services`)."""
    return _is_active(user) and user.role in CASEWORK_ROLES


def can_see_emergency_openings(user: User) -> bool:
    """Managers see the emergency openings of the children they see and of the people in their
    line, and security officers every opening in the authority, naming no child they may not see
    (`emergency_access.selectors.emergency_openings_for`)."""
    return _is_active(user) and user.role in ACCOUNT_WATCHER_ROLES
