import datetime

from steadfast.signals.rules import (
    DEFAULT_SETTINGS,
    RULE_NAMES,
    RULES,
    Attendance,
    CarerLog,
    ChildSituation,
    Deadline,
    Event,
    Evidence,
    Placement,
    PlacementHistory,
    SignalSettings,
    Snapshot,
    StabilityAction,
    StabilityConcern,
    StabilityMeeting,
    StabilityScale,
    SupportRequest,
    actions_drifting,
    allegation,
    carer_may_not_go_on,
    logs_unreviewed,
    missing_episodes,
    moves_in_year,
    no_meeting_since_concern,
    quieted,
    replay,
    request_unanswered,
    school,
    signals_for,
    stability_scale,
    supervision_overdue,
    tone_rising,
    visit_overdue,
)

TODAY = datetime.date(2026, 11, 30)


def day(month: int, d: int, year: int = 2026) -> datetime.date:
    return datetime.date(year, month, d)


def ago(days: int) -> datetime.date:
    return TODAY - datetime.timedelta(days=days)


YESTERDAY = ago(1)


def ref(kind: str, id: int) -> Evidence:
    return Evidence(kind, id)


def event(on: datetime.date, id: int, kind: str = "carer_log") -> Event:
    return Event(on=on, evidence=ref(kind, id))


# --- Moves ---------------------------------------------------------------------------------------


def placements(*starts: datetime.date) -> ChildSituation:
    return ChildSituation(
        placements=tuple(
            Placement(started_on=s, evidence=ref("placement", i)) for i, s in enumerate(starts, 1)
        )
    )


def test_a_second_placement_beginning_within_12_months_is_a_second_move():
    signal = moves_in_year(placements(day(3, 3), day(7, 14)), DEFAULT_SETTINGS, TODAY)
    assert signal.rule == "moves_in_year"
    assert signal.why == "Second move in 12 months: placements began on 3 March 2026 and 14 July 2026."
    assert signal.evidence == (ref("placement", 1), ref("placement", 2))
    assert signal.since == day(7, 14)


def test_a_third_move_is_named_as_the_third():
    signal = moves_in_year(placements(day(1, 5), day(3, 3), day(7, 14)), DEFAULT_SETTINGS, TODAY)
    assert signal.why.startswith(
        "Third move in 12 months: placements began on 5 January 2026, 3 March 2026 and"
    )


def test_a_placement_that_began_a_year_ago_today_counts_but_one_a_day_earlier_does_not():
    assert moves_in_year(placements(day(11, 30, 2025), day(7, 14)), DEFAULT_SETTINGS, TODAY)
    assert moves_in_year(placements(day(11, 29, 2025), day(7, 14)), DEFAULT_SETTINGS, TODAY) is None


def test_the_count_of_moves_is_named_in_words_up_to_ten():
    starts = [day(1, 1) + datetime.timedelta(days=20 * n) for n in range(11)]
    assert moves_in_year(placements(*starts[:10]), DEFAULT_SETTINGS, TODAY).why.startswith("Tenth move")
    assert moves_in_year(placements(*starts), DEFAULT_SETTINGS, TODAY).why.startswith("11 moves in 12 months")


def test_one_placement_in_the_year_is_no_signal_and_the_threshold_can_be_raised():
    assert moves_in_year(placements(day(7, 14)), DEFAULT_SETTINGS, TODAY) is None
    three = SignalSettings(moves_in_year=3)
    assert moves_in_year(placements(day(3, 3), day(7, 14)), three, TODAY) is None


# --- Stability scale -----------------------------------------------------------------------------


def scales(*scores: tuple[datetime.date, int]) -> ChildSituation:
    return ChildSituation(
        stability_scales=tuple(
            StabilityScale(on=on, score=score, evidence=ref("stability_scale", i))
            for i, (on, score) in enumerate(scores, 1)
        )
    )


def test_a_scale_of_four_fires_and_a_scale_of_five_does_not():
    signal = stability_scale(scales((day(11, 2), 4)), DEFAULT_SETTINGS, TODAY)
    assert signal.why == "The placement stability scale was 4 on 2 November 2026, at or below 4."
    assert signal.since == day(11, 2)
    assert stability_scale(scales((day(11, 2), 5)), DEFAULT_SETTINGS, TODAY) is None


def test_a_fall_of_three_fires_and_a_fall_of_two_does_not():
    signal = stability_scale(scales((day(10, 1), 9), (day(11, 2), 6)), DEFAULT_SETTINGS, TODAY)
    assert signal.why == (
        "The placement stability scale fell from 9 on 1 October 2026 to 6 on 2 November 2026, a fall of 3."
    )
    assert signal.evidence == (ref("stability_scale", 1), ref("stability_scale", 2))
    assert stability_scale(scales((day(10, 1), 8), (day(11, 2), 6)), DEFAULT_SETTINGS, TODAY) is None


def test_a_low_scale_that_also_fell_says_both():
    signal = stability_scale(scales((day(10, 1), 8), (day(11, 2), 3)), DEFAULT_SETTINGS, TODAY)
    assert signal.why == (
        "The placement stability scale was 3 on 2 November 2026, at or below 4. "
        "It fell from 8 on 1 October 2026 to 3 on 2 November 2026, a fall of 5."
    )


def test_only_the_latest_scale_counts_so_a_recovered_scale_is_quiet():
    assert stability_scale(scales((day(9, 1), 2), (day(10, 1), 7)), DEFAULT_SETTINGS, TODAY) is None


def test_the_scale_thresholds_can_be_set():
    assert stability_scale(scales((day(11, 2), 5)), SignalSettings(low_scale=5), TODAY)


# --- Missing episodes ------------------------------------------------------------------------------


def test_two_missing_episodes_within_90_days_fire_with_their_dates():
    situation = ChildSituation(missing_episodes=(event(ago(90), 1), event(ago(3), 2)))
    signal = missing_episodes(situation, DEFAULT_SETTINGS, TODAY)
    assert signal.why == "2 missing episodes in the last 90 days: 1 September 2026 and 27 November 2026."
    assert signal.since == ago(3)


def test_a_missing_episode_91_days_ago_is_outside_the_window():
    situation = ChildSituation(missing_episodes=(event(ago(91), 1), event(ago(3), 2)))
    assert missing_episodes(situation, DEFAULT_SETTINGS, TODAY) is None


def test_an_episode_after_today_is_not_yet_known():
    situation = ChildSituation(
        missing_episodes=(event(ago(10), 1), event(TODAY + datetime.timedelta(days=1), 2))
    )
    assert missing_episodes(situation, DEFAULT_SETTINGS, TODAY) is None


# --- School ----------------------------------------------------------------------------------------


def test_an_exclusion_in_the_last_90_days_fires():
    signal = school(
        ChildSituation(exclusions=(event(day(11, 10), 7, "stability_concern"),)), DEFAULT_SETTINGS, TODAY
    )
    assert signal.why == "Excluded from school on 10 November 2026."
    assert signal.evidence == (ref("stability_concern", 7),)


def test_attendance_at_90_percent_fires_and_above_it_does_not():
    def attending(percent: float) -> ChildSituation:
        return ChildSituation(
            attendance=(
                Attendance(period_ending=day(10, 31), percent=percent, evidence=ref("attendance", 1)),
            )
        )

    signal = school(attending(90), DEFAULT_SETTINGS, TODAY)
    assert signal.why == "School attendance was 90% in the period to 31 October 2026, at or below 90%."
    assert school(attending(90.5), DEFAULT_SETTINGS, TODAY) is None


def test_a_fall_of_five_points_in_attendance_fires_and_of_four_does_not():
    def figures(before: float, after: float) -> ChildSituation:
        return ChildSituation(
            attendance=(
                Attendance(period_ending=day(9, 30), percent=before, evidence=ref("attendance", 1)),
                Attendance(period_ending=day(10, 31), percent=after, evidence=ref("attendance", 2)),
            )
        )

    signal = school(figures(99, 94), DEFAULT_SETTINGS, TODAY)
    assert signal.why == "Attendance fell from 99% in the period to 30 September 2026 to 94%."
    assert signal.since == day(10, 31)
    assert school(figures(99, 95), DEFAULT_SETTINGS, TODAY) is None


# --- Allegation and a carer who may not go on ----------------------------------------------------


def test_an_allegation_in_the_last_90_days_fires_and_an_older_one_does_not():
    signal = allegation(ChildSituation(allegations=(event(day(11, 20), 4),)), DEFAULT_SETTINGS, TODAY)
    assert signal.why == "1 allegation in the last 90 days: 20 November 2026."
    assert allegation(ChildSituation(allegations=(event(ago(91), 4),)), DEFAULT_SETTINGS, TODAY) is None


def test_a_carer_saying_they_may_not_go_on_fires():
    situation = ChildSituation(carer_may_not_go_on=(event(day(11, 2), 3, "stability_concern"),))
    signal = carer_may_not_go_on(situation, DEFAULT_SETTINGS, TODAY)
    assert signal.why == "On 2 November 2026 the carer said they may not be able to go on."
    assert signal.evidence == (ref("stability_concern", 3),)


# --- Requests for help -----------------------------------------------------------------------------


def request(**kwargs) -> ChildSituation:
    values = {
        "asked_on": day(11, 23),
        "acknowledgement_due": day(11, 24),
        "response_due": day(11, 27),
        "evidence": ref("support_request", 5),
    }
    return ChildSituation(support_requests=(SupportRequest(**(values | kwargs)),))


def test_a_request_not_acknowledged_by_its_due_day_fires_from_the_day_after():
    signal = request_unanswered(request(), DEFAULT_SETTINGS, TODAY)
    assert (
        signal.why == "The request for help made on 23 November 2026 is late. "
        "It was not acknowledged by 24 November 2026."
    )
    assert signal.since == day(11, 25)


def test_a_request_is_on_time_all_of_its_due_day():
    assert request_unanswered(request(), DEFAULT_SETTINGS, day(11, 24)) is None


def test_an_acknowledged_request_fires_once_its_answer_is_late():
    situation = request(acknowledged_at=day(11, 23))
    assert request_unanswered(situation, DEFAULT_SETTINGS, day(11, 27)) is None
    signal = request_unanswered(situation, DEFAULT_SETTINGS, day(11, 28))
    assert signal.why.endswith("It was not answered by 27 November 2026.")
    assert signal.since == day(11, 28)


def test_an_answered_or_closed_request_is_quiet_but_an_answer_after_today_is_not_yet_given():
    assert request_unanswered(request(responded_at=day(11, 25)), DEFAULT_SETTINGS, TODAY) is None
    assert request_unanswered(request(closed_at=day(11, 25)), DEFAULT_SETTINGS, TODAY) is None
    assert request_unanswered(request(responded_at=day(12, 5)), DEFAULT_SETTINGS, TODAY)


# --- Carer logs ------------------------------------------------------------------------------------


def logs(*items: CarerLog) -> ChildSituation:
    return ChildSituation(carer_logs=items)


def test_a_log_unreviewed_eight_days_after_it_was_written_fires_and_at_seven_days_does_not():
    signal = logs_unreviewed(
        logs(CarerLog(written_on=ago(8), evidence=ref("carer_log", 1))), DEFAULT_SETTINGS, TODAY
    )
    assert (
        signal.why
        == "1 carer log is unreviewed more than 7 days after being written, the oldest from 22 November 2026."
    )
    assert signal.since == TODAY
    assert (
        logs_unreviewed(
            logs(CarerLog(written_on=ago(7), evidence=ref("carer_log", 1))), DEFAULT_SETTINGS, TODAY
        )
        is None
    )


def test_a_reviewed_log_is_quiet_unless_the_review_came_after_today():
    reviewed = CarerLog(written_on=ago(20), evidence=ref("carer_log", 1), reviewed_on=ago(2))
    assert logs_unreviewed(logs(reviewed), DEFAULT_SETTINGS, TODAY) is None
    assert logs_unreviewed(logs(reviewed), DEFAULT_SETTINGS, ago(5))


def cued(on: datetime.date, id: int) -> CarerLog:
    return CarerLog(written_on=on, evidence=ref("carer_log", id), reviewed_on=on, tone_cues=1)


def test_tone_cues_rising_from_one_to_two_logs_fires():
    situation = logs(
        cued(ago(40), 1),
        cued(ago(27), 2),
        cued(ago(1), 3),
        CarerLog(written_on=ago(2), evidence=ref("carer_log", 4)),
    )
    signal = tone_rising(situation, DEFAULT_SETTINGS, TODAY)
    assert (
        signal.why == "Carer logs with tone cues rose from 1 in the 4 weeks before to 2 in the last 4 weeks "
        "(since 3 November 2026)."
    )
    assert signal.evidence == (ref("carer_log", 2), ref("carer_log", 3))
    assert signal.since == ago(1)


def test_tone_cues_holding_steady_or_in_one_log_only_do_not_fire():
    steady = logs(cued(ago(40), 1), cued(ago(30), 2), cued(ago(27), 3), cued(ago(1), 4))
    assert tone_rising(steady, DEFAULT_SETTINGS, TODAY) is None
    one = logs(cued(ago(1), 1))
    assert tone_rising(one, DEFAULT_SETTINGS, TODAY) is None


def test_a_log_28_days_ago_belongs_to_the_earlier_four_weeks():
    situation = logs(cued(ago(28), 1), cued(ago(3), 2), cued(ago(1), 3))
    assert tone_rising(situation, DEFAULT_SETTINGS, TODAY).why.startswith(
        "Carer logs with tone cues rose from 1 "
    )


# --- Visits and supervision ------------------------------------------------------------------------


def test_a_visit_due_yesterday_is_overdue_and_one_due_today_is_not():
    signal = visit_overdue(
        ChildSituation(visit_due=Deadline(due=ago(1), evidence=ref("statutory_visit", 9))),
        DEFAULT_SETTINGS,
        TODAY,
    )
    assert signal.why == "The child's statutory visit was due by 29 November 2026 and is 1 day overdue."
    assert signal.since == TODAY
    assert signal.evidence == (ref("statutory_visit", 9),)
    assert (
        visit_overdue(
            ChildSituation(visit_due=Deadline(due=TODAY, evidence=ref("statutory_visit", 9))),
            DEFAULT_SETTINGS,
            TODAY,
        )
        is None
    )


def test_supervision_overdue_honours_a_grace_period():
    situation = ChildSituation(supervision_due=Deadline(due=ago(10), evidence=ref("supervision_session", 2)))
    signal = supervision_overdue(situation, DEFAULT_SETTINGS, TODAY)
    assert signal.why == "The carers' supervision was due by 20 November 2026 and is 10 days overdue."
    assert supervision_overdue(situation, SignalSettings(supervision_grace_days=10), TODAY) is None
    assert supervision_overdue(situation, SignalSettings(supervision_grace_days=9), TODAY).since == TODAY


# --- Stability Actions -----------------------------------------------------------------------------


def action(
    status: str = "agreed", due: datetime.date = YESTERDAY, updated: datetime.date | None = None
) -> ChildSituation:
    return ChildSituation(
        stability_actions=(
            StabilityAction(
                due_date=due, status=status, evidence=ref("stability_action", 1), updated_on=updated
            ),
        )
    )


def test_an_agreed_action_past_its_date_without_an_update_is_drifting():
    signal = actions_drifting(action(), DEFAULT_SETTINGS, TODAY)
    assert (
        signal.why == "1 Stability Action is past the date agreed with no update since: due 29 November 2026."
    )
    assert signal.since == TODAY
    assert actions_drifting(action(status="partly_done", updated=ago(10)), DEFAULT_SETTINGS, TODAY)


def test_an_action_due_today_done_or_updated_since_its_date_is_not_drifting():
    assert actions_drifting(action(due=TODAY), DEFAULT_SETTINGS, TODAY) is None
    assert actions_drifting(action(status="done"), DEFAULT_SETTINGS, TODAY) is None
    assert actions_drifting(action(status="proposed"), DEFAULT_SETTINGS, TODAY) is None
    assert actions_drifting(action(updated=TODAY), DEFAULT_SETTINGS, TODAY) is None


# --- Concerns and meetings -------------------------------------------------------------------------


def concern(
    meetings: tuple[StabilityMeeting, ...] = (), other_response_agreed: bool = False
) -> ChildSituation:
    return ChildSituation(
        concerns=(
            StabilityConcern(
                raised_on=day(11, 16),
                response_due=day(11, 23),
                evidence=ref("stability_concern", 3),
                other_response_agreed=other_response_agreed,
            ),
        ),
        meetings=meetings,
    )


def test_a_concern_past_its_response_date_with_no_meeting_since_fires():
    signal = no_meeting_since_concern(concern(), DEFAULT_SETTINGS, TODAY)
    assert signal.why == (
        "A stability concern raised on 16 November 2026 was due a response by 23 November 2026, "
        "and no stability meeting has been held or arranged since."
    )
    assert signal.since == day(11, 24)
    assert no_meeting_since_concern(concern(), DEFAULT_SETTINGS, day(11, 23)) is None


def test_a_meeting_arranged_since_the_concern_or_another_response_quiets_it_but_an_earlier_meeting_does_not():
    arranged = (StabilityMeeting(on=day(12, 10), evidence=ref("stability_meeting", 1)),)
    assert no_meeting_since_concern(concern(arranged), DEFAULT_SETTINGS, TODAY) is None
    assert no_meeting_since_concern(concern(other_response_agreed=True), DEFAULT_SETTINGS, TODAY) is None
    earlier = (StabilityMeeting(on=day(10, 1), evidence=ref("stability_meeting", 1)),)
    assert no_meeting_since_concern(concern(earlier), DEFAULT_SETTINGS, TODAY)


# --- All rules, and quieting -----------------------------------------------------------------------


def test_every_rule_is_keyed_by_its_own_name_and_a_quiet_situation_has_no_signals():
    assert signals_for(ChildSituation(), DEFAULT_SETTINGS, TODAY) == []
    busy = ChildSituation(
        allegations=(event(ago(1), 1),),
        carer_may_not_go_on=(event(ago(1), 2),),
        visit_due=Deadline(due=ago(1), evidence=ref("statutory_visit", 1)),
    )
    assert [s.rule for s in signals_for(busy, DEFAULT_SETTINGS, TODAY)] == [
        "allegation",
        "carer_may_not_go_on",
        "visit_overdue",
    ]
    assert len({rule.__name__ for rule in RULES}) == len(RULES) == 13


def test_each_rule_has_one_name_listed_in_the_order_the_rules_run():
    assert list(RULE_NAMES) == [rule.__name__ for rule in RULES]
    signal = allegation(ChildSituation(allegations=(event(ago(1), 1),)), DEFAULT_SETTINGS, TODAY)
    assert signal.name == RULE_NAMES["allegation"] == "Allegation"


def test_a_rule_switched_off_never_fires():
    busy = ChildSituation(allegations=(event(ago(1), 1),), carer_may_not_go_on=(event(ago(1), 2),))
    settings = SignalSettings(switched_off=frozenset({"allegation"}))
    assert [s.rule for s in signals_for(busy, settings, TODAY)] == ["carer_may_not_go_on"]


def test_a_considered_signal_stays_quiet_until_newer_evidence_appears():
    situation = ChildSituation(missing_episodes=(event(day(11, 1), 1), event(day(11, 8), 2)))
    signal = missing_episodes(situation, DEFAULT_SETTINGS, TODAY)
    assert not quieted(signal, None)
    assert quieted(signal, day(11, 8))
    assert quieted(signal, day(11, 20))
    assert not quieted(signal, day(11, 7))

    again = ChildSituation(missing_episodes=(*situation.missing_episodes, event(day(11, 25), 3)))
    assert not quieted(missing_episodes(again, DEFAULT_SETTINGS, TODAY), day(11, 20))


def test_an_overdue_visit_considered_stays_quiet_while_the_same_visit_stays_overdue():
    situation = ChildSituation(visit_due=Deadline(due=day(11, 10), evidence=ref("statutory_visit", 1)))
    assert quieted(visit_overdue(situation, DEFAULT_SETTINGS, TODAY), day(11, 15))
    later = ChildSituation(visit_due=Deadline(due=day(11, 20), evidence=ref("statutory_visit", 2)))
    assert not quieted(visit_overdue(later, DEFAULT_SETTINGS, TODAY), day(11, 15))


# --- Replay ----------------------------------------------------------------------------------------

START = day(1, 5)  # a Monday


def weekly(weeks: int, situation_on) -> tuple[Snapshot, ...]:
    """A snapshot each Monday from START for `weeks` weeks, its situation from `situation_on`."""
    days = [START + datetime.timedelta(weeks=n) for n in range(weeks)]
    return tuple(Snapshot(on=d, situation=situation_on(d)) for d in days)


QUIET = ChildSituation()


def allegation_from(when: datetime.date):
    """Nothing until `when`, then an allegation on that day."""
    return lambda d: QUIET if d < when else ChildSituation(allegations=(event(when, 1),))


def test_replay_counts_signalled_unplanned_endings_the_weeks_before_and_signals_on_homes_that_held():
    histories = [
        # Ends unplanned on 6 April; an allegation on 2 March is seen that Monday: 5 weeks before.
        PlacementHistory(
            placement=ref("placement", 1),
            started_on=START,
            snapshots=weekly(20, allegation_from(day(3, 2))),
            ended_on=day(4, 6),
            ending_planned=False,
        ),
        # Ends unplanned on 9 February; missing twice, seen on 12 January: 4 weeks before.
        PlacementHistory(
            placement=ref("placement", 2),
            started_on=START,
            snapshots=weekly(
                20,
                lambda d: (
                    ChildSituation(missing_episodes=(event(day(1, 6), 1), event(day(1, 9), 2)))
                    if d >= day(1, 12)
                    else QUIET
                ),
            ),
            ended_on=day(2, 9),
            ending_planned=False,
        ),
        # Ends unplanned with no warning: a signal on the day it ended does not count.
        PlacementHistory(
            placement=ref("placement", 3),
            started_on=START,
            snapshots=weekly(20, allegation_from(day(3, 2))),
            ended_on=day(3, 2),
            ending_planned=False,
        ),
        # Holds, with one allegation and later a visit overdue: two rules fired.
        PlacementHistory(
            placement=ref("placement", 4),
            started_on=START,
            snapshots=weekly(
                20,
                lambda d: ChildSituation(
                    allegations=(event(day(2, 2), 1),),
                    visit_due=Deadline(due=day(3, 1), evidence=ref("statutory_visit", 1)),
                ),
            ),
        ),
        # Ended as planned, never signalled.
        PlacementHistory(
            placement=ref("placement", 5),
            started_on=START,
            snapshots=weekly(20, lambda d: QUIET),
            ended_on=day(5, 1),
            ending_planned=True,
        ),
        # Ended with no record of whether it was planned.
        PlacementHistory(
            placement=ref("placement", 6),
            started_on=START,
            snapshots=weekly(4, lambda d: QUIET),
            ended_on=day(2, 1),
        ),
    ]
    result = replay(histories, DEFAULT_SETTINGS)
    assert result.ended_unplanned == 3
    assert result.ended_unplanned_signalled == 2
    assert result.weeks_before_ending == (4, 5)
    assert result.median_weeks_before_ending == 4.5
    assert result.distribution() == [
        ("0 to 3 weeks", 0),
        ("4 to 7 weeks", 2),
        ("8 to 12 weeks", 0),
        ("13 to 25 weeks", 0),
        ("26 weeks or more", 0),
    ]
    assert result.held == 2
    assert result.held_signalled == 1
    assert result.signals_on_held == 2
    assert result.ending_unknown == 1
    by_rule = {r.rule: r for r in result.by_rule}
    assert (by_rule["allegation"].unplanned_endings_signalled, by_rule["allegation"].held_signalled) == (1, 1)
    assert (
        by_rule["missing_episodes"].unplanned_endings_signalled,
        by_rule["missing_episodes"].held_signalled,
    ) == (1, 0)
    assert by_rule["visit_overdue"].held_signalled == 1


def test_replay_of_nothing_has_no_median():
    result = replay([], DEFAULT_SETTINGS)
    assert result.median_weeks_before_ending is None
    assert result.ended_unplanned == result.held == 0


def test_replay_honours_the_settings():
    history = PlacementHistory(
        placement=ref("placement", 1),
        started_on=START,
        snapshots=weekly(
            10,
            lambda d: ChildSituation(
                stability_scales=(StabilityScale(on=START, score=5, evidence=ref("stability_scale", 1)),)
            ),
        ),
        ended_on=day(3, 2),
        ending_planned=False,
    )
    assert replay([history], DEFAULT_SETTINGS).ended_unplanned_signalled == 0
    five = replay([history], SignalSettings(low_scale=5))
    assert five.ended_unplanned_signalled == 1
    assert five.weeks_before_ending == (8,)
    off = replay([history], SignalSettings(low_scale=5, switched_off=frozenset({"stability_scale"})))
    assert off.ended_unplanned_signalled == 0
    assert "stability_scale" not in {r.rule for r in off.by_rule}


def test_replay_ignores_snapshots_before_the_placement_began():
    history = PlacementHistory(
        placement=ref("placement", 1),
        started_on=day(2, 2),
        snapshots=(Snapshot(on=day(1, 26), situation=ChildSituation(allegations=(event(day(1, 20), 1),))),),
        ended_on=day(3, 2),
        ending_planned=False,
    )
    assert replay([history], DEFAULT_SETTINGS).ended_unplanned_signalled == 0


def test_replay_within_a_window_looks_only_at_the_weeks_before_the_ending_or_the_last_snapshot():
    allegation_early = allegation_from(day(1, 5))
    ended = PlacementHistory(
        placement=ref("placement", 1),
        started_on=START,
        # The allegation on 5 January is seen until 5 April (90 days); the home ends on 1 June.
        snapshots=weekly(30, allegation_early),
        ended_on=day(6, 1),
        ending_planned=False,
    )
    held = PlacementHistory(
        placement=ref("placement", 2), started_on=START, snapshots=weekly(30, allegation_early)
    )
    whole = replay([ended, held], DEFAULT_SETTINGS)
    assert (whole.ended_unplanned_signalled, whole.weeks_before_ending, whole.held_signalled) == (1, (21,), 1)
    # 8 weeks before 1 June is 6 April, the day after the allegation falls out of the last 90 days.
    eight = replay([ended, held], DEFAULT_SETTINGS, window_weeks=8)
    assert (eight.ended_unplanned_signalled, eight.held_signalled) == (0, 0)
    # 9 weeks before 1 June is 30 March: that Monday's snapshot still sees it.
    nine = replay([ended, held], DEFAULT_SETTINGS, window_weeks=9)
    assert (nine.ended_unplanned_signalled, nine.weeks_before_ending) == (1, (9,))
