"""The plan an import makes from a year's Header and Episodes, without a database."""

import datetime

from steadfast.interop.ssda903.loading import plan_import
from steadfast.interop.ssda903.reading import collection_from_rows

D = datetime.date


def header(child="C1", **values):
    return {"CHILD": child, "SEX": "M", "DOB": "01/06/2015", "ETHNIC": "WBRI", **values}


def episode(child="C1", decom="01/05/2025", **values):
    return {
        "CHILD": child,
        "DECOM": decom,
        "RNE": "S",
        "LS": "C2",
        "PLACE": "U4",
        "PLACE_PROVIDER": "PR1",
        **values,
    }


def plan_of(headers, episodes, year=2026):
    return plan_import(collection_from_rows({"Header": headers, "Episodes": episodes}, year=year))


def test_a_change_of_legal_status_only_continues_the_placement_and_starts_a_legal_status():
    plan = plan_of(
        [header()],
        [
            episode(DEC="01/09/2025", REC="X1", URN="SC123456"),
            episode(decom="01/09/2025", RNE="L", LS="E1", DEC="01/02/2026", REC="X1", URN="SC123456"),
            episode(decom="01/02/2026", RNE="P", LS="E1", PLACE="K2", REASON_PLACE_CHANGE="CARPL"),
        ],
    )
    (child,) = plan.children
    assert [(p.start_date, p.end_date, p.placement_type) for p in child.placements] == [
        (D(2025, 5, 1), D(2026, 2, 1), "foster_approved_carer"),
        (D(2026, 2, 1), None, "residential"),
    ]
    assert (child.placements[0].end_reason, child.placements[0].ending_planned) == ("care_plan_changed", True)
    assert child.placements[0].home.name == "Ofsted URN SC123456"
    assert [(s.status, s.start_date, s.end_date) for s in child.legal_statuses] == [
        ("full_care_order", D(2025, 5, 1), D(2025, 8, 31)),
        ("placement_order", D(2025, 9, 1), None),
    ]
    assert len(child.episodes) == 3


def test_the_childs_facts_are_in_the_domains_words_and_the_codes_are_kept():
    plan = plan_of([header(SEX="F", ETHNIC="WROM", UPN="A123456789012", MOTHER="0")], [episode()])
    (child,) = plan.children
    assert (child.sex, child.ethnicity, child.date_of_birth) == ("female", "white_traveller", D(2015, 6, 1))
    assert child.header == {"SEX": "F", "ETHNIC": "WROM", "UPN": "A123456789012", "MOTHER": "0", "MC_DOB": ""}


def test_foster_care_with_a_private_provider_is_through_an_agency():
    plan = plan_of([header()], [episode(PLACE_PROVIDER="PR4")])
    assert plan.children[0].placements[0].placement_type == "foster_agency"
    assert plan.children[0].placements[0].home.kind == "agency"


def test_a_period_of_care_ending_gives_the_reason_from_the_episode_ceased():
    plan = plan_of([header()], [episode(DEC="01/03/2026", REC="E11")])
    placement = plan.children[0].placements[0]
    assert (placement.end_reason, placement.ending_planned) == ("adopted", True)
    assert plan.children[0].legal_statuses[0].end_date == D(2026, 2, 28)


def test_a_gap_in_care_starts_a_new_placement_and_legal_status_even_without_reason_s():
    plan = plan_of(
        [header()],
        [episode(DEC="01/06/2025", REC="E8"), episode(decom="01/08/2025", RNE="L")],
    )
    assert len(plan.children[0].placements) == 2
    assert len(plan.children[0].legal_statuses) == 2


def test_rows_with_dates_or_codes_the_import_needs_are_refused_each_with_its_line():
    plan = plan_of(
        [header(DOB="31/02/2015"), header(child="C2", ETHNIC="XXXX")],
        [episode(PLACE="Q9"), episode(child="C3"), episode(child="C2", decom="")],
    )
    assert plan.refused
    assert plan.children == ()
    found = {(r.table, r.line, r.child) for r in plan.refusals}
    assert found == {
        ("Header", 2, "C1"),
        ("Header", 3, "C2"),
        ("Episodes", 2, "C1"),
        ("Episodes", 3, "C3"),
        ("Episodes", 4, "C2"),
    }
    messages = " ".join(r.message for r in plan.refusals)
    assert (
        "31/02/2015" in messages and "XXXX" in messages and "Q9" in messages and "DECOM is blank" in messages
    )


def test_two_episodes_of_a_child_starting_the_same_day_are_refused():
    plan = plan_of([header()], [episode(), episode(RNE="P")])
    assert {r.line for r in plan.refusals} == {2, 3}


def test_a_folder_without_episodes_is_refused():
    plan = plan_import(collection_from_rows({"Header": [header()]}, year=2026))
    assert [r.message for r in plan.refusals] == ["The files hold no Episodes table, which the import needs."]


def test_a_file_starting_with_a_change_of_legal_status_continues_the_placement_before_it():
    plan = plan_of([header()], [episode(decom="01/09/2025", RNE="L", LS="E1")])
    (placement,) = plan.children[0].placements
    (status,) = plan.children[0].legal_statuses
    assert placement.continues_earlier and not status.continues_earlier


def test_a_file_starting_with_a_change_of_placement_continues_the_legal_status_before_it():
    plan = plan_of([header()], [episode(RNE="P"), episode(decom="01/09/2025", RNE="L", LS="E1")])
    first, second = plan.children[0].legal_statuses
    assert first.continues_earlier and not second.continues_earlier
    assert not plan.children[0].placements[0].continues_earlier


def test_a_change_of_placement_with_the_same_carers_continues_the_placement_and_new_carers_do_not():
    plan = plan_of(
        [header()],
        [
            episode(DEC="01/07/2025", REC="X1", URN="SC123456"),
            # T: a change of placement, the same carers; U: and of legal status too.
            episode(decom="01/07/2025", RNE="T", PLACE="U5", DEC="01/09/2025", REC="X1", URN="SC123456"),
            episode(decom="01/09/2025", RNE="U", LS="E1", PLACE="A4", DEC="01/11/2025", REC="X1"),
            # B: a change of legal status, placement and carers at once.
            episode(decom="01/11/2025", RNE="B", LS="C2", PLACE="K2", REASON_PLACE_CHANGE="CARPL"),
        ],
    )
    (child,) = plan.children
    assert [(p.start_date, p.end_date) for p in child.placements] == [
        (D(2025, 5, 1), D(2025, 11, 1)),
        (D(2025, 11, 1), None),
    ]


def test_a_holiday_and_the_return_from_it_are_not_moves():
    plan = plan_of(
        [header()],
        [
            episode(DEC="01/08/2025", REC="X1", PL_POST="AB1 2CD"),
            # T2: away on holiday; the return to the same place is coded P (rule 383).
            episode(decom="01/08/2025", RNE="P", PLACE="T2", DEC="15/08/2025", REC="X1", PL_POST="EF3 4GH"),
            episode(decom="15/08/2025", RNE="P", PL_POST="AB1 2CD"),
        ],
    )
    (child,) = plan.children
    assert [(p.start_date, p.end_date) for p in child.placements] == [(D(2025, 5, 1), None)]


def test_after_a_temporary_stay_a_different_place_is_a_move():
    plan = plan_of(
        [header()],
        [
            episode(DEC="01/08/2025", REC="X1", PL_POST="AB1 2CD"),
            episode(decom="01/08/2025", RNE="P", PLACE="T1", DEC="15/08/2025", REC="X1", PL_POST="EF3 4GH"),
            episode(decom="15/08/2025", RNE="P", PL_POST="JK5 6LM", REASON_PLACE_CHANGE="CARPL"),
        ],
    )
    (child,) = plan.children
    assert [(p.start_date, p.end_date) for p in child.placements] == [
        (D(2025, 5, 1), D(2025, 8, 15)),
        (D(2025, 8, 15), None),
    ]
