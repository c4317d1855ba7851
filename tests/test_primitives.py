"""The pure primitive state machines, operation by operation, against docs/semantics.md §0-§5, §11.

No scheduler here: each test builds a ``view`` (primitive id -> state), calls ``step`` as the
world would, and checks the complete list of outcomes - an empty list means the caller blocks.
"""
from mpsim.primitives import condition, event, semlock, shared
from mpsim.primitives.base import Err, Outcome

A, B, C = (1,), (2,), (3,)  # process idents
L, K, M = ("L",), ("K",), ("M",)  # primitive ids

TOO_MANY = "ValueError: semaphore or lock released too many times"
NOT_OWNER = "AssertionError: attempt to release recursive lock not owned by thread"


def sem(view, pid, method, args=(), phase=None, oid=L):
    return semlock.step(view, oid, pid, method, args, phase)


def acquire(state, pid, block=True, timeout=None):
    return sem({L: state}, pid, "acquire", (block, timeout))


def release(state, pid):
    return sem({L: state}, pid, "release")


def after(outcomes, oid=L):
    """The new state of ``oid`` in the only outcome."""
    (out,) = outcomes
    return dict(out.updates)[oid]


def returned(outcomes):
    (out,) = outcomes
    assert out.kind == "return", out
    return out.value


def raised(outcomes):
    (out,) = outcomes
    assert out.kind == "raise" and out.updates == (), out
    return str(out.value)


# -- Lock (§0, §1) ---------------------------------------------------------------------------------

def test_lock_acquire_free_takes_it():
    outs = acquire(semlock.new("Lock"), A)
    assert outs == [Outcome(((L, semlock.SemState("Lock", 0, 1, counts=((A, 1),))),), "return",
                            True, "acquired")]


def test_lock_second_acquire_by_the_same_process_blocks():
    held = after(acquire(semlock.new("Lock"), A))
    assert acquire(held, A) == []
    assert acquire(held, B) == []


def test_lock_acquire_with_timeout_may_return_false():
    held = after(acquire(semlock.new("Lock"), A))
    assert acquire(held, A, True, 0.2) == [Outcome((), "return", False, "times out", timed=True)]


def test_lock_nonblocking_acquire_returns_false_when_held_and_ignores_timeout():
    held = after(acquire(semlock.new("Lock"), A))
    assert acquire(held, B, False, None) == [Outcome((), "return", False, "busy")]
    assert acquire(held, B, False, 5) == [Outcome((), "return", False, "busy")]
    assert returned(acquire(semlock.new("Lock"), B, False, None)) is True


def test_lock_released_by_another_process():
    held = after(acquire(semlock.new("Lock"), A))
    freed = after(release(held, B))
    assert freed.value == 1
    assert dict(freed.counts) == {A: 1, B: -1}  # per-process counts, as CPython's may go negative
    assert returned(acquire(freed, C)) is True


def test_lock_release_unlocked_is_an_error():
    assert raised(release(semlock.new("Lock"), A)) == TOO_MANY
    s = after(release(after(acquire(semlock.new("Lock"), A)), A))
    assert raised(release(s, A)) == TOO_MANY


def test_lock_held_by_a_finished_process_stays_held():
    held = after(acquire(semlock.new("Lock"), A))
    # nothing in the state machine reacts to A's exit: the lock is simply still taken
    assert acquire(held, B) == []
    assert semlock.holders(held) == [A]


def test_released_lock_can_be_taken_by_anyone_including_the_releaser():
    held = after(acquire(semlock.new("Lock"), A))
    free = after(release(held, A))
    assert returned(acquire(free, A)) is True  # barging: the releaser may take it again
    assert returned(acquire(free, B)) is True


def test_lock_peek_for_repr():
    held = after(acquire(semlock.new("Lock"), A))
    assert returned(sem({L: held}, A, "peek")) == (True, 0, 1, 1)
    assert returned(sem({L: held}, B, "peek")) == (False, 0, 0, 1)


# -- RLock (§0, §2) --------------------------------------------------------------------------------

def test_rlock_is_reentrant():
    s = after(acquire(semlock.new("RLock"), A))
    s = after(acquire(s, A))
    assert (s.value, s.owner, s.depth) == (0, A, 2)
    assert returned(acquire(s, A, False)) is True
    assert acquire(s, B) == []
    assert returned(acquire(s, B, False)) is False


def test_rlock_release_counts_down_then_frees():
    s = after(acquire(after(acquire(semlock.new("RLock"), A)), A))
    s = after(release(s, A))
    assert (s.value, s.owner, s.depth) == (0, A, 1)
    s = after(release(s, A))
    assert (s.value, s.owner, s.depth) == (1, None, 0)
    assert returned(acquire(s, B)) is True


def test_rlock_release_by_non_owner_is_an_error():
    s = after(acquire(semlock.new("RLock"), A))
    assert raised(release(s, B)) == NOT_OWNER
    assert raised(release(semlock.new("RLock"), A)) == NOT_OWNER


def test_rlock_over_release_is_an_error():
    s = after(release(after(acquire(semlock.new("RLock"), A)), A))
    assert raised(release(s, A)) == NOT_OWNER


def test_rlock_is_mine_and_count():
    s = after(acquire(after(acquire(semlock.new("RLock"), A)), A))
    assert semlock.is_mine(s, A) and not semlock.is_mine(s, B)
    assert semlock.my_count(s, A) == 2 and semlock.my_count(s, B) == 0


# -- Semaphore / BoundedSemaphore (§0, §3) -----------------------------------------------------------

def test_semaphore_release_above_initial_value_succeeds():
    s = semlock.new("Semaphore", 2)
    assert s.maxvalue == semlock.SEM_VALUE_MAX == 2147483647
    s = after(release(s, A))
    assert s.value == 3
    assert returned(sem({L: s}, A, "get_value")) == 3


def test_semaphore_counts_down_and_blocks_at_zero():
    s = semlock.new("Semaphore", 2)
    s = after(acquire(s, A))
    s = after(acquire(s, B))
    assert s.value == 0
    assert acquire(s, C) == []
    assert returned(acquire(s, C, True, 0.1)) is False
    assert acquire(semlock.new("Semaphore", 0), A) == []


def test_bounded_semaphore_over_release_is_an_error():
    s = semlock.new("BoundedSemaphore", 2)
    assert s.maxvalue == 2
    assert raised(release(s, A)) == TOO_MANY
    s = after(acquire(s, A))
    s = after(release(s, B))  # any process may release it
    assert s.value == 2
    assert raised(release(s, A)) == TOO_MANY


# -- Condition (§4) --------------------------------------------------------------------------------

def cond_view(lock_state, waiters=()):
    return {K: condition.CondState(L, tuple(waiters)), L: lock_state}


def cstep(view, pid, method, args=(), phase=None):
    return condition.step(view, K, pid, method, args, phase)


def held_rlock(pid, depth=1):
    return semlock.SemState("RLock", 0, 1, owner=pid, depth=depth)


def test_wait_and_notify_without_the_lock():
    view = cond_view(semlock.new("RLock"))
    assert raised(cstep(view, A, "wait", (None,))) == \
        "AssertionError: must acquire() condition before using wait()"
    assert raised(cstep(view, A, "notify", (1,))) == "AssertionError: lock is not owned"
    assert raised(cstep(view, A, "notify_all", (None,))) == "AssertionError: lock is not owned"
    other = cond_view(held_rlock(B))
    assert raised(cstep(other, A, "notify", (1,))) == "AssertionError: lock is not owned"


def test_wait_releases_every_level_and_sleeps():
    view = cond_view(held_rlock(A, 2))
    (out,) = cstep(view, A, "wait", (None,))
    assert out.kind == "continue" and out.value == ("sleep", 2)
    new = dict(out.updates)
    assert new[K].waiters == ((A, 2, False),)
    assert (new[L].value, new[L].owner, new[L].depth) == (1, None, 0)


def test_unnotified_sleeper_blocks_unless_it_has_a_timeout():
    view = cond_view(semlock.new("RLock"), [(A, 2, False)])
    assert cstep(view, A, "wait", (None,), ("sleep", 2)) == []
    (out,) = cstep(view, A, "wait", (0.1,), ("sleep", 2))
    assert (out.kind, out.value, dict(out.updates)[K].waiters) == ("continue", ("reacquire", 2, False), ())


def test_notify_with_nobody_waiting_is_a_no_op():
    view = cond_view(held_rlock(A))
    assert cstep(view, A, "notify", (1,)) == [Outcome((), "return", None, "nobody is waiting")]
    assert cstep(view, A, "notify_all", (None,)) == [Outcome((), "return", None, "nobody is waiting")]


def test_notify_two_of_three_wakes_exactly_two_any_two():
    view = cond_view(held_rlock(A), [(B, 1, False), (C, 1, False), ((4,), 1, False)])
    outs = cstep(view, A, "notify", (2,))
    assert all(o.kind == "continue" for o in outs)
    chosen = {o.value for o in outs}
    assert chosen == {frozenset({B, C}), frozenset({B, (4,)}), frozenset({C, (4,)})}
    for o in outs:
        waiters = dict(o.updates)[K].waiters
        assert {p for p, _, n in waiters if n} == o.value


def test_notify_all_wakes_every_sleeper_once():
    view = cond_view(held_rlock(A), [(B, 1, False), (C, 3, False)])
    (out,) = cstep(view, A, "notify_all", (None,))
    assert out.value == frozenset({B, C})
    assert dict(out.updates)[K].waiters == ((B, 1, True), (C, 3, True))


def test_notify_waits_until_the_woken_have_woken():
    view = cond_view(held_rlock(A), [(B, 1, True)])
    assert cstep(view, A, "notify", (1,), frozenset({B})) == []
    view = cond_view(held_rlock(A), [])
    assert returned(cstep(view, A, "notify", (1,), frozenset({B}))) is None


def test_already_notified_sleepers_are_not_notified_again():
    view = cond_view(held_rlock(A), [(B, 1, True), (C, 1, False)])
    (out,) = cstep(view, A, "notify", (2,))
    assert out.value == frozenset({C})


def test_notified_sleeper_wakes_and_a_timeout_can_absorb_the_notify():
    view = cond_view(held_rlock(A), [(B, 1, True)])
    (out,) = cstep(view, B, "wait", (None,), ("sleep", 1))
    assert out.value == ("reacquire", 1, True)
    outs = cstep(view, B, "wait", (0.5,), ("sleep", 1))
    assert [o.value for o in outs] == [("reacquire", 1, True), ("reacquire", 1, False)]


def test_woken_waiter_must_reacquire_the_lock_to_its_depth():
    view = cond_view(held_rlock(A))
    assert cstep(view, B, "wait", (None,), ("reacquire", 2, True)) == []
    view = cond_view(semlock.new("RLock"))
    (out,) = cstep(view, B, "wait", (None,), ("reacquire", 2, True))
    assert (out.kind, out.value) == ("return", True)
    lock = dict(out.updates)[L]
    assert (lock.value, lock.owner, lock.depth) == (0, B, 2)


def test_condition_over_a_plain_lock():
    lock = after(acquire(semlock.new("Lock"), A))
    view = cond_view(lock)
    (out,) = cstep(view, A, "wait", (None,))
    assert dict(out.updates)[L].value == 1 and out.value == ("sleep", 1)
    # a process that released someone else's Lock does not own it
    assert raised(cstep(view, B, "notify", (1,))) == "AssertionError: lock is not owned"


# -- Event (§5) -----------------------------------------------------------------------------------

def estep(state, pid, method, args=(), phase=None):
    return event.step({M: state}, M, pid, method, args, phase)


def test_event_set_clear_and_wait_on_a_set_event():
    e = event.new()
    assert returned(estep(e, A, "is_set")) is False
    e = after(estep(e, A, "set"), M)
    assert e.flag and returned(estep(e, A, "is_set")) is True
    e = after(estep(e, A, "set"), M)  # twice is fine
    assert returned(estep(e, B, "wait", (None,))) is True
    e = after(estep(e, A, "clear"), M)
    assert not e.flag


def test_event_wait_unset_sleeps_and_times_out():
    e = event.new()
    (out,) = estep(e, A, "wait", (None,))
    assert (out.kind, out.value) == ("continue", "sleep")
    e = dict(out.updates)[M]
    assert estep(e, A, "wait", (None,), "sleep") == []
    (out,) = estep(e, A, "wait", (0.1,), "sleep")
    assert out.value == "reread"
    assert returned(estep(dict(out.updates)[M], A, "wait", (0.1,), "reread")) is False


def test_event_set_wakes_all_waiters_and_holds_the_internal_lock():
    e = event.EventState(False, ((A, False), (B, False)))
    (out,) = estep(e, C, "set")
    assert out.kind == "continue" and out.value == frozenset({A, B})
    e = dict(out.updates)[M]
    assert e.flag and e.waiters == ((A, True), (B, True)) and e.busy == C
    # while set() waits for the woken, every other operation waits for the internal lock
    assert estep(e, (4,), "clear") == [] and estep(e, (4,), "is_set") == []
    assert estep(e, C, "set", (), frozenset({A, B})) == []
    (woke,) = estep(e, A, "wait", (None,), "sleep")
    assert woke.value == "reread"
    assert estep(e, A, "wait", (None,), "reread") == []  # re-reading needs the internal lock


def test_event_wait_rereads_the_flag_and_a_clear_can_win():
    e = event.EventState(True, ((A, True),), C)
    (out,) = estep(e, A, "wait", (None,), "sleep")
    e = dict(out.updates)[M]
    e = after(estep(e, C, "set", (), frozenset({A})), M)
    assert e.busy is None
    e = after(estep(e, C, "clear"), M)
    assert returned(estep(e, A, "wait", (None,), "reread")) is False


# -- Value / Array memory (§11) ---------------------------------------------------------------------

def mstep(view, pid, method, args):
    return shared.step(view, M, pid, method, args, None)


def test_shared_read_and_write():
    view = {M: shared.new([0, 0, 0])}
    assert returned(mstep(view, A, "get", (1, None))) == 0
    s = after(mstep(view, A, "set", (1, 5, None)), M)
    assert s.cells == (0, 5, 0)
    assert returned(mstep({M: s}, A, "get", ((0, 3, 1), None))) == (0, 5, 0)  # hashable
    s = after(mstep({M: s}, A, "set", ((0, 2, 1), [7, 8], None)), M)
    assert s.cells == (7, 8, 0)


def test_synchronized_access_needs_the_lock_free_or_own_rlock():
    mem = shared.new([0])
    own_rlock = held_rlock(A)
    assert returned(mstep({M: mem, L: own_rlock}, A, "get", (0, L))) == 0
    assert mstep({M: mem, L: own_rlock}, B, "get", (0, L)) == []
    own_lock = after(acquire(semlock.new("Lock"), A))
    assert mstep({M: mem, L: own_lock}, A, "set", (0, 1, L)) == []  # self-deadlock
    assert returned(mstep({M: mem, L: semlock.new("Lock")}, A, "get", (0, L))) == 0


def test_err_prints_like_cpython():
    assert str(Err("threading.BrokenBarrierError")) == "threading.BrokenBarrierError"
    assert str(Err("ValueError", "x")) == "ValueError: x"
