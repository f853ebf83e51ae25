"""QSettings as the storage backend of the core's typed Settings."""

from __future__ import annotations

import json
from typing import Any

from PySide6.QtCore import QSettings


class QSettingsBackend:
    """Stores each setting as JSON text, so lists and numbers come back with their types."""

    def __init__(self, qsettings: QSettings | None = None) -> None:
        self.qsettings = qsettings or QSettings()

    def value(self, key: str) -> Any:
        raw = self.qsettings.value(key)
        if raw is None:
            return None
        try:
            return json.loads(str(raw))
        except json.JSONDecodeError:
            return None

    def set_value(self, key: str, value: Any) -> None:
        self.qsettings.setValue(key, json.dumps(value))
