"""Where the app keeps its log, and how it is set up (Qt-free: the CLI uses it too).

The log lives in the user's data folder: ``%APPDATA%\\imgstudio\\logs`` on Windows,
``~/Library/Application Support/imgstudio/logs`` on macOS, ``$XDG_DATA_HOME/imgstudio/logs``
(default ``~/.local/share``) elsewhere; ``IMGSTUDIO_DATA_DIR`` overrides the folder.
"""

from __future__ import annotations

import logging
import logging.handlers
import os
import sys
import traceback
from pathlib import Path
from types import TracebackType

LOG_NAME = "imgstudio.log"
LOG_MAX_BYTES = 2_000_000
LOG_BACKUPS = 3
_FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"


def user_data_dir() -> Path:
    """The per-user folder for the app's own files (not created)."""
    override = os.environ.get("IMGSTUDIO_DATA_DIR")
    if override:
        return Path(override)
    if sys.platform == "win32":
        return Path(os.environ.get("APPDATA") or Path.home() / "AppData" / "Roaming") / "imgstudio"
    if sys.platform == "darwin":
        return Path.home() / "Library" / "Application Support" / "imgstudio"
    return Path(os.environ.get("XDG_DATA_HOME") or Path.home() / ".local" / "share") / "imgstudio"


def log_path() -> Path:
    return user_data_dir() / "logs" / LOG_NAME


def setup_logging(level: int = logging.INFO) -> Path | None:
    """Log to stderr and to a rotating file in the data folder; returns the file (None when
    the folder cannot be written: the app still runs, logging to stderr only)."""
    root = logging.getLogger()
    root.setLevel(level)
    has_stderr = sys.stderr is not None  # None in a windowed (no console) build on Windows
    if has_stderr and not any(isinstance(h, logging.StreamHandler) and h.stream is sys.stderr for h in root.handlers):
        stderr = logging.StreamHandler(sys.stderr)
        stderr.setFormatter(logging.Formatter(_FORMAT))
        root.addHandler(stderr)
    path = log_path()
    for handler in root.handlers:
        if isinstance(handler, logging.FileHandler) and Path(handler.baseFilename) == path:
            return path
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handler = logging.handlers.RotatingFileHandler(
            path, maxBytes=LOG_MAX_BYTES, backupCount=LOG_BACKUPS, encoding="utf-8"
        )
    except OSError as exc:
        logging.getLogger(__name__).warning("cannot write the log file %s: %s", path, exc)
        return None
    handler.setFormatter(logging.Formatter(_FORMAT))
    root.addHandler(handler)
    return path


def describe_exception(exc_type: type[BaseException], exc: BaseException, tb: TracebackType | None) -> tuple[str, str]:
    """(one-line message for a person, full traceback for the details and the log)."""
    text = str(exc).strip()
    message = f"{exc_type.__name__}: {text.splitlines()[0]}" if text else exc_type.__name__
    return message, "".join(traceback.format_exception(exc_type, exc, tb))
