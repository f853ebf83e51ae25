"""The Train panel's form: data, model, training settings and runs folder -> a TrainConfig.

The model catalogue (which imports torch) is read in a worker the first time the form
is shown, so the app starts without torch; until then Start waits for it.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, Qt, Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDoubleSpinBox,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from imgstudio.core.jobs import JobContext
from imgstudio.core.ml.config import ConfigError, TrainConfig
from imgstudio.core.ml.runs import default_runs_root
from imgstudio.core.pipeline import Pipeline, PipelineError
from imgstudio.core.settings import Settings
from imgstudio.ui.language import tr_core
from imgstudio.ui.workers import JobRunner

FOLDER = "folder"
AUGMENT_NONE, AUGMENT_PREPROCESS, AUGMENT_FILE = "none", "preprocess", "file"
DATA_CHOICES = (
    ("synthetic:shapes", QT_TRANSLATE_NOOP("TrainForm", "Built-in shapes (no download)")),
    (FOLDER, QT_TRANSLATE_NOOP("TrainForm", "Folder of class folders…")),
    ("torchvision:mnist", QT_TRANSLATE_NOOP("TrainForm", "MNIST (torchvision)")),
    ("torchvision:fashion-mnist", QT_TRANSLATE_NOOP("TrainForm", "Fashion-MNIST (torchvision)")),
    ("torchvision:cifar10", QT_TRANSLATE_NOOP("TrainForm", "CIFAR-10 (torchvision)")),
)
ARTICLE_DEMO = {"model": "article-cnn", "data": "synthetic:shapes", "image_size": 64, "epochs": 5, "channels": 3}


def load_catalogue(_ctx: JobContext) -> dict[str, Any]:
    """Registered classifiers and usable devices (imports torch: runs in a worker)."""
    from imgstudio.core.ml.device import available_devices
    from imgstudio.core.ml.models import MODELS

    models = [
        {"name": s.name, "description": s.description, "min_size": s.min_image_size, "pretrained": s.has_pretrained}
        for s in MODELS.values()
        if s.task == "classify"
    ]
    return {"models": models, "devices": available_devices()}


class TrainForm(QWidget):
    """Every setting of a run; :meth:`config` and :meth:`set_config` convert."""

    sigStatus = Signal(str)
    sigWarning = Signal(str, str)
    sigCatalogueReady = Signal()

    def __init__(self, settings: Settings | None = None, pipeline_source: Any = None, parent: QWidget | None = None):
        super().__init__(parent)
        self.settings = settings or Settings()
        self.pipeline_source = pipeline_source
        """Callable returning the Preprocess tab's pipeline (for "augment with it")."""
        self.catalogue: dict[str, Any] | None = None
        self._catalogue_runner: JobRunner | None = None
        self.augment_file = ""
        self.running = False
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        for group in (
            self._build_data_group(),
            self._build_model_group(),
            self._build_training_group(),
            self._build_output_group(),
        ):
            layout.addWidget(group)
        layout.addStretch(1)
        self._restore_form()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self.ensure_catalogue()

    def _build_data_group(self) -> QGroupBox:
        box = QGroupBox(self.tr("Data"))
        lay = QFormLayout(box)
        self.data_combo = QComboBox()
        for key, label in DATA_CHOICES:
            self.data_combo.addItem(self.tr(label), key)
        self.data_combo.setToolTip(self.tr("Where the training images come from"))
        self.data_combo.currentIndexChanged.connect(lambda: self.update_controls())
        self.folder_edit = QLineEdit()
        self.folder_edit.setPlaceholderText(self.tr("a folder with one sub-folder per class"))
        self.folder_edit.setToolTip(
            self.tr("root/<class>/*.jpg; with train/ val/ test/ sub-folders those splits are used")
        )
        browse = QPushButton(self.tr("Browse…"))
        browse.setToolTip(self.tr("Choose the folder of class folders in a file dialog"))
        browse.clicked.connect(self._browse_data_folder)
        self.browse_button = browse
        folder_row = QHBoxLayout()
        folder_row.addWidget(self.folder_edit, 1)
        folder_row.addWidget(browse)
        self.train_count = QSpinBox()
        self.train_count.setRange(50, 200_000)
        self.train_count.setSingleStep(500)
        self.train_count.setToolTip(self.tr("Synthetic images generated for training"))
        self.val_count = QSpinBox()
        self.val_count.setRange(20, 50_000)
        self.val_count.setSingleStep(100)
        self.val_count.setToolTip(self.tr("Synthetic images generated for validation"))
        self.download_check = QCheckBox(self.tr("Download if not cached (needs a network)"))
        self.download_check.setToolTip(
            self.tr("Fetch the torchvision data set from the internet when it is not on this computer yet")
        )
        self.augment_combo = QComboBox()
        self.augment_combo.addItem(self.tr("None"), AUGMENT_NONE)
        self.augment_combo.addItem(self.tr("The Preprocess tab's pipeline"), AUGMENT_PREPROCESS)
        self.augment_combo.addItem(self.tr("Pipeline file…"), AUGMENT_FILE)
        self.augment_combo.setToolTip(
            self.tr("Random ranges in the pipeline make every epoch see new variants of the images")
        )
        self.augment_combo.activated.connect(self._on_augment_chosen)
        lay.addRow(self.tr("Source"), self.data_combo)
        lay.addRow(self.tr("Folder"), folder_row)
        lay.addRow(self.tr("Train images"), self.train_count)
        lay.addRow(self.tr("Validation images"), self.val_count)
        lay.addRow("", self.download_check)
        lay.addRow(self.tr("Augmentation"), self.augment_combo)
        return box

    def _build_model_group(self) -> QGroupBox:
        box = QGroupBox(self.tr("Model"))
        lay = QFormLayout(box)
        self.model_combo = QComboBox()
        self.model_combo.addItem(self.tr("loading models…"))
        self.model_combo.setEnabled(False)
        self.model_combo.setToolTip(self.tr("The network to train; each entry's tooltip describes it"))
        self.model_combo.currentIndexChanged.connect(lambda: self.update_controls())
        self.article_button = QPushButton(self.tr("The article's CNN on shapes"))
        self.article_button.setToolTip(
            self.tr("Conv32-Pool-Conv64-Pool-Conv128-Pool-Dense512-Dense5 on the built-in shapes at 64×64; then Start")
        )
        self.article_button.clicked.connect(self.use_article_demo)
        self.size_spin = QSpinBox()
        self.size_spin.setRange(8, 1024)
        self.size_spin.setSingleStep(16)
        self.size_spin.setSuffix(" px")
        self.size_spin.setToolTip(self.tr("Images are resized to this square side"))
        self.channels_combo = QComboBox()
        self.channels_combo.addItem(self.tr("RGB"), 3)
        self.channels_combo.addItem(self.tr("Grayscale"), 1)
        self.channels_combo.setToolTip(self.tr("Colour planes the network sees; Grayscale converts every image"))
        self.pretrained_check = QCheckBox(self.tr("Start from ImageNet weights when available"))
        self.pretrained_check.setToolTip(
            self.tr("Begin with weights learnt on ImageNet (transfer learning) instead of random ones")
        )
        lay.addRow(self.tr("Architecture"), self.model_combo)
        lay.addRow("", self.article_button)
        lay.addRow(self.tr("Input size"), self.size_spin)
        lay.addRow(self.tr("Channels"), self.channels_combo)
        lay.addRow("", self.pretrained_check)
        return box

    def _build_training_group(self) -> QGroupBox:
        box = QGroupBox(self.tr("Training"))
        lay = QFormLayout(box)
        self.epochs_spin = QSpinBox()
        self.epochs_spin.setRange(1, 10_000)
        self.epochs_spin.setToolTip(self.tr("How many times training goes through all the training images"))
        self.batch_spin = QSpinBox()
        self.batch_spin.setRange(1, 4096)
        self.batch_spin.setToolTip(
            self.tr("Images per weight update; larger batches need more memory and can train faster")
        )
        self.optimizer_combo = QComboBox()
        for key, label in (("adam", "Adam"), ("adamw", "AdamW"), ("sgd", self.tr("SGD + momentum"))):
            self.optimizer_combo.addItem(label, key)
        self.optimizer_combo.setToolTip(self.tr("The rule that updates the weights from the gradients"))
        self.lr_spin = QDoubleSpinBox()
        self.lr_spin.setDecimals(6)
        self.lr_spin.setRange(1e-6, 10.0)
        self.lr_spin.setSingleStep(1e-4)
        self.lr_spin.setToolTip(
            self.tr("Size of each weight update: too high and training diverges, too low and it crawls")
        )
        self.scheduler_combo = QComboBox()
        for key, label in (
            ("cosine", self.tr("Cosine")),
            ("onecycle", self.tr("One-cycle")),
            ("step", self.tr("Step ÷10")),
            ("none", self.tr("Constant")),
        ):
            self.scheduler_combo.addItem(label, key)
        self.scheduler_combo.setToolTip(self.tr("How the learning rate changes from epoch to epoch"))
        self.patience_spin = QSpinBox()
        self.patience_spin.setRange(0, 1000)
        self.patience_spin.setSpecialValueText(self.tr("off"))
        self.patience_spin.setToolTip(self.tr("Stop after this many epochs without a better validation accuracy"))
        self.seed_spin = QSpinBox()
        self.seed_spin.setRange(0, 2**31 - 1)
        self.seed_spin.setToolTip(
            self.tr("Starts the random numbers (weights, shuffling, synthetic images): same seed, same run")
        )
        self.device_combo = QComboBox()
        self.device_combo.addItem(self.tr("Auto (GPU when available)"), "auto")
        self.device_combo.addItem("CPU", "cpu")
        self.device_combo.setToolTip(self.tr("GPUs appear here when PyTorch finds one"))
        lay.addRow(self.tr("Epochs"), self.epochs_spin)
        lay.addRow(self.tr("Batch size"), self.batch_spin)
        lay.addRow(self.tr("Optimizer"), self.optimizer_combo)
        lay.addRow(self.tr("Learning rate"), self.lr_spin)
        lay.addRow(self.tr("Schedule"), self.scheduler_combo)
        lay.addRow(self.tr("Early stopping"), self.patience_spin)
        lay.addRow(self.tr("Seed"), self.seed_spin)
        lay.addRow(self.tr("Device"), self.device_combo)
        return box

    def _build_output_group(self) -> QGroupBox:
        box = QGroupBox(self.tr("Runs"))
        lay = QFormLayout(box)
        self.runs_edit = QLineEdit()
        self.runs_edit.setPlaceholderText(str(default_runs_root()))
        self.runs_edit.setToolTip(self.tr("Each run gets a new dated folder here: config, metrics, model files"))
        lay.addRow(self.tr("Runs folder"), self.runs_edit)
        return box

    def ensure_catalogue(self) -> None:
        """Read the model list in a worker (once)."""
        if self.catalogue is not None or self._catalogue_runner is not None:
            return
        runner = JobRunner(load_catalogue, self)
        runner.sigResult.connect(self._on_catalogue)
        runner.sigError.connect(self._on_catalogue_failed)
        self._catalogue_runner = runner
        runner.start()

    def _on_catalogue(self, catalogue: dict[str, Any]) -> None:
        self.catalogue = catalogue
        wanted = self._pending_model
        self.model_combo.blockSignals(True)
        self.model_combo.clear()
        for m in catalogue["models"]:
            self.model_combo.addItem(m["name"], m)
            self.model_combo.setItemData(
                self.model_combo.count() - 1, tr_core(m["description"]), Qt.ItemDataRole.ToolTipRole
            )
        self.model_combo.setEnabled(True)
        self.model_combo.blockSignals(False)
        self._select_model(wanted)
        for device in catalogue["devices"]:
            if device != "cpu" and self.device_combo.findData(device) < 0:
                self.device_combo.addItem(device.upper(), device)
        self.update_controls()
        self.sigCatalogueReady.emit()

    def _select_model(self, name: str) -> None:
        self._pending_model = name
        index = self.model_combo.findText(name)
        if index >= 0:
            self.model_combo.setCurrentIndex(index)

    @property
    def model_spec(self) -> dict[str, Any] | None:
        data = self.model_combo.currentData()
        return data if isinstance(data, dict) else None

    # -- form <-> config --------------------------------------------------------------------
    def config(self) -> TrainConfig:
        """The configuration the form describes (without a run folder)."""
        key = self.data_combo.currentData()
        data = self.folder_edit.text().strip() if key == FOLDER else key
        if not data:
            raise ConfigError(self.tr("choose the folder of class folders to train on"))
        spec = self.model_spec
        augment = self._augment_spec()
        return TrainConfig(
            data=data,
            model=spec["name"] if spec else self._pending_model,
            image_size=self.size_spin.value(),
            channels=int(self.channels_combo.currentData()),
            epochs=self.epochs_spin.value(),
            batch_size=self.batch_spin.value(),
            lr=round(self.lr_spin.value(), 6),
            optimizer=self.optimizer_combo.currentData(),
            scheduler=self.scheduler_combo.currentData(),
            patience=self.patience_spin.value(),
            seed=self.seed_spin.value(),
            device=self.device_combo.currentData(),
            synthetic_train=self.train_count.value(),
            synthetic_val=self.val_count.value(),
            download=self.download_check.isChecked() and key.startswith("torchvision:"),
            pretrained=self.pretrained_check.isChecked() and bool(spec and spec["pretrained"]),
            augment=augment,
        )

    def set_config(self, config: TrainConfig) -> None:
        """Show ``config`` in the form."""
        index = self.data_combo.findData(config.data)
        if index < 0:
            index = self.data_combo.findData(FOLDER)
            self.folder_edit.setText(config.data)
        self.data_combo.setCurrentIndex(index)
        self._select_model(config.model)
        self.size_spin.setValue(config.image_size)
        self.channels_combo.setCurrentIndex(self.channels_combo.findData(config.channels))
        self.epochs_spin.setValue(config.epochs)
        self.batch_spin.setValue(config.batch_size)
        self.lr_spin.setValue(config.lr)
        self.optimizer_combo.setCurrentIndex(max(0, self.optimizer_combo.findData(config.optimizer)))
        self.scheduler_combo.setCurrentIndex(max(0, self.scheduler_combo.findData(config.scheduler)))
        self.patience_spin.setValue(config.patience)
        self.seed_spin.setValue(config.seed)
        device = self.device_combo.findData(config.device)
        self.device_combo.setCurrentIndex(device if device >= 0 else 0)
        self.train_count.setValue(config.synthetic_train)
        self.val_count.setValue(config.synthetic_val)
        self.download_check.setChecked(config.download)
        self.pretrained_check.setChecked(config.pretrained)
        self._loaded_augment = config.augment
        mode = AUGMENT_FILE if config.augment else AUGMENT_NONE
        self.augment_combo.setCurrentIndex(self.augment_combo.findData(mode))
        self.update_controls()

    def _restore_form(self) -> None:
        self._pending_model = TrainConfig().model
        self._loaded_augment: dict[str, Any] | None = None
        config = TrainConfig()
        if self.settings.train_config:
            try:
                config = TrainConfig.from_dict(json.loads(self.settings.train_config))
            except (ValueError, ConfigError):
                config = TrainConfig()
        self.set_config(config)
        self.runs_edit.setText(self.settings.runs_folder)

    def remember(self, config: TrainConfig) -> None:
        data = config.to_dict()
        data["out"] = ""
        self.settings.train_config = json.dumps(data)
        self.settings.runs_folder = self.runs_edit.text().strip()

    def _augment_spec(self) -> dict[str, Any] | None:
        mode = self.augment_combo.currentData()
        if mode == AUGMENT_PREPROCESS and self.pipeline_source is not None:
            pipeline = self.pipeline_source()
            return pipeline.to_json() if pipeline is not None and pipeline.steps else None
        if mode == AUGMENT_FILE:
            return self._loaded_augment
        return None

    def _on_augment_chosen(self) -> None:
        if self.augment_combo.currentData() != AUGMENT_FILE:
            return
        path, _ = QFileDialog.getOpenFileName(self, self.tr("Augmentation pipeline"), "", self.tr("Pipeline (*.json)"))
        if not path:
            self.augment_combo.setCurrentIndex(self.augment_combo.findData(AUGMENT_NONE))
            return
        self.load_augment_file(path)

    def load_augment_file(self, path: str) -> bool:
        try:
            self._loaded_augment = Pipeline.load(path).to_json()
        except (PipelineError, OSError, ValueError) as exc:
            self.sigWarning.emit(self.tr("Cannot use this pipeline"), str(exc))
            self.augment_combo.setCurrentIndex(self.augment_combo.findData(AUGMENT_NONE))
            return False
        self.augment_file = path
        self.augment_combo.setCurrentIndex(self.augment_combo.findData(AUGMENT_FILE))
        self.sigStatus.emit(self.tr("Augmentation: {0}").format(Path(path).name))
        return True

    def use_article_demo(self) -> None:
        """The instructor's preset: the article's CNN on the built-in shapes."""
        config = self._config_or_default()
        for key, value in ARTICLE_DEMO.items():
            setattr(config, key, value)
        self.set_config(config)
        self.sigStatus.emit(self.tr("The article's CNN on the built-in shapes at 64×64: press Start"))

    def _config_or_default(self) -> TrainConfig:
        try:
            return self.config()
        except ConfigError:
            return TrainConfig()

    def _browse_data_folder(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, self.tr("Folder of class folders"), self.folder_edit.text())
        if folder:
            self.folder_edit.setText(folder)
            self.data_combo.setCurrentIndex(self.data_combo.findData(FOLDER))

    def _on_catalogue_failed(self, message: str) -> None:
        self.model_combo.clear()
        self.model_combo.addItem(self.tr("models unavailable"))
        self.sigWarning.emit(self.tr("Cannot list the models"), message)

    def update_controls(self, running: bool | None = None) -> None:
        """Enable what can be changed now (nothing while a run trains)."""
        if running is not None:
            self.running = running
        editable = not self.running
        key = self.data_combo.currentData() or ""
        spec = self.model_spec
        for w in (self.folder_edit, self.browse_button):
            w.setEnabled(editable and key == FOLDER)
        for w in (self.train_count, self.val_count):
            w.setEnabled(editable and key.startswith("synthetic:"))
        self.download_check.setEnabled(editable and key.startswith("torchvision:"))
        self.pretrained_check.setEnabled(editable and bool(spec and spec["pretrained"]))
        if spec:
            self.size_spin.setMinimum(int(spec["min_size"]))
        for w in (
            self.data_combo,
            self.augment_combo,
            self.article_button,
            self.size_spin,
            self.channels_combo,
            self.epochs_spin,
            self.batch_spin,
            self.optimizer_combo,
            self.lr_spin,
            self.scheduler_combo,
            self.patience_spin,
            self.seed_spin,
            self.device_combo,
            self.runs_edit,
        ):
            w.setEnabled(editable)
        self.model_combo.setEnabled(editable and self.catalogue is not None)

    def shutdown(self) -> None:
        """Wait for the catalogue worker, if it still runs."""
        if self._catalogue_runner is not None:
            self._catalogue_runner.wait()
