"""SIGINT and SIGTERM as exceptions: the first one raises, later ones wait their turn."""

from __future__ import annotations

import os
import signal

import pytest

from rpm_spec.util.signals import (
    Terminated,
    first_stop_signal_raises,
    signal_name,
    signals_deferred,
)


def test_sigterm_raises_terminated_and_the_handlers_come_back() -> None:
    before = signal.getsignal(signal.SIGTERM)
    with pytest.raises(Terminated) as caught, first_stop_signal_raises():
        os.kill(os.getpid(), signal.SIGTERM)
    assert signal_name(caught.value) == "SIGTERM"
    assert signal.getsignal(signal.SIGTERM) is before


def test_only_the_first_of_several_signals_raises() -> None:
    cleaned_up = False
    with pytest.raises(KeyboardInterrupt) as caught, first_stop_signal_raises():
        try:
            # Both arrive before Python runs a handler: SIGINT raises, SIGTERM is ignored
            # rather than raised in the middle of the cleanup below.
            signal.pthread_sigmask(signal.SIG_BLOCK, [signal.SIGINT, signal.SIGTERM])
            os.kill(os.getpid(), signal.SIGTERM)
            os.kill(os.getpid(), signal.SIGINT)
            signal.pthread_sigmask(signal.SIG_UNBLOCK, [signal.SIGINT, signal.SIGTERM])
        finally:
            os.kill(os.getpid(), signal.SIGINT)  # a second Ctrl-C during the cleanup
            cleaned_up = True
    assert cleaned_up
    assert signal_name(caught.value) == "SIGINT"


def test_signals_deferred_records_instead_of_raising() -> None:
    with signals_deferred() as received:
        os.kill(os.getpid(), signal.SIGINT)
        os.kill(os.getpid(), signal.SIGTERM)
    assert sorted(received) == [signal.SIGINT, signal.SIGTERM]


def test_signal_name_of_other_exceptions_is_none() -> None:
    assert signal_name(ValueError("x")) is None
    assert signal_name(KeyboardInterrupt()) == "SIGINT"
