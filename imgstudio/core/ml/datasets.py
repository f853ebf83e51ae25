"""Training data: folder-per-class sets, built-in synthetic sets and torchvision's standard sets.

Every split is an :class:`ImageDataset` whose items are ``(tensor, label)``: a float32
``C x S x S`` tensor, scaled to [0, 1] then normalised with the bundle's mean and std.
One conversion serves training and prediction: :func:`imgstudio.core.ml.preprocess.preprocess_for_model`.

- **Streaming.** A folder is only listed (and each file's first bytes checked) when it
  is indexed; images are decoded by :func:`imgstudio.core.io.read_image` when an item is
  asked for, then kept, resized, in an LRU :class:`ImageCache` of ``cache_mb`` per process.
- **Unreadable files** never stop training: the file is recorded as ``(path, reason)`` in
  ``bundle.skipped`` (and logged) and the next readable item of the split is returned
  instead. Files found bad by a DataLoader *worker process* reach only the log.
- **Normalisation.** Mean and std per channel are measured on up to 200 training images
  (picked with the seed), for every kind of source alike, and travel with the model.
- **Augmentation** is an imgstudio pipeline (JSON, with random ranges) run on the cached
  uint8 image of each *training* item, then resized back to ``S x S``.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol

import cv2
import numpy as np
import torch
from torch.utils.data import Dataset

from imgstudio.core.io import ImageReadError, list_images, read_image, sniff_format
from imgstudio.core.ml import shapes
from imgstudio.core.ml.preprocess import ImageCache, prepare_image, to_tensor
from imgstudio.core.pipeline import Pipeline, PipelineError

log = logging.getLogger(__name__)

SYNTHETIC_SETS: dict[str, str] = {"shapes": shapes.DESCRIPTION, "shapes-plain": shapes.PLAIN_DESCRIPTION}
"""Built-in synthetic sets, addressed as ``synthetic:<name>``."""
TORCHVISION_SETS = ("mnist", "fashion-mnist", "cifar10")
"""torchvision's standard sets, addressed as ``torchvision:<name>``."""
_TORCHVISION = {
    "mnist": ("MNIST", "MNIST"),
    "fashion-mnist": ("FashionMNIST", "Fashion-MNIST"),
    "cifar10": ("CIFAR10", "CIFAR-10"),
}
"""torchvision class name and display title of each set."""
STATS_SAMPLE = 200
"""How many training images the mean and std are measured on."""
_READ_ERRORS = (ImageReadError, OSError, ValueError, cv2.error)


class DataError(ValueError):
    """A data set cannot be built; the message is one line saying what is wrong and where."""


@dataclass
class DataConfig:
    """Where the data comes from and how it is turned into model inputs (GUI, CLI and tests alike)."""

    source: str
    """A folder path, ``synthetic:<name>`` or ``torchvision:<name>``."""
    image_size: int = 64
    channels: int = 3
    val_fraction: float = 0.2
    test_fraction: float = 0.0
    seed: int = 0
    synthetic_train: int = 2000
    synthetic_val: int = 500
    cache_mb: int = 512
    augment: dict[str, Any] | None = None
    download: bool = False
    root: str = ""


@dataclass
class DataBundle:
    """The splits of one data set and what a model needs to know about them."""

    train: ImageDataset
    val: ImageDataset
    test: ImageDataset | None
    classes: list[str]
    mean: tuple[float, ...]
    std: tuple[float, ...]
    skipped: list[tuple[str, str]]
    description: str


# -- sources: where the images of one split come from -----------------------------------


class ImageSource(Protocol):
    """The raw images of one split, by index (any dtype/channels; may raise ImageReadError)."""

    labels: np.ndarray

    def load(self, index: int) -> np.ndarray: ...

    def name(self, index: int) -> str: ...


@dataclass
class FolderSource:
    """Image files read on demand through :func:`read_image`."""

    paths: list[str]
    labels: np.ndarray

    def load(self, index: int) -> np.ndarray:
        return read_image(self.paths[index])[0]

    def name(self, index: int) -> str:
        return self.paths[index]


@dataclass
class ShapesSource:
    """The synthetic shapes set: item ``i`` is rendered from (seed, split, i)."""

    seed: int
    split: str
    count: int
    image_size: int
    style: str = "noisy"
    """``noisy`` (synthetic:shapes) or ``plain`` (synthetic:shapes-plain)."""

    @property
    def labels(self) -> np.ndarray:
        return np.arange(self.count) % len(shapes.SHAPE_CLASSES)

    def load(self, index: int) -> np.ndarray:
        return shapes.shapes_item(self.seed, self.split, index, self.image_size, self.style)[0]

    def name(self, index: int) -> str:
        set_name = "shapes-plain" if self.style == "plain" else "shapes"
        return f"synthetic:{set_name}/{self.split}/{index}"


@dataclass
class ArraySource:
    """Images held in memory (torchvision's sets), restricted to ``index``."""

    images: np.ndarray
    all_labels: np.ndarray
    index: np.ndarray
    title: str

    @property
    def labels(self) -> np.ndarray:
        return self.all_labels[self.index]

    def load(self, index: int) -> np.ndarray:
        return self.images[self.index[index]]

    def name(self, index: int) -> str:
        return f"{self.title}[{int(self.index[index])}]"


# -- the data set ----------------------------------------------------------------------------


class ImageDataset(Dataset):
    """One split: items ``(normalised float tensor C x S x S, label)``, read lazily and cached.

    An unreadable item is reported in ``skipped`` and replaced by the next readable one.
    Training items are augmented with a generator seeded by (seed, epoch, draw, index):
    reproducible, yet different for every sample and every epoch (see :meth:`set_epoch`).
    """

    def __init__(
        self,
        source: ImageSource,
        split: str,
        *,
        image_size: int,
        channels: int,
        cache: ImageCache | None = None,
        augment: Pipeline | None = None,
        seed: int = 0,
        skipped: list[tuple[str, str]] | None = None,
    ) -> None:
        self.source = source
        self.split = split
        self.labels = np.asarray(source.labels, dtype=np.int64)
        self.image_size = image_size
        self.channels = channels
        self.mean: tuple[float, ...] = (0.5,) * channels
        self.std: tuple[float, ...] = (0.5,) * channels
        self.cache = cache if cache is not None else ImageCache(0)
        self.augment = augment
        self.seed = seed
        self.skipped = skipped if skipped is not None else []
        self.epoch = 0
        self._draws: dict[int, int] = {}
        self._bad: set[int] = set()

    def __len__(self) -> int:
        return len(self.labels)

    def set_epoch(self, epoch: int) -> None:
        """Tell the set which epoch runs, so augmentation differs between epochs in worker processes too."""
        self.epoch = int(epoch)

    def path(self, index: int) -> str:
        """The file (or synthetic name) behind an item."""
        return self.source.name(index)

    def _position(self, index: int) -> int:
        n = len(self)
        if not -n <= index < n:
            raise IndexError(f"index {index} out of range for the {self.split} set of {n} images")
        return int(index) % n

    def image(self, index: int) -> tuple[np.ndarray, int]:
        """The prepared uint8 S x S x C image of an item and its label; unreadable items are skipped."""
        index, n = self._position(index), len(self)
        for step in range(n):
            j = (index + step) % n
            if j in self._bad:
                continue
            try:
                return self._prepared(j), int(self.labels[j])
            except _READ_ERRORS as exc:
                self._bad.add(j)
                self._report(j, exc.reason if isinstance(exc, ImageReadError) else f"{type(exc).__name__}: {exc}")
        raise DataError(f"no readable image in the {self.split} set ({n} files, all unreadable; see the skipped list)")

    def augmented_image(self, index: int, rng: np.random.Generator) -> tuple[np.ndarray, int]:
        """Like :meth:`image`, with the augmentation pipeline (if any) drawn from ``rng``."""
        img, label = self.image(index)
        if self.augment is None:
            return img, label
        try:
            out = self.augment.apply(img, rng=rng)
        except PipelineError as exc:
            raise DataError(f"augmentation failed on {self.path(index)}: {exc}") from exc
        return prepare_image(out, self.image_size, self.channels), label

    def __getitem__(self, index: int) -> tuple[torch.Tensor, int]:
        if self.augment is None:
            img, label = self.image(index)
        else:
            index = self._position(index)
            draw = self._draws.get(index, 0)
            self._draws[index] = draw + 1
            img, label = self.augmented_image(index, np.random.default_rng([self.seed, self.epoch, draw, index]))
        return to_tensor(img, self.mean, self.std), label

    def _prepared(self, index: int) -> np.ndarray:
        key = (self.split, index)
        img = self.cache.get(key)
        if img is None:
            img = prepare_image(self.source.load(index), self.image_size, self.channels)
            self.cache.put(key, img)
        return img

    def _report(self, index: int, reason: str) -> None:
        name = self.path(index)
        if all(path != name for path, _ in self.skipped):
            self.skipped.append((name, reason))
        log.warning("skipped unreadable image %s: %s", name, reason)


def estimate_mean_std(
    dataset: ImageDataset, seed: int, limit: int | None = None
) -> tuple[tuple[float, ...], tuple[float, ...]]:
    """Per-channel mean and std (of values in [0, 1]) over up to ``limit`` (200) images picked with ``seed``."""
    n = len(dataset)
    size = min(n, STATS_SAMPLE if limit is None else limit)
    picks = np.sort(np.random.default_rng(seed).choice(n, size=size, replace=False))
    total = np.zeros(dataset.channels)
    squares = np.zeros(dataset.channels)
    count = 0
    for i in picks:
        pixels = dataset.image(int(i))[0].reshape(-1, dataset.channels).astype(np.float64) / 255.0
        total += pixels.sum(axis=0)
        squares += np.square(pixels).sum(axis=0)
        count += len(pixels)
    mean = total / max(count, 1)
    std = np.sqrt(np.maximum(squares / max(count, 1) - mean**2, 0.0))
    std = np.where(std < 1e-3, 1.0, std)  # a constant channel: do not blow it up
    return tuple(round(float(v), 4) for v in mean), tuple(round(float(v), 4) for v in std)


# -- splitting and folder indexing ------------------------------------------------------


def _split_counts(n: int, val_fraction: float, test_fraction: float) -> tuple[int, int]:
    """Val and test counts for a class of ``n`` images, leaving at least one for training."""
    n_val = int(n * val_fraction + 0.5)
    n_test = int(n * test_fraction + 0.5)
    if val_fraction > 0 and n >= 2:
        n_val = max(1, n_val)
    if test_fraction > 0 and n >= 3:
        n_test = max(1, n_test)
    n_val = min(n_val, n - 1)
    return n_val, min(n_test, n - 1 - n_val)


def stratified_split(
    labels: Sequence[int] | np.ndarray, val_fraction: float, test_fraction: float, seed: int
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Sorted (train, val, test) indices with each class split by the fractions; deterministic."""
    labels = np.asarray(labels)
    rng = np.random.default_rng(seed)
    parts: tuple[list[np.ndarray], ...] = ([], [], [])
    for cls in np.unique(labels):
        idx = rng.permutation(np.flatnonzero(labels == cls))
        n_val, n_test = _split_counts(len(idx), val_fraction, test_fraction)
        parts[1].append(idx[:n_val])
        parts[2].append(idx[n_val : n_val + n_test])
        parts[0].append(idx[n_val + n_test :])
    empty = np.zeros(0, dtype=np.int64)
    return tuple(np.sort(np.concatenate(p)) if p else empty for p in parts)  # type: ignore[return-value]


@dataclass
class FolderIndex:
    """The readable-looking image files under ``root/<class>/`` and their labels."""

    classes: list[str]
    paths: list[str]
    labels: list[int]
    skipped: list[tuple[str, str]]

    def source(self, indices: Sequence[int] | np.ndarray | None = None) -> FolderSource:
        keep = range(len(self.paths)) if indices is None else indices
        return FolderSource([self.paths[i] for i in keep], np.asarray([self.labels[i] for i in keep], np.int64))


def _header_problem(path: Path) -> str | None:
    """Why a listed file cannot be an image, from its first bytes (None: looks fine)."""
    try:
        with open(path, "rb") as fh:
            head = fh.read(16)
    except OSError as exc:
        return f"cannot read file ({exc.strerror or exc})"
    if not head:
        return "file is empty (0 bytes)"
    if sniff_format(head) is not None:
        return None
    try:  # rare: a format only Pillow knows, or no image at all
        read_image(path)
    except ImageReadError as exc:
        return exc.reason
    return None


def _class_folders(root: Path) -> list[Path]:
    return sorted((p for p in root.iterdir() if p.is_dir() and not p.name.startswith(".")), key=lambda p: p.name)


def index_folder(root: str | os.PathLike[str], classes: Sequence[str] | None = None) -> FolderIndex:
    """List ``root/<class>/**`` images and check their headers; classes are the sorted folder names.

    With ``classes`` given (a val/test folder), class folders must be among them and may be empty.
    """
    root = Path(root)
    folders = _class_folders(root)
    strict = classes is None
    if classes is None:
        if not folders:
            raise DataError(f"no class folders in {root} (expected {root}{os.sep}<class name>{os.sep}<images>)")
        if len(folders) < 2:
            raise DataError(f"only one class folder in {root} ('{folders[0].name}'): a classifier needs at least 2")
        classes = [p.name for p in folders]
    unknown = [p.name for p in folders if p.name not in classes]
    if unknown:
        raise DataError(f"class folder '{unknown[0]}' in {root} is not a training class ({', '.join(classes)})")
    index = FolderIndex(list(classes), [], [], [])
    for folder in folders:
        found = list_images(folder, recursive=True)
        if strict and not found:
            raise DataError(f"class folder '{folder.name}' has no images ({folder})")
        before = len(index.paths)
        for path in found:
            problem = _header_problem(path)
            if problem is None:
                index.paths.append(str(path))
                index.labels.append(index.classes.index(folder.name))
            else:
                index.skipped.append((str(path), problem))
        if strict and len(index.paths) == before:
            raise DataError(f"class folder '{folder.name}' has no readable images ({folder})")
    if not index.paths:
        raise DataError(f"no readable images in {root}")
    return index


# -- the three kinds of source ------------------------------------------------------------


@dataclass
class _Sources:
    train: ImageSource
    val: ImageSource
    test: ImageSource | None
    classes: list[str]
    origin: str
    skipped: list[tuple[str, str]]


def _folder_sources(config: DataConfig) -> _Sources:
    root = Path(config.source).expanduser()
    if not root.exists():
        raise DataError(f"data folder not found: {root}")
    if not root.is_dir():
        raise DataError(f"not a folder: {root}")
    if (root / "train").is_dir() and _class_folders(root / "train"):
        return _presplit_sources(config, root)
    index = index_folder(root)
    train, val, test = stratified_split(index.labels, config.val_fraction, config.test_fraction, config.seed)
    origin = f"folder {root} (stratified split with seed {config.seed})"
    test_source = index.source(test) if len(test) else None
    return _Sources(index.source(train), index.source(val), test_source, index.classes, origin, index.skipped)


def _presplit_sources(config: DataConfig, root: Path) -> _Sources:
    """``root/train`` with optional ``root/val`` and ``root/test``; a missing split is cut from train."""
    train_index = index_folder(root / "train")
    skipped = list(train_index.skipped)
    given: dict[str, FolderSource] = {}
    for split in ("val", "test"):
        if (root / split).is_dir():
            split_index = index_folder(root / split, train_index.classes)
            skipped += split_index.skipped
            given[split] = split_index.source()
    val_fraction = 0.0 if "val" in given else config.val_fraction
    test_fraction = 0.0 if "test" in given else config.test_fraction
    train, val, test = stratified_split(train_index.labels, val_fraction, test_fraction, config.seed)
    val_source = given["val"] if "val" in given else train_index.source(val)
    test_source = given["test"] if "test" in given else (train_index.source(test) if len(test) else None)
    origin = f"folder {root} ({', '.join(['train', *given])} sub-folders)"
    return _Sources(train_index.source(train), val_source, test_source, train_index.classes, origin, skipped)


def _synthetic_sources(config: DataConfig, name: str) -> _Sources:
    if name not in SYNTHETIC_SETS:
        raise DataError(f"unknown synthetic data set '{name}' (known: {', '.join(SYNTHETIC_SETS)})")

    style = "plain" if name == "shapes-plain" else "noisy"

    def split(split_name: str, count: int) -> ShapesSource:
        return ShapesSource(config.seed, split_name, count, config.image_size, style)

    test = split("test", config.synthetic_val) if config.test_fraction > 0 else None
    origin = f"synthetic:{name} (generated with seed {config.seed})"
    train = split("train", config.synthetic_train)
    return _Sources(train, split("val", config.synthetic_val), test, list(shapes.SHAPE_CLASSES), origin, [])


def default_data_root() -> Path:
    """Where torchvision's sets are kept unless the config says otherwise (a per-user cache folder)."""
    base = os.environ.get("LOCALAPPDATA") if os.name == "nt" else os.environ.get("XDG_CACHE_HOME")
    return Path(base or Path.home() / ".cache") / "imgstudio" / "datasets"


def _one_line(exc: BaseException) -> str:
    text = str(exc).strip()
    return text.splitlines()[0] if text else type(exc).__name__


def _open_torchvision(class_name: str, title: str, root: Path, train: bool, download: bool) -> Any:
    from torchvision import datasets as tv_datasets  # imported on use: it is slow to import

    try:
        return getattr(tv_datasets, class_name)(str(root), train=train, download=download)
    except Exception as exc:
        reason = _one_line(exc) if download else "downloading is off"
        raise DataError(
            f"{title} is not in {root} and could not be downloaded: {reason}. "
            "Connect to a network and tick 'download', or use synthetic:shapes"
        ) from exc


def _as_numpy(values: Any) -> np.ndarray:
    return values.numpy() if isinstance(values, torch.Tensor) else np.asarray(values)


def _torchvision_sources(config: DataConfig, name: str) -> _Sources:
    """Official train split cut into train/val by ``val_fraction``; the official test split as test."""
    if name not in _TORCHVISION:
        raise DataError(f"unknown torchvision data set '{name}' (known: {', '.join(TORCHVISION_SETS)})")
    class_name, title = _TORCHVISION[name]
    root = Path(config.root).expanduser() if config.root else default_data_root()
    train_set = _open_torchvision(class_name, title, root, True, config.download)
    test_set = _open_torchvision(class_name, title, root, False, config.download)
    images, labels = _as_numpy(train_set.data), _as_numpy(train_set.targets).astype(np.int64)
    train, val, _ = stratified_split(labels, config.val_fraction, 0.0, config.seed)
    test_labels = _as_numpy(test_set.targets).astype(np.int64)
    test = ArraySource(_as_numpy(test_set.data), test_labels, np.arange(len(test_labels)), f"{title} test")
    origin = f"torchvision:{name} from {root} (val cut from the official train split with seed {config.seed})"
    return _Sources(
        ArraySource(images, labels, train, f"{title} train"),
        ArraySource(images, labels, val, f"{title} train"),
        test,
        [str(c) for c in train_set.classes],
        origin,
        [],
    )


def _sources(config: DataConfig) -> _Sources:
    source = config.source.strip()
    if source.startswith("synthetic:"):
        return _synthetic_sources(config, source.partition(":")[2])
    if source.startswith("torchvision:"):
        return _torchvision_sources(config, source.partition(":")[2])
    return _folder_sources(config)


# -- building the bundle ------------------------------------------------------------------


def _check_config(config: DataConfig) -> None:
    if not config.source.strip():
        raise DataError("no data set given (a folder, synthetic:shapes or torchvision:mnist ...)")
    if not 8 <= config.image_size <= 4096:
        raise DataError(f"image size must be from 8 to 4096 pixels, not {config.image_size}")
    if config.channels not in (1, 3):
        raise DataError(f"channels must be 1 (gray) or 3 (RGB), not {config.channels}")
    vf, tf = config.val_fraction, config.test_fraction
    if not (0 <= vf < 1 and 0 <= tf < 1 and vf + tf < 1):
        raise DataError(f"val and test fractions must be from 0 to below 1 together, not {vf} and {tf}")
    if config.synthetic_train < 1 or config.synthetic_val < 1:
        raise DataError("synthetic sets need at least 1 train and 1 val sample")
    if config.seed < 0:
        raise DataError(f"seed must be 0 or more, not {config.seed}")
    if config.cache_mb < 0:
        raise DataError(f"cache size must be 0 MB or more, not {config.cache_mb}")


def _augmentation(spec: dict[str, Any] | None) -> Pipeline | None:
    """The augmentation pipeline (None if absent or empty); a bad pipeline is a DataError."""
    if not spec:
        return None
    try:
        pipeline = Pipeline.from_json(spec)
    except PipelineError as exc:
        raise DataError(f"augmentation pipeline: {exc}") from exc
    return pipeline if any(step.enabled for step in pipeline.steps) else None


def _build_splits(config: DataConfig) -> DataBundle:
    """The bundle with placeholder normalisation (0.5); the augmentation is tried once on a train image."""
    _check_config(config)
    augment = _augmentation(config.augment)
    src = _sources(config)
    cache = ImageCache(int(config.cache_mb * 2**20))

    def dataset(split: str, source: ImageSource, pipeline: Pipeline | None = None) -> ImageDataset:
        return ImageDataset(
            source,
            split,
            image_size=config.image_size,
            channels=config.channels,
            cache=cache,
            augment=pipeline,
            seed=config.seed,
            skipped=src.skipped,
        )

    train, val = dataset("train", src.train, augment), dataset("val", src.val)
    test = dataset("test", src.test) if src.test is not None else None
    if augment is not None:
        train.augmented_image(0, np.random.default_rng(config.seed))  # fail now, not in the middle of training
    counts = f"{len(train)} train / {len(val)} val" + (f" / {len(test)} test" if test is not None else "")
    size = f"{config.image_size}x{config.image_size}x{config.channels}"
    description = f"{src.origin}: {len(src.classes)} classes, {counts} images at {size}"
    half = (0.5,) * config.channels
    return DataBundle(train, val, test, src.classes, half, half, src.skipped, description)


def build_datasets(config: DataConfig) -> DataBundle:
    """Index (never load) the data set of ``config`` and return its splits, classes and normalisation."""
    bundle = _build_splits(config)
    bundle.mean, bundle.std = estimate_mean_std(bundle.train, config.seed)
    for split in (bundle.train, bundle.val, bundle.test):
        if split is not None:
            split.mean, split.std = bundle.mean, bundle.std
    if bundle.skipped:
        bundle.description += f"; {len(bundle.skipped)} unreadable file(s) skipped"
    return bundle


def preview_augmentation(config: DataConfig, n: int, seed: int = 0) -> list[np.ndarray]:
    """``n`` augmented uint8 training images (S x S x C), as training would see them before normalising."""
    train = _build_splits(config).train
    if n <= 0 or len(train) == 0:
        return []
    rng = np.random.default_rng(seed)
    picks = rng.choice(len(train), size=n, replace=n > len(train))
    return [train.augmented_image(int(i), np.random.default_rng([seed, k]))[0] for k, i in enumerate(picks)]
