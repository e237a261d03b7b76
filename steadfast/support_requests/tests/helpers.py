from steadfast.support_requests import services


def a_request(scenario, *, actor="foster_carer", child="own", kind="respite", urgency="urgent", **extra):
    return services.ask_for_help(
        actor=scenario.users[actor],
        household=extra.pop("household", scenario.households["own"]),
        child=scenario.children[child] if child else None,
        kind=kind,
        urgency=urgency,
        what_is_needed=extra.pop("what_is_needed", "A weekend's respite; nights are very hard (test)."),
    )
