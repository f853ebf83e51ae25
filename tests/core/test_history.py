"""Undo/redo of pipeline edits."""

from imgstudio.core.history import History


def state(n):
    return {"steps": [n]}


def test_undo_redo_and_branching():
    h = History(state(0))
    h.push(state(1), "one")
    h.push(state(2), "two")
    assert h.undo_label == "two" and h.undo() == state(1)
    assert h.undo() == state(0) and not h.can_undo
    assert h.redo() == state(1) and h.redo_label == "two"
    h.push(state(5), "five")  # a new edit drops the redo branch
    assert not h.can_redo and h.current == state(5)


def test_slider_drag_merges_into_one_step_until_sealed():
    h = History(state(0))
    for v in range(1, 6):
        h.push(state(v), "angle", merge_key="rotate.angle")
    assert h.current == state(5)
    assert h.undo() == state(0)
    h.redo()
    h.seal()
    h.push(state(6), "angle", merge_key="rotate.angle")
    assert h.undo() == state(5)


def test_identical_states_are_not_recorded_and_limit_holds():
    h = History(state(0), limit=3)
    h.push(state(0), "noop")
    assert not h.can_undo
    for v in range(1, 10):
        h.push(state(v), str(v))
    assert h.undo() == state(8) and h.undo() == state(7) and not h.can_undo


def test_returned_states_are_copies():
    h = History(state(0))
    s = h.current
    s["steps"].append(99)
    assert h.current == state(0)
