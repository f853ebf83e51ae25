"""Command line for detection: ``imgstudio annotations convert`` and ``imgstudio detect``.

The commands call the same core functions as the Recognise tab. Everything heavy is
imported inside the commands, so building the parser stays cheap.
"""

from __future__ import annotations

import argparse
import sys

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
        "--detector", required=True, metavar="NAME", help="haar-face, hog-people, ... (a wrong name lists them all)"
    )
    detect.add_argument("--score", type=float, default=None, metavar="S", help="keep boxes scoring at least S")
    detect.add_argument("--json", action="store_true", help="one JSON object per image")
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
    from pathlib import Path

    if Path(name).is_file():  # MODEL_FILE: becomes the trainable-detector branch when those land
        return f"{name}: trainable detector model files are not supported yet (use a built-in detector)"
    if name.lower().endswith(".safetensors"):
        return f"{name}: model file not found"
    return f"unknown detector '{name}'; available: {', '.join(available)}"


def _print_readable(result: dict) -> None:
    boxes = result["boxes"]
    print(f"{result['path']}: {len(boxes)} box{'es' if len(boxes) != 1 else ''}")
    for box in boxes:
        score = "" if box["score"] is None else f" {box['score']:.3f}"
        size = f"width={box['width']:g} height={box['height']:g}"
        print(f"  {box['label']}{score} at x={box['x']:g} y={box['y']:g} {size}")


def cmd_detect(args: argparse.Namespace) -> int:
    import functools

    from imgstudio.cli import EXIT_FAILED, EXIT_OK, EXIT_USAGE, _expand_paths, _print_json
    from imgstudio.core.ml.detection.classical import classical_detectors, detect_classical
    from imgstudio.core.ml.detection.results import detect_paths

    available = classical_detectors()
    if args.detector not in available:
        print(f"error: {_unusable_detector(args.detector, available)}", file=sys.stderr)
        return EXIT_USAGE
    status = EXIT_OK
    detect = functools.partial(detect_classical, args.detector)
    for result in detect_paths(detect, _expand_paths(args.paths, False), min_score=args.score):
        if result.error is not None:
            print(f"error: {result.path}: {result.error}", file=sys.stderr)
            status = EXIT_FAILED
        elif args.json:
            _print_json(result.as_dict())
        else:
            _print_readable(result.as_dict())
    return status
