"""Parameter specs: what an operation accepts, how it is checked, drawn and scaled.

The UI builds its controls from these specs, the pipeline validates JSON with them,
and augmentation draws random values from ``{"min": a, "max": b}`` ranges with them.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from typing import Any, Literal

import numpy as np

ParamKind = Literal["int", "float", "bool", "choice", "color"]

_COLOR_RE = re.compile(r"^#[0-9a-fA-F]{6}$")


class ParamError(ValueError):
    """A parameter value is invalid; the message says which parameter and why."""


def is_range(value: Any) -> bool:
    """True for a random-range value: ``{"min": a, "max": b}`` or ``{"choices": [...]}``."""
    return isinstance(value, dict)


@dataclass(frozen=True)
class Param:
    """One parameter of an operation."""

    name: str
    kind: ParamKind
    default: Any
    label: str = ""
    min: float | None = None
    max: float | None = None
    step: float | None = None
    choices: tuple[str, ...] = ()
    pixels: bool = False
    """A length in pixels: scaled when the operation runs on a downscaled preview."""
    odd: bool = False
    """Kernel sizes: only odd values are valid."""
    help: str = ""

    @property
    def title(self) -> str:
        return self.label or self.name.replace("_", " ").capitalize()

    # -- validation ------------------------------------------------------------
    def validate(self, value: Any) -> Any:
        """Return ``value`` coerced to this parameter's type, or raise :class:`ParamError`."""
        if is_range(value):
            return self._validate_range(value)
        return self._validate_fixed(value)

    def _validate_fixed(self, value: Any) -> Any:
        name = self.name
        if self.kind == "bool":
            if not isinstance(value, bool):
                raise ParamError(f"'{name}' must be true or false, not {value!r}")
            return value
        if self.kind == "choice":
            if value not in self.choices:
                raise ParamError(f"'{name}' must be one of {', '.join(self.choices)}, not {value!r}")
            return value
        if self.kind == "color":
            if not isinstance(value, str) or not _COLOR_RE.match(value):
                raise ParamError(f"'{name}' must be a colour like \"#ff8800\", not {value!r}")
            return value.lower()
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            raise ParamError(f"'{name}' must be a number, not {value!r}")
        if not math.isfinite(value):
            raise ParamError(f"'{name}' must be a finite number, not {value!r}")
        if self.kind == "int":
            if float(value) != int(value):
                raise ParamError(f"'{name}' must be a whole number, not {value!r}")
            value = int(value)
        else:
            value = float(value)
        if self.min is not None and value < self.min:
            raise ParamError(f"'{name}' must be at least {_fmt(self.min)}, not {_fmt(value)}")
        if self.max is not None and value > self.max:
            raise ParamError(f"'{name}' must be at most {_fmt(self.max)}, not {_fmt(value)}")
        if self.odd and value % 2 != 1:
            raise ParamError(f"'{name}' must be an odd number, not {_fmt(value)}")
        return value

    def _validate_range(self, value: dict[str, Any]) -> dict[str, Any]:
        name = self.name
        if self.kind in ("int", "float"):
            if set(value) != {"min", "max"}:
                raise ParamError(f"'{name}': a random range needs exactly the keys 'min' and 'max'")
            lo = self._validate_fixed(value["min"])
            hi = self._validate_fixed(value["max"])
            if lo > hi:
                raise ParamError(f"'{name}': range min {_fmt(lo)} is above max {_fmt(hi)}")
            return {"min": lo, "max": hi}
        if self.kind in ("bool", "choice"):
            if set(value) != {"choices"} or not isinstance(value["choices"], list) or not value["choices"]:
                raise ParamError(f"'{name}': a random choice needs a non-empty list under 'choices'")
            return {"choices": [self._validate_fixed(v) for v in value["choices"]]}
        raise ParamError(f"'{name}': a {self.kind} parameter cannot be random")

    # -- resolving a value for one application ---------------------------------
    def sample(self, value: Any, rng: np.random.Generator | None) -> Any:
        """A concrete value: drawn from a range with ``rng``, or its centre when rng is None."""
        if not is_range(value):
            return value
        if "choices" in value:
            choices = value["choices"]
            return choices[int(rng.integers(len(choices)))] if rng is not None else choices[0]
        lo, hi = value["min"], value["max"]
        if self.kind == "int":
            if rng is None:
                drawn = round((lo + hi) / 2)
            else:
                drawn = int(rng.integers(lo, hi + 1))
            return drawn + 1 if self.odd and drawn % 2 == 0 else drawn
        return float(rng.uniform(lo, hi)) if rng is not None else (lo + hi) / 2

    def scaled(self, value: Any, scale: float) -> Any:
        """The value for an image downscaled by ``scale`` (only pixel lengths change)."""
        if not self.pixels or scale == 1.0:
            return value
        if self.kind == "float":
            return value * scale
        lowest = int(self.min) if self.min is not None else 0
        out = max(lowest, round(value * scale))
        if self.odd and out % 2 == 0:
            out += 1
        return out


def _fmt(x: float) -> str:
    return f"{x:g}" if isinstance(x, float) else str(x)


def color_to_rgb(color: str) -> tuple[int, int, int]:
    """``"#rrggbb"`` to an (r, g, b) tuple of 0..255 ints."""
    return int(color[1:3], 16), int(color[3:5], 16), int(color[5:7], 16)
