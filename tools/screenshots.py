"""Render the README screenshots offscreen: python tools/screenshots.py [OUT_DIR]."""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtWidgets import QApplication

from imgstudio.app import SAMPLES, create_main_window


def wait(app: QApplication, predicate, timeout: float = 30.0) -> None:
    end = time.monotonic() + timeout
    while not predicate() and time.monotonic() < end:
        app.processEvents()
        time.sleep(0.01)


def settle(app: QApplication, tab) -> None:
    wait(app, lambda: tab.preview.is_idle())
    for _ in range(20):
        app.processEvents()
        time.sleep(0.02)


def main() -> None:
    out = Path(sys.argv[1] if len(sys.argv) > 1 else "docs/screenshots")
    out.mkdir(parents=True, exist_ok=True)
    app = QApplication([])
    window = create_main_window(use_qsettings=False)
    window.resize(1500, 900)
    window.show()
    tab = window.preprocess
    wait(app, lambda: tab.result is not None)
    tab.open_folder(str(SAMPLES))
    wait(app, lambda: tab.current_path.endswith("gray16.png") or tab.result is not None)
    tab.open_image(str(SAMPLES / "landscape.jpg"))
    wait(app, lambda: tab.current_path.endswith("landscape.jpg"))
    tab.strip.select_path(SAMPLES / "landscape.jpg")
    tab.editor.add_step("rotate")
    tab.editor.set_param("angle", 12.0)
    tab.editor.set_param("expand", True)
    tab.editor.add_step("clahe")
    tab.editor.set_param("clip_limit", 3.0)
    tab.editor.add_step("sharpen")
    tab.editor.list.setCurrentRow(0)
    settle(app, tab)
    tab._on_hover(800, 500)
    window.statusBar().showMessage("Opened landscape.jpg")
    window.grab().save(str(out / "preprocess.png"))

    tab.editor.add_step("crop")
    settle(app, tab)
    window.grab().save(str(out / "preprocess_crop.png"))

    tab.editor.set_param("width", {"min": 500, "max": 900})
    tab.editor.list.setCurrentRow(0)
    tab.editor.set_param("angle", {"min": -20.0, "max": 20.0})
    dialog = tab.open_augment()
    dialog.count.setValue(8)
    wait(app, lambda: len(dialog.tiles) == 8)
    settle(app, tab)
    dialog.grab().save(str(out / "augmentation.png"))
    dialog.close()

    batch = tab.open_batch()
    batch.input_field.edit.setText("~/Pictures/field-survey")
    batch.output_field.edit.setText("~/Pictures/field-survey-processed")
    settle(app, tab)
    batch.grab().save(str(out / "batch.png"))
    batch.close()
    window.close()
    print(f"screenshots written to {out}")


if __name__ == "__main__":
    main()
