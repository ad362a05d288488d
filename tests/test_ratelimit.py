"""kpi.ratelimit: failed attempts at a secret, per session and per client address."""

from kpi.ratelimit import Attempts


def attempts() -> tuple[Attempts, list[float]]:
    now = [0.0]
    return Attempts(free=3, lockout_after=10, lockout_seconds=900, clock=lambda: now[0]), now


def test_three_free_mistakes_then_a_doubling_delay():
    a, now = attempts()
    for _ in range(3):
        assert a.wait("s") == (0.0, False)
        a.failed("s")
    assert a.wait("s") == (1.0, False)
    now[0] += 1
    a.failed("s")
    assert a.wait("s") == (2.0, False)
    now[0] += 2
    a.failed("s")
    assert a.wait("s") == (4.0, False)


def test_ten_failures_lock_out_and_a_served_lockout_starts_over():
    a, now = attempts()
    for _ in range(10):
        now[0] += 1000
        a.failed("s")
    assert a.wait("s") == (900.0, True)
    now[0] += 900
    assert a.wait("s") == (0.0, False)
    a.failed("s")
    assert a.wait("s") == (1.0, False)  # back to the first delay, not locked again at once


def test_a_client_address_is_slowed_down_across_its_sessions():
    a, _ = attempts()
    for session in ("s1", "s2", "s3", "s4"):
        a.failed(f"session:{session}", "address:10.0.0.5")
    assert a.wait("session:s5", "address:10.0.0.5")[0] > 0  # a fresh session from the same address waits
    assert a.wait("session:s6", "address:10.0.0.6") == (0.0, False)


def test_success_clears_the_record():
    a, _ = attempts()
    for _ in range(5):
        a.failed("s")
    a.succeeded("s")
    assert a.wait("s") == (0.0, False)
