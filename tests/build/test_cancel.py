"""Cancellation: stop functions of the work in flight, called once the switch flips."""

from __future__ import annotations

from rpm_spec.build.cancel import Cancellation


def test_cancel_calls_the_stop_functions_in_flight_with_force() -> None:
    cancel = Cancellation()
    calls: list[tuple[str, bool]] = []
    with cancel.stops_with(lambda force: calls.append(("a", force))):
        assert cancel.busy and not cancel.requested
        cancel.cancel()
        cancel.cancel(force=True)
    assert calls == [("a", False), ("a", True)]
    assert cancel.requested and not cancel.busy
    cancel.cancel(force=True)  # nothing in flight any more
    assert len(calls) == 2


def test_work_started_after_the_cancel_is_stopped_at_once() -> None:
    cancel = Cancellation()
    cancel.cancel()
    calls: list[bool] = []
    with cancel.stops_with(calls.append):
        assert calls == [False]
    assert cancel.wait(0)


def test_a_failing_stop_function_does_not_spare_the_others() -> None:
    cancel = Cancellation()
    calls: list[bool] = []

    def broken(force: bool) -> None:
        raise ProcessLookupError

    with cancel.stops_with(broken), cancel.stops_with(calls.append), cancel.busy_while():
        cancel.cancel()
    assert calls == [False]
