"""Command line for detection: ``imgstudio annotations convert`` and ``imgstudio detect``.

The commands call the same core functions as the Recognise tab. Everything heavy is
imported inside the commands, so building the parser stays cheap.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import numpy as np

    from imgstudio.core.ml.detection.boxes import Box

FORMAT_CHOICES = ("coco", "voc", "yolo")


def add_parsers(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    """Add ``annotations`` and ``detect`` to the ``imgstudio`` sub-commands."""
    annotations = sub.add_parser("annotations", help="convert detection annotations between COCO, VOC and YOLO")
    actions = annotations.add_subparsers(dest="annotations_action", metavar="ACTION", required=True)
    convert = actions.add_parser(
        "convert", help="read SRC (format found from the path) and write it in another format; last line is JSON"
    )
    convert.add_argument("src", metavar="SRC", help="a COCO .json file, a VOC .xml folder or a YOLO folder")
    convert.add_argument("--to", required=True, choices=FORMAT_CHOICES)
    convert.add_argument("--out", required=True, metavar="DEST", help="a .json file for COCO, else a folder")
    convert.add_argument("--images", metavar="DIR", help="the image folder (YOLO needs image sizes)")
    convert.add_argument("--overwrite", action="store_true", help="replace existing output files")
    convert.set_defaults(func=cmd_annotations_convert)

    detect = sub.add_parser("detect", help="find objects in images; one result per image")
    detect.add_argument("paths", nargs="+", metavar="PATH", help="images or folders")
    detect.add_argument(
        "--detector",
        required=True,
        metavar="NAME",
        help="haar-face, hog-people, ... (a wrong name lists them all) or a trained detector's MODEL_FILE",
    )
    detect.add_argument("--score", type=float, default=None, metavar="S", help="keep boxes scoring at least S")
    detect.add_argument("--json", action="store_true", help="one JSON object per image")
    detect.add_argument("--device", default="auto", help="for a model file: auto, cpu, cuda or mps")
    detect.set_defaults(func=cmd_detect)


def cmd_annotations_convert(args: argparse.Namespace) -> int:
    from imgstudio.cli import EXIT_FAILED, EXIT_OK, EXIT_USAGE, _print_json
    from imgstudio.core.ml.detection.formats import AnnotationError, convert_annotations

    try:
        report = convert_annotations(args.src, args.to, args.out, images=args.images, overwrite=args.overwrite)
    except FileExistsError as exc:
        print(f"error: {exc}; use --overwrite to replace", file=sys.stderr)
        return EXIT_USAGE
    except (AnnotationError, ValueError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except OSError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return EXIT_FAILED
    for problem in report.problems:
        print(f"problem: {problem}", file=sys.stderr)
    _print_json(report.as_dict() | {"out": str(args.out)})
    return EXIT_OK


def _unusable_detector(name: str, available: dict[str, str]) -> str:
    """Why ``name`` cannot be used, in one line."""
    if name.lower().endswith(".safetensors"):
        return f"{name}: model file not found"
    return f"unknown detector '{name}'; available: {', '.join(available)}, or a detector model file"


def _detector_function(name: str, device: str) -> Callable[[np.ndarray], list[Box]] | str:
    """The function that finds boxes in an image for ``name`` (built-in or model file), or why there is none."""
    import functools
    from pathlib import Path

    from imgstudio.core.ml.checkpoint import CheckpointError
    from imgstudio.core.ml.detection.classical import classical_detectors, detect_classical
    from imgstudio.core.ml.device import DeviceError

    available = classical_detectors()
    if name in available:
        return functools.partial(detect_classical, name)
    if not Path(name).is_file():
        return _unusable_detector(name, available)
    from imgstudio.core.ml.detection.infer import load_detector, predict_boxes

    try:
        detector = load_detector(name, device)
    except (CheckpointError, DeviceError) as exc:
        return str(exc)
    return functools.partial(predict_boxes, detector)


def _print_readable(result: dict) -> None:
    boxes = result["boxes"]
    print(f"{result['path']}: {len(boxes)} box{'es' if len(boxes) != 1 else ''}")
    for box in boxes:
        score = "" if box["score"] is None else f" {box['score']:.3f}"
        size = f"width={box['width']:g} height={box['height']:g}"
        print(f"  {box['label']}{score} at x={box['x']:g} y={box['y']:g} {size}")


def cmd_detect(args: argparse.Namespace) -> int:
    from imgstudio.cli import EXIT_FAILED, EXIT_OK, EXIT_USAGE, _expand_paths, _print_json
    from imgstudio.core.ml.detection.results import detect_paths

    detect = _detector_function(args.detector, args.device)
    if isinstance(detect, str):
        print(f"error: {detect}", file=sys.stderr)
        return EXIT_USAGE
    status = EXIT_OK
    for result in detect_paths(detect, _expand_paths(args.paths, False), min_score=args.score):
        if result.error is not None:
            print(f"error: {result.path}: {result.error}", file=sys.stderr)
            status = EXIT_FAILED
        elif args.json:
            _print_json(result.as_dict())
        else:
            _print_readable(result.as_dict())
    return status


def cmd_evaluate_detector(args: argparse.Namespace) -> int:
    """``imgstudio evaluate`` for a detector file: per-class AP table, last line one JSON object."""
    from imgstudio.cli import EXIT_OK, EXIT_USAGE, _print_json
    from imgstudio.core.ml.checkpoint import CheckpointError
    from imgstudio.core.ml.detection.annotation_io import AnnotationError
    from imgstudio.core.ml.detection.dataset import DetectionDataError
    from imgstudio.core.ml.detection.infer import evaluate_detector, load_detector
    from imgstudio.core.ml.device import DeviceError

    try:
        detector = load_detector(args.model, args.device)
        evaluation = evaluate_detector(detector, args.data, getattr(args, "images", None))
    except (CheckpointError, DeviceError, AnnotationError, DetectionDataError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return EXIT_USAGE
    report = evaluation.as_dict()
    width = max([5, *(len(c) for c in evaluation.classes)])
    print(f"{'class':<{width}}   AP@0.5  AP@0.5:0.95  boxes  detections", file=sys.stderr)

    def number(value: float | None) -> str:
        return "-" if value is None else f"{value:.3f}"

    for name, s in report["per_class"].items():
        counts = f"{s['ground_truth']:5d}  {s['detections']:10d}"
        print(f"{name:<{width}}  {number(s['ap50']):>7}  {number(s['ap']):>11}  {counts}", file=sys.stderr)
    print(
        f"mAP@0.5 {number(report['map50'])}  mAP@0.5:0.95 {number(report['map50_95'])} on {report['images']} images",
        file=sys.stderr,
    )
    _print_json(report)
    return EXIT_OK
