"""Pipelines: an ordered, serialisable list of operation steps.

The same pipeline drives the live preview (on a downscaled proxy), the batch export,
the command line and, with random ranges, the training augmentation. JSON form::

    {"format": "imgstudio-pipeline", "version": 1,
     "steps": [{"op": "resize", "width": 224, "height": 224},
               {"op": "rotate", "angle": {"min": -15, "max": 15}, "enabled": false}]}
"""

from __future__ import annotations

import copy
import json
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import cv2
import numpy as np

from imgstudio.core.io import DEFAULT_MAX_PIXELS, atomic_write_bytes, to_uint8
from imgstudio.core.ops import OPS, OpError, OpSpec
from imgstudio.core.params import ParamError, is_range

FORMAT = "imgstudio-pipeline"
VERSION = 1
PROXY_MAX_PIXELS = 1_200_000
"""Preview proxies are downscaled to at most this many pixels."""

_META_KEYS = ("op", "enabled", "probability")


class PipelineError(ValueError):
    """A pipeline file or step is invalid, or a step failed; the message names the step."""


def _step_name(index: int, op: str) -> str:
    return f"step {index + 1} ({op})"


@dataclass
class Step:
    """One operation with its parameters (fixed values or random ranges)."""

    op: str
    params: dict[str, Any] = field(default_factory=dict)
    enabled: bool = True
    probability: float = 1.0

    @property
    def spec(self) -> OpSpec:
        return OPS[self.op]

    @classmethod
    def create(cls, op: str, **params: Any) -> Step:
        """A step of ``op`` with defaults for the parameters not given (validated)."""
        return cls.from_dict({"op": op, **params}, 0)

    @classmethod
    def from_dict(cls, data: Any, index: int) -> Step:
        if not isinstance(data, dict) or not isinstance(data.get("op"), str):
            raise PipelineError(f"step {index + 1}: must be an object with an 'op' name")
        op = data["op"]
        where = _step_name(index, op)
        if op not in OPS:
            raise PipelineError(f"{where}: unknown operation '{op}' (known: {', '.join(OPS)})")
        spec = OPS[op]
        enabled = data.get("enabled", True)
        probability = data.get("probability", 1.0)
        if not isinstance(enabled, bool):
            raise PipelineError(f"{where}: 'enabled' must be true or false")
        if isinstance(probability, bool) or not isinstance(probability, (int, float)) or not 0.0 <= probability <= 1.0:
            raise PipelineError(f"{where}: 'probability' must be a number from 0 to 1")
        names = {p.name for p in spec.params}
        unknown = [k for k in data if k not in names and k not in _META_KEYS]
        if unknown:
            raise PipelineError(
                f"{where}: unknown parameter '{unknown[0]}' (parameters: {', '.join(sorted(names)) or 'none'})"
            )
        params: dict[str, Any] = {}
        for p in spec.params:
            try:
                params[p.name] = p.validate(data.get(p.name, p.default))
            except ParamError as exc:
                raise PipelineError(f"{where}: {exc}") from None
        return cls(op, params, enabled, float(probability))

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {"op": self.op, **copy.deepcopy(self.params)}
        if not self.enabled:
            out["enabled"] = False
        if self.probability != 1.0:
            out["probability"] = self.probability
        return out

    def is_random(self) -> bool:
        return self.probability < 1.0 or any(is_range(v) for v in self.params.values())

    def summary(self) -> str:
        """Short human text, e.g. ``Rotate (angle=90, expand=True)``."""
        parts = []
        for p in self.spec.params:
            value = self.params[p.name]
            if value == p.default:
                continue
            if is_range(value):
                value = f"{value['min']}..{value['max']}" if "min" in value else "|".join(map(str, value["choices"]))
            parts.append(f"{p.name}={value}")
        detail = f" ({', '.join(parts)})" if parts else ""
        return f"{self.spec.label}{detail}"


def _prepare_dtype(img: np.ndarray, spec: OpSpec, notes: list[str] | None, where: str) -> np.ndarray:
    if str(img.dtype) in spec.dtypes:
        return img
    if notes is not None:
        notes.append(f"{where}: {img.dtype} converted to {spec.dtypes[0]} (the operation does not support {img.dtype})")
    if spec.dtypes[0] == "uint8":
        return to_uint8(img)
    if spec.dtypes[0] == "float32":
        return img.astype(np.float32) / (65535.0 if img.dtype == np.uint16 else 255.0)
    return img


def run_step(
    img: np.ndarray,
    step: Step,
    params: dict[str, Any],
    where: str,
    notes: list[str] | None,
    max_pixels: float = DEFAULT_MAX_PIXELS,
) -> np.ndarray:
    """Run one step on ``img`` with concrete ``params`` (dtype and alpha handled here).

    A step whose output would exceed ``max_pixels`` is refused before anything is allocated.
    """
    spec = step.spec
    if spec.output_size is not None:
        out_h, out_w = spec.output_size(img.shape[0], img.shape[1], **params)
        if out_h * out_w > max_pixels:
            raise PipelineError(
                f"{where}: the result would be {out_w}x{out_h} = {out_h * out_w:,} pixels, "
                f"over the limit of {int(max_pixels):,}"
            )
    img = _prepare_dtype(img, spec, notes, where)
    alpha = None
    if spec.color_only and img.shape[2] in (2, 4):
        img, alpha = img[:, :, :-1], img[:, :, -1:]
        img = np.ascontiguousarray(img)
    try:
        out = spec.func(img, **params)
    except (OpError, cv2.error, ValueError) as exc:
        message = str(exc).strip().splitlines()[-1] if str(exc).strip() else type(exc).__name__
        raise PipelineError(f"{where}: {message}") from exc
    if alpha is not None:
        if out.shape[2] == 3 and out.shape[:2] == alpha.shape[:2]:
            out = np.concatenate([out, alpha.astype(out.dtype)], axis=2)
        elif notes is not None:
            notes.append(f"{where}: alpha channel dropped")
    return out


@dataclass
class Pipeline:
    """An ordered list of steps; disabled steps are kept but skipped."""

    steps: list[Step] = field(default_factory=list)

    # -- serialisation -------------------------------------------------------------
    def to_json(self) -> dict[str, Any]:
        return {"format": FORMAT, "version": VERSION, "steps": [s.to_dict() for s in self.steps]}

    @classmethod
    def from_json(cls, data: Any) -> Pipeline:
        if not isinstance(data, dict) or data.get("format") != FORMAT:
            raise PipelineError(f'not an imgstudio pipeline (expected "format": "{FORMAT}")')
        version = data.get("version")
        if not isinstance(version, int) or isinstance(version, bool) or version < 1:
            raise PipelineError("pipeline 'version' must be a positive whole number")
        if version > VERSION:
            raise PipelineError(
                f"pipeline version {version} was written by a newer imgstudio; this one reads version {VERSION}"
            )
        steps = data.get("steps")
        if not isinstance(steps, list):
            raise PipelineError("pipeline 'steps' must be a list")
        return cls([Step.from_dict(s, i) for i, s in enumerate(steps)])

    @classmethod
    def load(cls, path: str | os.PathLike[str]) -> Pipeline:
        path = Path(path)
        try:
            text = path.read_text(encoding="utf-8")
        except OSError as exc:
            raise PipelineError(f"{path}: cannot read ({exc.strerror or exc})") from exc
        except UnicodeDecodeError as exc:
            raise PipelineError(f"{path}: not a text file") from exc
        try:
            data = json.loads(text)
        except json.JSONDecodeError as exc:
            raise PipelineError(f"{path}: invalid JSON at line {exc.lineno}: {exc.msg}") from exc
        try:
            return cls.from_json(data)
        except PipelineError as exc:
            raise PipelineError(f"{path}: {exc}") from None

    def save(self, path: str | os.PathLike[str]) -> None:
        """Write the JSON form atomically (replacing an older pipeline file)."""
        text = json.dumps(self.to_json(), indent=2, ensure_ascii=False) + "\n"
        atomic_write_bytes(path, text.encode("utf-8"), overwrite=True)

    def copy(self) -> Pipeline:
        return Pipeline.from_json(self.to_json())

    def is_random(self) -> bool:
        return any(s.enabled and s.is_random() for s in self.steps)

    # -- application ------------------------------------------------------------------
    def apply(
        self,
        img: np.ndarray,
        *,
        rng: np.random.Generator | None = None,
        notes: list[str] | None = None,
        upto: int | None = None,
        max_pixels: int = DEFAULT_MAX_PIXELS,
    ) -> np.ndarray:
        """Apply the enabled steps (the first ``upto`` only, if given) at full resolution.

        Random ranges are drawn from ``rng``; without one their centre value is used.
        """
        return self.apply_scaled(img, 1.0, rng=rng, notes=notes, upto=upto, max_pixels=max_pixels)[0]

    def apply_scaled(
        self,
        img: np.ndarray,
        scale: float,
        *,
        rng: np.random.Generator | None = None,
        notes: list[str] | None = None,
        upto: int | None = None,
        start: int = 0,
        proxy_max_pixels: int = PROXY_MAX_PIXELS,
        max_pixels: int = DEFAULT_MAX_PIXELS,
    ) -> tuple[np.ndarray, float]:
        """Apply to ``img``, a proxy downscaled by ``scale`` from the real image.

        Pixel-length parameters are scaled with it, so the result looks like the
        full-resolution result downscaled. Returns the output and its scale relative to
        the full-resolution output (a resize to a small size is rendered unscaled).
        Only steps ``start`` to ``upto`` (exclusive) run, so a prefix's result can be continued.
        """
        for index, step in enumerate(self.steps[:upto]):
            if index < start:
                continue
            if not step.enabled:
                continue
            if rng is not None and step.probability < 1.0 and rng.random() >= step.probability:
                continue
            spec = step.spec
            values = {p.name: p.sample(step.params[p.name], rng) for p in spec.params}
            if scale != 1.0 and spec.sets_size and values["width"] * values["height"] <= proxy_max_pixels:
                scale = 1.0
            elif scale != 1.0:
                values = {p.name: p.scaled(values[p.name], scale) for p in spec.params}
            img = run_step(img, step, values, _step_name(index, step.op), notes, max_pixels * scale * scale)
        return img, scale


def make_proxy(img: np.ndarray, max_pixels: int = PROXY_MAX_PIXELS) -> tuple[np.ndarray, float]:
    """A downscaled copy of ``img`` with at most ``max_pixels`` pixels, and its scale."""
    h, w = img.shape[:2]
    if h * w <= max_pixels:
        return img, 1.0
    scale = (max_pixels / (h * w)) ** 0.5
    size = (max(1, int(w * scale)), max(1, int(h * scale)))
    small = cv2.resize(img if img.shape[2] != 1 else img[:, :, 0], size, interpolation=cv2.INTER_AREA)
    if small.ndim == 2:
        small = small[:, :, None]
    return small, size[0] / w
