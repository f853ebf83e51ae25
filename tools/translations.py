"""Keep the interface translations current: python tools/translations.py update|release|check.

- ``update``  regenerates ``imgstudio/ui/core_texts.py`` (texts the UI shows from the core's
  registries) and runs pyside6-lupdate over every .py of ``imgstudio/ui`` and ``imgstudio/app.py``
  into each ``.ts``: new strings arrive unfinished, existing translations stay, strings no longer
  in the sources are marked obsolete.
- ``release`` compiles each ``.ts`` into the ``.qm`` that the app loads (committed, so an install
  needs no Qt tools).
- ``check``   runs lupdate on the current sources into a temporary copy and lists every string
  without a finished translation, every translation that lost a placeholder, tag, mnemonic or
  ellipsis of its source, and a stale core_texts.py or .qm; exits 1 if there is any.
- ``screenshots [CODE]`` renders the main window on each tab in that language (default zh_CN),
  offscreen at 1500×900, into ``docs/screenshots/<CODE>_<tab>.png`` (trains the article's CNN
  on the built-in shapes for the Train, Classify and Explain tabs: a few minutes on a CPU).

Translate in Qt Linguist (``pyside6-linguist imgstudio/resources/translations/imgstudio_zh_CN.ts``)
or in the .ts directly, then ``release``.

简体中文 glossary (standard terms; the seed article's vocabulary):
  convolution 卷积 · pooling 池化 · fully connected/dense layer 全连接层 · feature map 特征图 ·
  kernel 卷积核 · filter 滤波器 (learned filters of a layer: 卷积核) · stride 步幅 · padding 填充 ·
  channel 通道 · layer 层 · activation 激活 · weights 权重 · parameters 参数 · epoch 轮 (epoch 3 第 3 轮) ·
  batch 批次 · batch size 批大小 · learning rate 学习率 · loss 损失 · accuracy 准确率 ·
  precision 精确率 · recall 召回率 · F1 F1 值 · confusion matrix 混淆矩阵 · validation 验证 ·
  training 训练 · checkpoint 检查点 · early stopping 早停 · augmentation 数据增强 ·
  preprocess 预处理 · pipeline 流水线 · step 步骤 · run (training run) 训练运行 · model 模型 ·
  class 类别 · label 标签 · score 得分 · confidence 置信度 · detector 检测器 · box 框 ·
  annotation 标注 · generator 生成器 · threshold 阈值 · histogram 直方图 · grayscale 灰度 ·
  interpolation 插值 · crop 裁剪 · translate (shift) 平移 · resize 缩放 · preview 预览 ·
  batch processing 批量处理 · heat map 热力图 · device 设备 · folder 文件夹.
"""

from __future__ import annotations

import argparse
import json
import re
import shutil
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TRANSLATIONS = ROOT / "imgstudio" / "resources" / "translations"
LANGUAGES = ("zh_CN",)
CORE_TEXTS = ROOT / "imgstudio" / "ui" / "core_texts.py"
CORE_CONTEXT = "Core"
LINE_LENGTH = 120


def ts_path(code: str) -> Path:
    return TRANSLATIONS / f"imgstudio_{code}.ts"


def qm_path(code: str) -> Path:
    return TRANSLATIONS / f"imgstudio_{code}.qm"


def sources() -> list[Path]:
    """Every file lupdate reads, relative to the repository root, in a stable order."""
    ui = sorted(p.relative_to(ROOT) for p in (ROOT / "imgstudio" / "ui").rglob("*.py"))
    return [*ui, Path("imgstudio/app.py")]


def qt_tool(name: str) -> str | None:
    """``pyside6-<name>`` beside this Python (a virtualenv), else on PATH."""
    local = Path(sys.executable).parent / f"pyside6-{name}"
    if local.exists():
        return str(local)
    return shutil.which(f"pyside6-{name}")


# -- texts from the core ---------------------------------------------------------------------------
def core_texts() -> list[str]:
    """What the UI shows from the core's registries (through ``language.tr_core``), in order:
    operations (category, label, description, parameter titles, help, choices), the bundled
    detectors and their settings, the classifier architectures, and the monitored metrics."""
    from imgstudio.core.ml.config import TASK_MONITORS
    from imgstudio.core.ml.detection.classical import SETTINGS_PARAMS, classical_detectors
    from imgstudio.core.ml.models import MODELS
    from imgstudio.core.ops import OPS
    from imgstudio.core.params import Param

    texts: list[str] = []

    def add_param(param: Param) -> None:
        texts.extend([param.title, param.help, *(c.replace("_", " ") for c in param.choices)])

    for spec in OPS.values():
        texts.extend([spec.category, spec.label, spec.description])
        for param in spec.params:
            add_param(param)
    texts.extend(classical_detectors().values())
    for params in SETTINGS_PARAMS.values():
        for param in params:
            add_param(param)
    texts.extend(spec.description for spec in MODELS.values() if spec.task == "classify")
    for monitors in TASK_MONITORS.values():
        texts.extend(monitors)
    return [t for t in dict.fromkeys(texts) if t]


def render_core_texts(texts: list[str]) -> str:
    """The generated module: one ``QT_TRANSLATE_NOOP`` per text, laid out as ruff formats it."""
    lines = [
        '"""Texts the interface shows from the core: operation names and help, detector and model',
        "descriptions, metric names. Listed here so that lupdate finds them; shown through",
        "``imgstudio.ui.language.tr_core``.",
        "",
        "Generated by ``python tools/translations.py update`` from the core's registries: do not edit.",
        '"""',
        "",
        "from PySide6.QtCore import QT_TRANSLATE_NOOP",
        "",
        "CORE_TEXTS = (",
    ]
    context = json.dumps(CORE_CONTEXT)
    for text in texts:
        literal = json.dumps(text, ensure_ascii=False)
        one_line = f"    QT_TRANSLATE_NOOP({context}, {literal}),"
        if len(one_line) <= LINE_LENGTH:
            lines.append(one_line)
            continue
        inner = f"        {context}, {literal}"
        if len(inner) <= LINE_LENGTH:
            lines += ["    QT_TRANSLATE_NOOP(", inner, "    ),"]
            continue
        arg = f"        {literal},"
        lines += [
            "    QT_TRANSLATE_NOOP(",
            f"        {context},",
            arg if len(arg) <= LINE_LENGTH else arg + "  # noqa: E501",
        ]
        lines.append("    ),")
    lines += [")", ""]
    return "\n".join(lines)


# -- .ts files -----------------------------------------------------------------------------------
@dataclass(frozen=True)
class Message:
    context: str
    source: str
    translation: str
    kind: str
    """"" (finished), "unfinished", "obsolete" or "vanished"."""

    @property
    def active(self) -> bool:
        return self.kind not in ("obsolete", "vanished")


def read_ts(path: Path) -> list[Message]:
    """Every message of a .ts file."""
    out = []
    for context in ET.parse(path).getroot().iter("context"):
        name = context.findtext("name", "")
        for message in context.iter("message"):
            translation = message.find("translation")
            text = (translation.text or "") if translation is not None else ""
            kind = translation.get("type", "") if translation is not None else "unfinished"
            out.append(Message(name, message.findtext("source", ""), text, kind))
    return out


_FIELD = re.compile(r"\{[^{}]*\}")
_QT_ARG = re.compile(r"%L?\d+")
_TAG = re.compile(r"</?[A-Za-z][^<>]*>")
_MNEMONIC = re.compile(r"(?<!&)&(?!&)(?=\w)")


def markers(text: str) -> Counter[str]:
    """What a translation must keep of its source: format fields ({0}, {1:.1f}, {name}), Qt
    arguments (%1), HTML tags, a mnemonic (&F) and a trailing ellipsis."""
    found: Counter[str] = Counter()
    found.update(_FIELD.findall(text))
    found.update(_QT_ARG.findall(text))
    found.update(tag.lower() for tag in _TAG.findall(text))
    if _MNEMONIC.search(text):
        found["&mnemonic"] += 1
    if text.rstrip().endswith(("…", "...")):
        found["…"] += 1
    return found


def marker_problems(messages: list[Message]) -> list[str]:
    """One line per finished translation whose markers differ from its source's."""
    problems = []
    for m in messages:
        if not m.active or m.kind == "unfinished":
            continue
        want, got = markers(m.source), markers(m.translation)
        if want != got:
            problems.append(f"{m.context}: {m.source!r} -> {m.translation!r}: keeps {dict(got)}, needs {dict(want)}")
    return problems


def qm_mismatches(qm: Path, messages: list[Message]) -> list[str]:
    """Finished translations of ``messages`` that the compiled ``qm`` does not give back (a .qm
    not compiled from the current .ts); compared through QTranslator, so any lrelease will do."""
    from PySide6.QtCore import QTranslator

    translator = QTranslator()
    if not translator.load(str(qm)):
        return [f"{qm.name} cannot be loaded"]
    return [
        f"{qm.name}: {m.context}: {m.source!r}"
        for m in messages
        if m.active and m.kind != "unfinished" and translator.translate(m.context, m.source) != m.translation
    ]


def run_lupdate(ts: Path) -> None:
    """lupdate the sources into ``ts`` (created if missing), from the repository root."""
    tool = qt_tool("lupdate")
    if tool is None:
        raise SystemExit("pyside6-lupdate is not installed (pip install PySide6-Essentials)")
    args = [tool, *map(str, sources()), "-ts", str(ts)]
    subprocess.run(args, cwd=ROOT, check=True, capture_output=True, text=True)


def run_lrelease(ts: Path, qm: Path) -> None:
    tool = qt_tool("lrelease")
    if tool is None:
        raise SystemExit("pyside6-lrelease is not installed (pip install PySide6-Essentials)")
    subprocess.run([tool, str(ts), "-qm", str(qm)], check=True, capture_output=True, text=True)


def fresh_messages(code: str) -> list[Message]:
    """The committed .ts of ``code`` updated with the current sources, in a temporary copy."""
    with tempfile.TemporaryDirectory() as tmp:
        copy = Path(tmp) / ts_path(code).name
        shutil.copyfile(ts_path(code), copy)
        run_lupdate(copy)
        return read_ts(copy)


# -- commands ---------------------------------------------------------------------------------------
def update() -> None:
    CORE_TEXTS.write_text(render_core_texts(core_texts()), encoding="utf-8")
    TRANSLATIONS.mkdir(parents=True, exist_ok=True)
    for code in LANGUAGES:
        run_lupdate(ts_path(code))
        messages = [m for m in read_ts(ts_path(code)) if m.active]
        todo = sum(1 for m in messages if m.kind == "unfinished")
        print(f"{ts_path(code).relative_to(ROOT)}: {len(messages)} strings, {todo} to translate")


def release() -> None:
    for code in LANGUAGES:
        run_lrelease(ts_path(code), qm_path(code))
        print(f"{qm_path(code).relative_to(ROOT)} written")


def check() -> int:
    problems: list[str] = []
    if CORE_TEXTS.read_text(encoding="utf-8") != render_core_texts(core_texts()):
        problems.append(f"{CORE_TEXTS.relative_to(ROOT)} is out of date: run `make translations`")
    for code in LANGUAGES:
        messages = [m for m in fresh_messages(code) if m.active]
        problems += [f"{code}: not translated: {m.context}: {m.source!r}" for m in messages if m.kind == "unfinished"]
        problems += [f"{code}: {line}" for line in marker_problems(messages)]
        stale = qm_mismatches(qm_path(code), read_ts(ts_path(code)))
        problems += [f"{code}: not in the compiled .qm (run `release`): {line}" for line in stale[:20]]
    for line in problems:
        print(line)
    print(f"{len(problems)} problem(s)")
    return 1 if problems else 0


def screenshots(code: str) -> None:
    """The main window on each tab with ``code``'s translation installed before it is built."""
    import os

    sys.path.insert(0, str(ROOT / "tools"))
    import screenshots as shots  # the README screenshots' scenes (sets the offscreen platform)
    from PySide6.QtWidgets import QApplication

    from imgstudio.app import SAMPLES, create_main_window
    from imgstudio.ui.language import install_translator

    out = ROOT / "docs" / "screenshots"
    app = QApplication([])
    install_translator(app, code)
    window = create_main_window(use_qsettings=False)
    window.resize(1500, 900)
    window.show()
    preprocess = window.preprocess
    shots.wait(app, lambda: preprocess.result is not None)
    preprocess.open_folder(str(SAMPLES))
    preprocess.open_image(str(SAMPLES / "landscape.jpg"))
    shots.wait(app, lambda: preprocess.current_path.endswith("landscape.jpg"))
    preprocess.strip.select_path(SAMPLES / "landscape.jpg")
    for op, params in (("rotate", {"angle": 12.0, "expand": True}), ("clahe", {"clip_limit": 3.0}), ("sharpen", {})):
        preprocess.editor.add_step(op)
        for name, value in params.items():
            preprocess.editor.set_param(name, value)
    preprocess.editor.list.setCurrentRow(0)
    shots.settle(app, preprocess)
    preprocess._on_hover(800, 500)
    window.grab().save(str(out / f"{code}_preprocess.png"))
    with tempfile.TemporaryDirectory(prefix="imgstudio-shots-") as tmp:
        scenes = Path(tmp) / "scenes"
        scenes.mkdir()
        shots.recognise_shots(app, window, scenes)
        cwd = os.getcwd()
        os.chdir(tmp)  # runs and test images under relative names
        try:
            shots.ml_shots(app, window, scenes)
            shots.explain_shots(app, window, scenes)
            shots.evaluate_shots(app, window, scenes)
            window.generate.train_page.runs_root = "runs"
            shots.generate_shots(app, window, scenes)
        finally:
            os.chdir(cwd)
        for scene, tab in (
            ("train", "train"),
            ("classify", "classify"),
            ("recognise", "recognise"),
            ("recognise_annotate", "recognise_annotate"),
            ("recognise_train", "recognise_train"),
            ("recognise_evaluate", "recognise_evaluate"),
            ("generate_train", "generate"),
            ("generate_sample", "generate_sample"),
            ("explain_maps", "explain"),
            ("explain_playground", "explain_playground"),
        ):
            shutil.copyfile(scenes / f"{scene}.png", out / f"{code}_{tab}.png")
        window.close()
    print(f"screenshots written to {out.relative_to(ROOT)}/{code}_*.png")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("command", choices=("update", "release", "check", "screenshots"))
    parser.add_argument("language", nargs="?", default="zh_CN", help="for screenshots (default zh_CN)")
    args = parser.parse_args(argv)
    if args.command == "update":
        update()
    elif args.command == "release":
        release()
    elif args.command == "screenshots":
        screenshots(args.language)
    else:
        return check()
    return 0


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT))
    sys.exit(main())
