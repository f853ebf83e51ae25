"""Undo/redo of pipeline edits, as snapshots of the pipeline's JSON form."""

from __future__ import annotations

import copy
from dataclasses import dataclass
from typing import Any


@dataclass
class _Entry:
    state: dict[str, Any]
    label: str
    merge_key: str | None


class History:
    """A linear undo stack of states; consecutive edits with one merge key are one step.

    Dragging a slider sends many edits with the same ``merge_key``: they undo together.
    """

    def __init__(self, initial: dict[str, Any], limit: int = 200) -> None:
        self._entries = [_Entry(copy.deepcopy(initial), "", None)]
        self._index = 0
        self._limit = limit

    @property
    def current(self) -> dict[str, Any]:
        return copy.deepcopy(self._entries[self._index].state)

    def push(self, state: dict[str, Any], label: str, merge_key: str | None = None) -> None:
        """Record a new state after an edit described by ``label``."""
        if state == self._entries[self._index].state:
            return
        del self._entries[self._index + 1 :]
        top = self._entries[self._index]
        if merge_key is not None and top.merge_key == merge_key and self._index > 0:
            top.state = copy.deepcopy(state)
            return
        self._entries.append(_Entry(copy.deepcopy(state), label, merge_key))
        if len(self._entries) > self._limit:
            del self._entries[0]
        self._index = len(self._entries) - 1

    def reset(self, state: dict[str, Any]) -> None:
        """Forget all history (a new document); ``state`` is the starting point."""
        self._entries = [_Entry(copy.deepcopy(state), "", None)]
        self._index = 0

    def seal(self) -> None:
        """End merging: the next edit starts a new undo step (e.g. on slider release)."""
        self._entries[self._index].merge_key = None

    @property
    def can_undo(self) -> bool:
        return self._index > 0

    @property
    def can_redo(self) -> bool:
        return self._index < len(self._entries) - 1

    @property
    def undo_label(self) -> str:
        return self._entries[self._index].label if self.can_undo else ""

    @property
    def redo_label(self) -> str:
        return self._entries[self._index + 1].label if self.can_redo else ""

    def undo(self) -> dict[str, Any]:
        if self.can_undo:
            self._entries[self._index].merge_key = None
            self._index -= 1
        return self.current

    def redo(self) -> dict[str, Any]:
        if self.can_redo:
            self._index += 1
        return self.current
