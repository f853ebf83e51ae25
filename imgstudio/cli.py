"""Command line: ``imgstudio [gui] [PATH]``, ``info``, ``preprocess``, ``ops``.

Each sub-command calls the same core function the GUI uses. Exit codes: 0 success,
1 some inputs failed, 2 bad arguments or configuration.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from imgstudio import __version__
from imgstudio.commands_detect import add_parsers as add_detection_parsers
from imgstudio.commands_generate import add_parser as add_generate_parser
from imgstudio.commands_selftest import add_parser as add_selftest_parser

EXIT_OK, EXIT_FAILED, EXIT_USAGE = 0, 1, 2


def _print_json(obj: object) -> None:
    print(json.dumps(obj, ensure_ascii=False), flush=True)


def cmd_gui(args: argparse.Namespace) -> int:
    from imgstudio.app import run_gui

    return run_gui(args.path)


def cmd_info(args: argparse.Namespace) -> int:
    from imgstudio.core.io import ImageReadError, read_image

    status = EXIT_OK
    for raw in args.paths:
        try:
            _, info = read_image(raw, max_pixels=args.max_pixels)
        except ImageReadError as exc:
            print(f"error: {exc}", file=sys.stderr)
            status = EXIT_FAILED
        except MemoryError:
            print(f"error: {raw}: out of memory while decoding", file=sys.stderr)
            status = EXIT_FAILED
        else:
            _print_json(info.as_dict() | ({"notes": list(info.notes)} if info.notes else {}))
    return status


def cmd_preprocess(args: argparse.Namespace) -> int:
    from imgstudio.core import batch
    from imgstudio.core.jobs import JobContext
    from imgstudio.core.pipeline import Pipeline, PipelineError

    try:
        pipeline = Pipeline.load(args.pipeline)
    except PipelineError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return EXIT_USAGE
    config = batch.BatchConfig(
        input=Path(args.input),
        output=Path(args.output),
        pipeline=pipeline,
        recursive=args.recursive,
        format=args.format,
        quality=args.quality,
        overwrite=args.overwrite,
        seed=args.seed,
    )

    def show(done: int, total: int, message: str) -> None:
        if not args.quiet:
            print(f"\r[{done}/{total}] {message[:60]:<60}", end="", file=sys.stderr, flush=True)

    try:
        report = batch.run(config, JobContext(show))
    except batch.BatchConfigError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return EXIT_USAGE
    if not args.quiet:
        print(file=sys.stderr)
    for src, reason in report.failed:
        print(f"failed: {src}: {reason}", file=sys.stderr)
    for src, reason in report.skipped:
        print(f"skipped: {src}: {reason}", file=sys.stderr)
    _print_json(
        {
            "total": report.total,
            "written": len(report.written),
            "failed": len(report.failed),
            "skipped": len(report.skipped),
            "seconds": round(report.seconds, 3),
            "output": str(config.output),
        }
    )
    return EXIT_FAILED if report.failed else EXIT_OK


def cmd_ops(args: argparse.Namespace) -> int:
    from imgstudio.core.ops import OPS

    if args.json:
        _print_json(
            {
                name: {
                    "label": spec.label,
                    "description": spec.description,
                    "params": {
                        p.name: {k: v for k, v in vars(p).items() if v not in (None, (), "") and k != "name"}
                        for p in spec.params
                    },
                }
                for name, spec in OPS.items()
            }
        )
        return EXIT_OK
    for name, spec in OPS.items():
        params = ", ".join(f"{p.name}={p.default!r}" for p in spec.params)
        print(f"{name:<20} {spec.description}")
        if params:
            print(f"{'':<20}   {params}")
    return EXIT_OK


def cmd_models(args: argparse.Namespace) -> int:
    from imgstudio.core.ml.models import list_models

    for name, description in list_models(task=None):
        print(f"{name:<22} {description}")
    return EXIT_OK


class _ConsoleProgress:
    """Engine callback printing one line per epoch to stderr."""

    def on_start(self, info: dict) -> None:
        print(
            f"training {info['model']} ({info['parameters']:,} parameters) on {info['device']}: "
            f"{info['train_size']} train / {info['val_size']} val images, classes {', '.join(info['classes'])}",
            file=sys.stderr,
        )
        if info.get("note"):
            print(f"note: {info['note']}", file=sys.stderr)

    def on_step(self, metrics: dict) -> None:
        pass

    def on_epoch(self, m: dict) -> None:
        print(
            f"epoch {m['epoch']}: loss {m['train_loss']:.4f} acc {m['train_accuracy']:.3f}  "
            f"val_loss {m['val_loss']:.4f} val_acc {m['val_accuracy']:.3f}  "
            f"{m['images_per_s']:.0f} img/s",
            file=sys.stderr,
            flush=True,
        )

    def on_end(self, result: dict) -> None:
        print(f"{result['status']}: run folder {result['out']}", file=sys.stderr)


def cmd_train(args: argparse.Namespace) -> int:
    from imgstudio.core.jobs import JobContext
    from imgstudio.core.ml import engine
    from imgstudio.core.ml.checkpoint import CheckpointError
    from imgstudio.core.ml.config import CLI_OPTIONS, ConfigError, TrainConfig
    from imgstudio.core.ml.datasets import DataError
    from imgstudio.core.ml.device import DeviceError

    given = {key: getattr(args, key) for key in CLI_OPTIONS if getattr(args, key) is not None}
    try:
        if args.resume:
            config = engine.resume_config(args.resume)
            for key in ("epochs", "device", "num_workers"):  # what may change when continuing
                if key in given:
                    setattr(config, key, given[key])
        else:
            if args.config:
                config = TrainConfig.load(args.config)
                for key, value in given.items():
                    setattr(config, key, value)
            else:
                config = TrainConfig.from_dict(given)
            if not config.out:
                from imgstudio.core.ml.runs import new_run_dir

                config.out = str(new_run_dir(None, config.model))
            if args.augment:
                from imgstudio.core.pipeline import Pipeline

                config.augment = Pipeline.load(args.augment).to_json()
        config.validate()
        from imgstudio.commands_generate import ConsoleMetrics

        progress = _ConsoleProgress() if config.task == "classify" else ConsoleMetrics()
        result = engine.run(config, JobContext(), [progress], resume=bool(args.resume))
    except (ConfigError, CheckpointError, DataError, DeviceError, ValueError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except engine.TrainingError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return EXIT_FAILED
    _print_json(result)
    return EXIT_OK


def _load_model_or_exit(path: str, device: str) -> Any:
    """The loaded model, or None after printing why it cannot be used."""
    from imgstudio.core.ml.checkpoint import CheckpointError
    from imgstudio.core.ml.device import DeviceError
    from imgstudio.core.ml.infer import load_model

    try:
        return load_model(path, device)
    except (CheckpointError, DeviceError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return None


def _expand_paths(raw_paths: list[str], recursive: bool) -> list[str]:
    """Files as given; folders replaced by the images they hold."""
    from imgstudio.core.io import list_images

    paths: list[str] = []
    for raw in raw_paths:
        if Path(raw).is_dir():
            paths.extend(str(f) for f in list_images(raw, recursive=recursive))
        else:
            paths.append(raw)
    return paths


def cmd_predict(args: argparse.Namespace) -> int:
    from imgstudio.core.ml.infer import predict_paths, write_predictions_csv

    model = _load_model_or_exit(args.model, args.device)
    if model is None:
        return EXIT_USAGE
    k = max(1, min(args.top_k, len(model.classes)))
    done = []
    status = EXIT_OK
    paths = _expand_paths(args.paths, args.recursive)
    for prediction in predict_paths(model, paths, top_k=k, batch_size=args.batch_size):
        if prediction.error:
            print(f"error: {prediction.path}: {prediction.error}", file=sys.stderr)
            status = EXIT_FAILED
            continue
        _print_json(prediction.as_dict())
        done.append(prediction)
    if args.csv:
        write_predictions_csv(args.csv, done, k)
    return status


def cmd_evaluate(args: argparse.Namespace) -> int:
    from imgstudio.commands_detect import cmd_evaluate_detector
    from imgstudio.core.ml.datasets import DataError
    from imgstudio.core.ml.detection.infer import is_detector_file
    from imgstudio.core.ml.evaluate import evaluate_folder

    if is_detector_file(args.model):
        return cmd_evaluate_detector(args)
    model = _load_model_or_exit(args.model, args.device)
    if model is None:
        return EXIT_USAGE
    try:
        evaluation = evaluate_folder(model, args.data, batch_size=args.batch_size)
    except DataError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return EXIT_USAGE
    for path, reason in evaluation.skipped:
        print(f"skipped: {path}: {reason}", file=sys.stderr)
    report = evaluation.as_dict()
    width = max(len(c) for c in evaluation.classes)
    print(f"{'class':<{width}}  precision  recall     f1  support", file=sys.stderr)
    for name, s in report["per_class"].items():
        print(
            f"{name:<{width}}  {s['precision']:9.3f}  {s['recall']:6.3f}  {s['f1']:5.3f}  {s['support']:7d}",
            file=sys.stderr,
        )
    print(f"accuracy {report['accuracy']:.4f} on {report['images']} images", file=sys.stderr)
    _print_json(report)
    return EXIT_OK


def cmd_runs(args: argparse.Namespace) -> int:
    from imgstudio.core.ml.runs import default_runs_root, list_runs

    records = list_runs(args.root)
    if args.json:
        for record in records:
            _print_json(record.row())
        return EXIT_OK
    if not records:
        print(f"no runs under {args.root or default_runs_root()}", file=sys.stderr)
        return EXIT_OK
    for record in records:
        r = record.row()
        best = f"{r['best']:.3f}" if isinstance(r["best"], float) else "-"
        measure = f"best {r['monitor'] or 'metric'} {best}"
        print(f"{r['status']:<14} {r['task']:<9} {r['model']:<18} {r['epochs']:>7}  {measure}  {r['data']}  {r['run']}")
    return EXIT_OK


def cmd_export(args: argparse.Namespace) -> int:
    from imgstudio.core.ml.checkpoint import CheckpointError
    from imgstudio.core.ml.export import ExportError, ExportFailedError, export_model

    try:
        result = export_model(args.model, args.format, args.out, batch_size=args.batch_size, opset=args.opset)
    except ExportFailedError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return EXIT_FAILED
    except (ExportError, CheckpointError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return EXIT_USAGE
    if result.get("note"):
        print(f"note: {result['note']}", file=sys.stderr)
    _print_json(result)
    return EXIT_OK


def cmd_summary(args: argparse.Namespace) -> int:
    from imgstudio.core.ml.explain import summarize_model

    try:
        summary = summarize_model(args.model, args.image_size, args.num_classes, args.channels)
    except ValueError as exc:  # unknown name, bad or foreign file, impossible size
        print(f"error: {exc}", file=sys.stderr)
        return EXIT_USAGE
    print(summary.table())
    _print_json(summary.as_dict())
    return EXIT_OK


def cmd_explain(args: argparse.Namespace) -> int:
    from imgstudio.core.io import ImageReadError, read_image
    from imgstudio.core.ml.explain import explain_to_folder

    model = _load_model_or_exit(args.model, args.device)
    if model is None:
        return EXIT_USAGE
    try:
        image, _ = read_image(args.image)
        result = explain_to_folder(
            model,
            image,
            args.out,
            layer=args.layer,
            class_ref=args.class_ref,
            method=args.method,
            overwrite=args.overwrite,
        )
    except FileExistsError as exc:
        print(f"error: {exc}; use --overwrite to replace them", file=sys.stderr)
        return EXIT_USAGE
    except (ImageReadError, ValueError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return EXIT_USAGE
    _print_json(result)
    return EXIT_OK


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="imgstudio",
        description="Image data processing and analysis with neural networks. Without a command, opens the GUI.",
    )
    parser.add_argument("--version", action="version", version=f"imgstudio {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    gui = sub.add_parser("gui", help="open the desktop application (default)")
    gui.add_argument("path", nargs="?", help="an image or a folder to open")
    gui.set_defaults(func=cmd_gui)

    info = sub.add_parser("info", help="print one JSON object per readable image")
    info.add_argument("paths", nargs="+", metavar="PATH")
    info.add_argument("--max-pixels", type=int, default=None, help="refuse images with more pixels than this")
    info.set_defaults(func=cmd_info)

    pre = sub.add_parser("preprocess", help="apply a pipeline file to an image or a folder")
    pre.add_argument("input", metavar="INPUT", help="an image file or a folder")
    pre.add_argument("--pipeline", required=True, metavar="FILE.json")
    pre.add_argument("--output", required=True, metavar="DIR", help="output folder (never the input folder)")
    pre.add_argument("--format", choices=["png", "jpg", "jpeg", "bmp", "tiff", "tif", "webp"], default=None)
    pre.add_argument("--quality", type=int, default=None, help="JPEG/WebP quality 1-100 (other formats are lossless)")
    pre.add_argument("--recursive", "-r", action="store_true", help="include sub-folders (keeps relative paths)")
    pre.add_argument("--overwrite", action="store_true", help="replace existing files in the output folder")
    pre.add_argument("--seed", type=int, default=None, help="seed for random ranges in the pipeline")
    pre.add_argument("--quiet", "-q", action="store_true", help="no progress on stderr")
    pre.set_defaults(func=cmd_preprocess)

    ops = sub.add_parser("ops", help="list the operations a pipeline can use, with their parameters")
    ops.add_argument("--json", action="store_true")
    ops.set_defaults(func=cmd_ops)

    models = sub.add_parser("models", help="list the model architectures you can train")
    models.set_defaults(func=cmd_models)

    train = sub.add_parser("train", help="train a model; last line of output is one JSON object")
    train.add_argument("--resume", metavar="RUN_DIR", help="continue the run in RUN_DIR from its last checkpoint")
    train.add_argument("--config", metavar="FILE.json", help="a saved training configuration (flags override it)")
    train.add_argument(
        "--task", help="what the model learns: classify (default), generate (dcgan, cdcgan, vae) or detect (tiny-det)"
    )
    train.add_argument(
        "--data",
        help="a folder (one sub-folder per class), synthetic:shapes, or torchvision:mnist; "
        "for detect: a COCO .json, VOC or YOLO folder, or synthetic:shapes-detect",
    )
    train.add_argument("--model", help="an architecture from `imgstudio models`")
    train.add_argument("--image-size", dest="image_size", type=int)
    train.add_argument("--channels", type=int, choices=[1, 3])
    train.add_argument("--epochs", type=int)
    train.add_argument("--batch-size", dest="batch_size", type=int)
    train.add_argument("--lr", type=float)
    train.add_argument("--optimizer", choices=["adam", "adamw", "sgd"])
    train.add_argument("--weight-decay", dest="weight_decay", type=float)
    train.add_argument("--scheduler", choices=["cosine", "onecycle", "step", "none"])
    train.add_argument("--device", help="auto, cpu, cuda or mps")
    train.add_argument("--patience", type=int, help="early stopping after this many epochs without improvement")
    train.add_argument("--seed", type=int)
    train.add_argument(
        "--out", metavar="RUN_DIR", help="the run folder (config, metrics, checkpoints); default: a new dated folder"
    )
    train.add_argument("--val-fraction", dest="val_fraction", type=float)
    train.add_argument("--synthetic-train", dest="synthetic_train", type=int, help="images per synthetic train set")
    train.add_argument("--synthetic-val", dest="synthetic_val", type=int)
    train.add_argument("--num-workers", dest="num_workers", type=int)
    train.add_argument("--augment", metavar="PIPELINE.json", help="a preprocessing pipeline with random ranges")
    train.add_argument(
        "--pretrained", action="store_true", default=None, help="torchvision weights when cached or downloadable"
    )
    train.add_argument(
        "--download", action="store_true", default=None, help="download a torchvision data set that is not cached"
    )
    train.set_defaults(func=cmd_train)

    predict = sub.add_parser("predict", help="classify images with a model file; one JSON object per image")
    predict.add_argument("paths", nargs="+", metavar="PATH", help="images or folders")
    predict.add_argument("--model", required=True, metavar="MODEL_FILE")
    predict.add_argument("--top-k", dest="top_k", type=int, default=5)
    predict.add_argument("--csv", metavar="FILE", help="also write path,label,confidence[,label_2,confidence_2...]")
    predict.add_argument("--recursive", "-r", action="store_true", help="include sub-folders of folders")
    predict.add_argument("--device", default="auto")
    predict.add_argument("--batch-size", dest="batch_size", type=int, default=32)
    predict.set_defaults(func=cmd_predict)

    evaluate = sub.add_parser("evaluate", help="accuracy, per-class scores and confusion matrix on a labelled folder")
    evaluate.add_argument("--model", required=True, metavar="MODEL_FILE")
    evaluate.add_argument(
        "--data",
        required=True,
        metavar="FOLDER",
        help="one sub-folder per class; for a detector: a COCO .json, VOC or YOLO folder, or synthetic:shapes-detect",
    )
    evaluate.add_argument("--images", metavar="DIR", help="a detector's evaluation images (default: beside the labels)")
    evaluate.add_argument("--device", default="auto")
    evaluate.add_argument("--batch-size", dest="batch_size", type=int, default=32)
    evaluate.set_defaults(func=cmd_evaluate)

    runs = sub.add_parser("runs", help="list training runs (newest first) to compare them")
    runs.add_argument("root", nargs="?", help="folder holding run folders (default: ~/imgstudio/runs)")
    runs.add_argument("--json", action="store_true", help="one JSON object per run")
    runs.set_defaults(func=cmd_runs)

    export = sub.add_parser("export", help="export a model file to ONNX or TorchScript, checked against the original")
    export.add_argument("--model", required=True, metavar="MODEL_FILE")
    export.add_argument("--format", required=True, choices=["onnx", "torchscript"])
    export.add_argument("--out", required=True, metavar="FILE", help="the exported file (replaced atomically)")
    export.add_argument("--batch-size", dest="batch_size", type=int, default=4, help="sample batch for the check")
    export.add_argument("--opset", type=int, default=None, help="ONNX operator set (default: the exporter's)")
    export.set_defaults(func=cmd_export)

    summary = sub.add_parser("summary", help="layers, output shapes, parameters and FLOPs of a model")
    summary.add_argument(
        "--model", required=True, metavar="NAME_OR_FILE", help="a name from `imgstudio models` or a model file"
    )
    summary.add_argument("--image-size", dest="image_size", type=int, help="input side (default 224; a file: its own)")
    summary.add_argument("--num-classes", dest="num_classes", type=int, help="default 10 (torchvision backbones: 1000)")
    summary.add_argument("--channels", type=int, choices=[1, 3], help="input channels (default 3)")
    summary.set_defaults(func=cmd_summary)

    explain = sub.add_parser("explain", help="feature maps, filters and Grad-CAM of one image, as files in a folder")
    explain.add_argument("image", metavar="IMAGE")
    explain.add_argument("--model", required=True, metavar="MODEL_FILE")
    explain.add_argument("--out", required=True, metavar="DIR", help="output folder (created)")
    explain.add_argument(
        "--layer", help="layer for the feature maps and Grad-CAM (default: the last convolution, after its activation)"
    )
    explain.add_argument("--class", dest="class_ref", metavar="CLASS", help="class name or index (default: predicted)")
    explain.add_argument("--method", choices=["gradcam", "gradcam++"], default="gradcam")
    explain.add_argument("--overwrite", action="store_true", help="replace existing output files")
    explain.add_argument("--device", default="auto")
    explain.set_defaults(func=cmd_explain)
    add_detection_parsers(sub)
    add_generate_parser(sub)
    add_selftest_parser(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args_list = list(sys.argv[1:] if argv is None else argv)
    parser = build_parser()
    commands = next(a.choices for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    if not args_list or (args_list[0] not in commands and not args_list[0].startswith("-")):
        args_list = ["gui", *args_list]
    args = parser.parse_args(args_list)
    try:
        return int(args.func(args))
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return 130
