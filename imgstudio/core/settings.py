"""Typed application settings with defaults, stored through a pluggable backend.

The core knows no QSettings: the UI passes a backend that wraps it, the CLI and the
tests use :class:`MemoryBackend`.
"""

from __future__ import annotations

from dataclasses import dataclass, field, fields
from typing import Any, Protocol

from imgstudio.core.io import DEFAULT_MAX_PIXELS
from imgstudio.core.pipeline import PROXY_MAX_PIXELS


class SettingsBackend(Protocol):
    def value(self, key: str) -> Any: ...

    def set_value(self, key: str, value: Any) -> None: ...


class MemoryBackend:
    """A dict-backed store, for tests and the command line."""

    def __init__(self) -> None:
        self.data: dict[str, Any] = {}

    def value(self, key: str) -> Any:
        return self.data.get(key)

    def set_value(self, key: str, value: Any) -> None:
        self.data[key] = value


@dataclass
class Settings:
    """Every remembered preference, with its default."""

    max_image_pixels: int = DEFAULT_MAX_PIXELS
    proxy_max_pixels: int = PROXY_MAX_PIXELS
    recent_files: list[str] = field(default_factory=list)
    last_folder: str = ""
    last_pipeline: str = ""
    batch_output_folder: str = ""
    batch_format: str = "png"
    batch_quality: int = 95
    augment_grid_count: int = 12
    train_config: str = ""
    """The Train panel's last configuration (TrainConfig JSON, without its run folder)."""
    runs_folder: str = ""
    """Where the Train panel creates run folders ("" = the default runs folder)."""
    last_model_file: str = ""
    language: str = ""
    """Interface language code ("en", "zh_CN"); "" follows the system locale. Applied on restart."""
    theme: str = "system"
    """Colour scheme: "system" follows the desktop, or "light" / "dark"."""
    welcome_shown: bool = False
    """Whether the welcome dialog has been shown; it opens at the first start."""
    welcome_at_start: bool = False
    """The user ticked "Show at start-up": the welcome dialog opens at every start."""
    window_geometry: str = ""
    """The main window's saved geometry, base64."""
    splitter_states: str = ""
    """JSON object: "<tab class>/<index>" -> the base64 ``QSplitter.saveState()`` of that splitter."""
    current_tab: int = 0

    RECENT_LIMIT = 10

    @classmethod
    def load(cls, backend: SettingsBackend) -> Settings:
        """Read every field; a missing or malformed value falls back to its default."""
        out = cls()
        for f in fields(cls):
            raw = backend.value(f.name)
            if raw is None:
                continue
            default = getattr(out, f.name)
            try:
                if isinstance(default, list):
                    value: Any = [str(v) for v in (raw if isinstance(raw, list) else [raw]) if str(v)]
                elif isinstance(default, bool):
                    value = _to_bool(raw)
                else:
                    value = type(default)(raw)
            except (TypeError, ValueError):
                continue
            setattr(out, f.name, value)
        return out

    def save(self, backend: SettingsBackend) -> None:
        for f in fields(self):
            backend.set_value(f.name, getattr(self, f.name))

    def add_recent(self, path: str) -> None:
        """Put ``path`` first in the recent files, without duplicates."""
        self.recent_files = [path] + [p for p in self.recent_files if p != path]
        del self.recent_files[self.RECENT_LIMIT :]


_TRUE = {"true", "1", "yes", "on"}
_FALSE = {"false", "0", "no", "off", ""}


def _to_bool(raw: Any) -> bool:
    """A stored flag: a bool, 0/1 or a word like "false" (``bool("false")`` would be true)."""
    if isinstance(raw, bool):
        return raw
    if isinstance(raw, int) and raw in (0, 1):
        return bool(raw)
    if isinstance(raw, str) and raw.strip().lower() in _TRUE | _FALSE:
        return raw.strip().lower() in _TRUE
    raise ValueError(f"not a flag: {raw!r}")
