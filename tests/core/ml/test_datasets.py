"""Data sets: synthetic shapes, folder-per-class splits, skipping, cache, augmentation, preprocessing."""

import pickle
from pathlib import Path

import numpy as np
import pytest
import torch
from torch.utils.data import DataLoader

from imgstudio.core import io as image_io
from imgstudio.core.ml import datasets
from imgstudio.core.ml.datasets import (
    SYNTHETIC_SETS,
    TORCHVISION_SETS,
    DataConfig,
    DataError,
    build_datasets,
    preview_augmentation,
    stratified_split,
)
from imgstudio.core.ml.preprocess import preprocess_for_model
from imgstudio.core.ml.shapes import SHAPE_CLASSES, make_shapes_folder, render_shape_sample, shapes_item

FLIP = {"format": "imgstudio-pipeline", "version": 1, "steps": [{"op": "flip", "direction": "horizontal"}]}
ROTATE_EXPAND = {
    "format": "imgstudio-pipeline",
    "version": 1,
    "steps": [{"op": "rotate", "angle": {"min": -40, "max": 40}, "expand": True}],
}


def shapes_config(**kw) -> DataConfig:
    base = {"source": "synthetic:shapes", "image_size": 32, "synthetic_train": 40, "synthetic_val": 10}
    return DataConfig(**{**base, **kw})


@pytest.fixture(scope="module")
def shapes_folder(tmp_path_factory) -> Path:
    """Five class folders of six 24x24 PNGs each."""
    return make_shapes_folder(tmp_path_factory.mktemp("shapes"), per_class=6, image_size=24, seed=3)


def split_paths(dataset) -> list[str]:
    return [dataset.path(i) for i in range(len(dataset))]


def class_of(path: str) -> str:
    return Path(path).parent.name


# -- synthetic shapes -----------------------------------------------------------------------


def test_registries_name_the_built_in_sets():
    assert SYNTHETIC_SETS.get("shapes")
    assert TORCHVISION_SETS == ("mnist", "fashion-mnist", "cifar10")


def test_synthetic_items_are_deterministic_per_seed_split_and_index():
    a, b = build_datasets(shapes_config()), build_datasets(shapes_config())
    x0, y0 = a.train[7]
    assert torch.equal(x0, b.train[7][0]) and y0 == b.train[7][1]
    assert not torch.equal(x0, a.train[8][0])
    assert not torch.equal(x0, a.val[7][0])  # splits draw from their own streams
    other_seed = build_datasets(shapes_config(seed=1))
    assert not torch.equal(x0, other_seed.train[7][0])


@pytest.mark.parametrize(("size", "channels"), [(32, 3), (64, 1)])
def test_synthetic_shapes_sizes_channels_and_labels(size, channels):
    bundle = build_datasets(shapes_config(image_size=size, channels=channels))
    assert bundle.classes == list(SHAPE_CLASSES) and len(bundle.classes) >= 5
    assert (len(bundle.train), len(bundle.val), bundle.test) == (40, 10, None)
    x, _ = bundle.train[0]
    assert x.shape == (channels, size, size) and x.dtype == torch.float32
    labels = [bundle.train[i][1] for i in range(len(bundle.train))]
    assert np.bincount(labels).tolist() == [8] * 5  # balanced
    assert len(bundle.mean) == len(bundle.std) == channels
    # normalised with the measured statistics: roughly zero mean, unit spread
    batch = torch.stack([bundle.train[i][0] for i in range(20)])
    assert abs(float(batch.mean())) < 0.3 and 0.6 < float(batch.std()) < 1.5
    assert "synthetic:shapes" in bundle.description


def test_synthetic_test_split_when_asked():
    bundle = build_datasets(shapes_config(test_fraction=0.1))
    assert bundle.test is not None and len(bundle.test) == 10


def test_render_shape_sample_any_size_and_all_classes():
    rng = np.random.default_rng(0)
    for cls in range(len(SHAPE_CLASSES)):
        for size in (17, 48):
            img = render_shape_sample(cls, rng, size)
            assert img.shape == (size, size, 3) and img.dtype == np.uint8
            assert img.std() > 10  # not a flat image


def test_plain_shapes_are_bright_shapes_near_the_centre_of_a_dark_background():
    bundle = build_datasets(shapes_config(source="synthetic:shapes-plain"))
    assert bundle.classes == list(SHAPE_CLASSES) and "shapes-plain" in bundle.description
    assert not torch.equal(bundle.train[0][0], build_datasets(shapes_config()).train[0][0])
    for index in range(10):
        img, label = shapes_item(0, "train", index, 48, "plain")
        assert label == index % 5 and img.shape == (48, 48, 3)
        luma = img.mean(axis=2)
        assert luma[:3, :3].max() <= 30 and luma[-3:, -3:].max() <= 30  # plain dark corners
        ys, xs = np.nonzero(luma > 60)
        assert len(ys) > 48 * 48 * 0.05  # a shape, not a speck
        assert abs(xs.mean() - 24) < 8 and abs(ys.mean() - 24) < 8  # near the centre
    again = shapes_item(0, "train", 3, 48, "plain")[0]
    assert np.array_equal(again, shapes_item(0, "train", 3, 48, "plain")[0])
    with pytest.raises(ValueError, match="unknown shapes style"):
        shapes_item(0, "train", 0, 48, "fuzzy")


def test_make_shapes_folder_writes_readable_images(tmp_path):
    root = make_shapes_folder(tmp_path / "set", per_class=2, image_size=20)
    assert sorted(p.name for p in root.iterdir()) == sorted(SHAPE_CLASSES)
    files = image_io.list_images(root, recursive=True)
    assert len(files) == 2 * len(SHAPE_CLASSES)
    img, _ = image_io.read_image(files[0])
    assert img.shape == (20, 20, 3)


# -- folder per class -----------------------------------------------------------------------


def test_folder_stratified_split_is_complete_disjoint_and_seeded(shapes_folder):
    config = DataConfig(str(shapes_folder), image_size=16, val_fraction=0.34, test_fraction=0.17)
    bundle = build_datasets(config)
    train, val, test = (set(split_paths(s)) for s in (bundle.train, bundle.val, bundle.test))
    assert bundle.classes == sorted(SHAPE_CLASSES)
    assert not (train & val) and not (train & test) and not (val & test)
    assert len(train | val | test) == 30
    for split in (train, val, test):
        assert {class_of(p) for p in split} == set(SHAPE_CLASSES)  # every class in every split
    assert (len(train), len(val), len(test)) == (15, 10, 5)
    for i in range(len(bundle.train)):  # labels follow the folders
        assert bundle.classes[bundle.train[i][1]] == class_of(bundle.train.path(i))
    again = build_datasets(config)
    assert split_paths(again.val) == split_paths(bundle.val)
    reseeded = build_datasets(DataConfig(str(shapes_folder), image_size=16, val_fraction=0.34, seed=5))
    assert split_paths(reseeded.val) != split_paths(bundle.val)


def test_explicit_train_and_val_folders_are_respected(tmp_path):
    make_shapes_folder(tmp_path / "train", per_class=3, image_size=16)
    make_shapes_folder(tmp_path / "val", per_class=1, image_size=16, seed=9)
    bundle = build_datasets(DataConfig(str(tmp_path), image_size=16, val_fraction=0.5))
    assert bundle.classes == sorted(SHAPE_CLASSES)
    assert len(bundle.train) == 15 and len(bundle.val) == 5 and bundle.test is None
    assert all(Path(p).parent.parent.name == "train" for p in split_paths(bundle.train))
    assert all(Path(p).parent.parent.name == "val" for p in split_paths(bundle.val))


def test_non_ascii_class_names(tmp_path):
    rng = np.random.default_rng(0)
    for name in ("猫", "Hund"):
        image_io.write_image(tmp_path / name / "bild.png", rng.integers(0, 256, (12, 12, 3), dtype=np.uint8))
        image_io.write_image(tmp_path / name / "zwei.png", rng.integers(0, 256, (12, 12, 3), dtype=np.uint8))
    bundle = build_datasets(DataConfig(str(tmp_path), image_size=8, val_fraction=0.5))
    assert bundle.classes == ["Hund", "猫"]
    assert bundle.train[0][0].shape == (3, 8, 8)


def test_broken_files_are_skipped_and_reported_not_fatal(tmp_path):
    make_shapes_folder(tmp_path / "train", per_class=2, image_size=16)
    make_shapes_folder(tmp_path / "val", per_class=1, image_size=16)
    garbage = tmp_path / "train" / "circle" / "notes.png"
    garbage.write_bytes(b"this is not a picture at all")
    good = next((tmp_path / "train" / "square").glob("*.png"))
    truncated = good.with_name("cut.png")
    truncated.write_bytes(good.read_bytes()[:60])  # a PNG header, then nothing
    bundle = build_datasets(DataConfig(str(tmp_path), image_size=16))
    skipped = dict(bundle.skipped)
    assert str(garbage) in skipped and "not an image" in skipped[str(garbage)]  # found by the scan
    assert len(bundle.train) == 11  # the truncated file looks fine until decoded
    items = [bundle.train[i] for i in range(len(bundle.train))]  # reading all of them must not raise
    assert all(x.shape == (3, 16, 16) for x, _ in items)
    assert str(truncated) in dict(bundle.skipped)
    assert "truncated" in dict(bundle.skipped)[str(truncated)]
    cut_index = split_paths(bundle.train).index(str(truncated))
    assert bundle.train[cut_index][1] == bundle.train[(cut_index + 1) % 11][1]  # replaced by the next item


@pytest.mark.parametrize(
    ("layout", "message"),
    [
        ({}, "data folder not found"),
        ({"cats": 2}, "only one class folder"),
        ({"cats": 2, "dogs": 0}, "class folder 'dogs' has no images"),
        ({"loose.png": None}, "no class folders"),
    ],
)
def test_bad_folders_give_clear_errors(tmp_path, layout, message):
    root = tmp_path / "data"
    rng = np.random.default_rng(0)
    for name, count in layout.items():
        if count is None:
            image_io.write_image(root / name, rng.integers(0, 256, (8, 8, 3), dtype=np.uint8))
            continue
        (root / name).mkdir(parents=True)
        for k in range(count):
            image_io.write_image(root / name / f"{k}.png", rng.integers(0, 256, (8, 8, 3), dtype=np.uint8))
    with pytest.raises(DataError, match=message) as info:
        build_datasets(DataConfig(str(root)))
    assert "\n" not in str(info.value)


def test_class_with_only_unreadable_files_is_an_error(tmp_path):
    make_shapes_folder(tmp_path, per_class=1, image_size=12)
    (tmp_path / "empty").mkdir()
    (tmp_path / "empty" / "zero.jpg").write_bytes(b"")
    with pytest.raises(DataError, match="'empty' has no readable images"):
        build_datasets(DataConfig(str(tmp_path)))


def test_bad_config_values_are_data_errors():
    with pytest.raises(DataError, match="channels"):
        build_datasets(shapes_config(channels=2))
    with pytest.raises(DataError, match="fractions"):
        build_datasets(shapes_config(val_fraction=0.7, test_fraction=0.4))
    with pytest.raises(DataError, match="unknown synthetic data set 'blobs'"):
        build_datasets(DataConfig("synthetic:blobs"))
    with pytest.raises(DataError, match="unknown torchvision data set"):
        build_datasets(DataConfig("torchvision:imagenet"))


def test_stratified_split_keeps_every_class_in_train():
    labels = [0] * 10 + [1] * 3 + [2]
    train, val, test = stratified_split(labels, 0.3, 0.2, seed=1)
    assert sorted([*train, *val, *test]) == list(range(14))
    labels_of = np.asarray(labels)
    assert set(labels_of[train]) == {0, 1, 2}
    assert np.bincount(labels_of[val], minlength=3).tolist() == [3, 1, 0]
    again = stratified_split(labels, 0.3, 0.2, seed=1)
    assert all(np.array_equal(a, b) for a, b in zip((train, val, test), again, strict=True))


# -- cache ----------------------------------------------------------------------------------


def counting_reads(monkeypatch) -> list[str]:
    calls: list[str] = []

    def read(path, **kw):
        calls.append(str(path))
        return image_io.read_image(path, **kw)

    monkeypatch.setattr(datasets, "read_image", read)
    return calls


def test_cache_serves_the_second_read(shapes_folder, monkeypatch):
    calls = counting_reads(monkeypatch)
    bundle = build_datasets(DataConfig(str(shapes_folder), image_size=16, val_fraction=0.2))
    calls.clear()  # the mean/std sample read (and cached) the training images already
    x_val = bundle.val[0][0]
    assert calls == [bundle.val.path(0)]
    assert torch.equal(bundle.val[0][0], x_val)
    assert calls == [bundle.val.path(0)]


def test_folder_is_listed_not_loaded(shapes_folder, monkeypatch):
    calls = counting_reads(monkeypatch)
    monkeypatch.setattr(datasets, "STATS_SAMPLE", 4)
    bundle = build_datasets(DataConfig(str(shapes_folder), image_size=16))
    assert len(bundle.train) + len(bundle.val) == 30
    assert len(calls) == 4  # only the normalisation sample was decoded


def test_sets_pickle_for_worker_processes_without_their_cache():
    bundle = build_datasets(shapes_config(augment=FLIP))
    assert len(bundle.train.cache) > 0
    copy = pickle.loads(pickle.dumps(bundle.train))
    assert len(copy.cache) == 0 and copy.cache.max_bytes == bundle.train.cache.max_bytes
    assert torch.equal(copy[2][0], bundle.train[2][0])


def test_without_cache_every_read_decodes(shapes_folder, monkeypatch):
    calls = counting_reads(monkeypatch)
    bundle = build_datasets(DataConfig(str(shapes_folder), image_size=16, cache_mb=0))
    calls.clear()
    bundle.train[0]
    bundle.train[0]
    assert len(calls) == 2


def test_lru_cache_keeps_within_its_budget():
    cache = datasets.ImageCache(max_bytes=3 * 100)
    for key in range(5):
        cache.put(key, np.zeros(100, np.uint8))
    assert len(cache) == 3 and cache.nbytes == 300
    assert cache.get(0) is None and cache.get(4) is not None


# -- augmentation ---------------------------------------------------------------------------


def test_augmentation_applies_to_train_only():
    plain = build_datasets(shapes_config())
    flipped = build_datasets(shapes_config(augment=FLIP))
    assert flipped.mean == plain.mean  # statistics come from un-augmented images
    x_plain, x_flip = plain.train[3][0], flipped.train[3][0]
    assert torch.equal(x_flip, torch.flip(x_plain, dims=[2]))
    assert torch.equal(flipped.val[3][0], plain.val[3][0])


def test_random_augmentation_keeps_size_and_differs_per_draw():
    bundle = build_datasets(shapes_config(augment=ROTATE_EXPAND))
    first, second = bundle.train[0][0], bundle.train[0][0]
    assert first.shape == second.shape == (3, 32, 32)
    assert not torch.equal(first, second)  # a new draw per read
    again = build_datasets(shapes_config(augment=ROTATE_EXPAND))
    assert torch.equal(again.train[0][0], first)  # but reproducible from the seed
    bundle.train.set_epoch(1)
    assert not torch.equal(bundle.train[5][0], again.train[5][0])


def test_bad_augmentation_pipeline_is_a_data_error():
    bad = {"format": "imgstudio-pipeline", "version": 1, "steps": [{"op": "warp-drive"}]}
    with pytest.raises(DataError, match=r"augmentation pipeline: step 1 \(warp-drive\): unknown operation"):
        build_datasets(shapes_config(augment=bad))


def test_preview_augmentation_returns_uint8_training_images():
    images = preview_augmentation(shapes_config(augment=ROTATE_EXPAND, channels=1), n=6, seed=2)
    assert len(images) == 6
    assert all(img.shape == (32, 32, 1) and img.dtype == np.uint8 for img in images)
    again = preview_augmentation(shapes_config(augment=ROTATE_EXPAND, channels=1), n=6, seed=2)
    assert all(np.array_equal(a, b) for a, b in zip(images, again, strict=True))


def test_data_loader_batches_the_sets():
    bundle = build_datasets(shapes_config(augment=FLIP))
    inputs, targets = next(iter(DataLoader(bundle.train, batch_size=8, shuffle=True)))
    assert inputs.shape == (8, 3, 32, 32) and targets.dtype == torch.int64


# -- torchvision (offline only) ---------------------------------------------------------


def test_torchvision_set_missing_offline_is_a_clear_error(tmp_path):
    with pytest.raises(DataError) as info:
        build_datasets(DataConfig("torchvision:mnist", root=str(tmp_path), download=False))
    message = str(info.value)
    assert message.startswith(f"MNIST is not in {tmp_path} and could not be downloaded")
    assert "download" in message and "synthetic:shapes" in message


# -- preprocess_for_model ---------------------------------------------------------------


def test_preprocess_gray_to_rgb_and_back():
    gray = np.arange(20 * 30, dtype=np.uint8).reshape(20, 30, 1)
    x = preprocess_for_model(gray, 16, 3, (0.5,) * 3, (0.25,) * 3)
    assert x.shape == (3, 16, 16) and x.dtype == torch.float32
    assert torch.equal(x[0], x[1]) and torch.equal(x[1], x[2])
    one = preprocess_for_model(gray[:, :, 0], 16, 1, (0.0,), (1.0,))  # a bare 2-D array too
    assert one.shape == (1, 16, 16) and float(one.min()) >= 0.0 and float(one.max()) <= 1.0


def test_preprocess_drops_alpha_and_normalises(rgb):
    rgba = np.concatenate([rgb, np.full((*rgb.shape[:2], 1), 7, np.uint8)], axis=2)
    x = preprocess_for_model(rgba, 48, 3, (0.0,) * 3, (1.0,) * 3)
    assert torch.equal(x, preprocess_for_model(rgb, 48, 3, (0.0,) * 3, (1.0,) * 3))
    crop = rgb[:, :48]  # already 48 x 48: only scaling and normalisation
    plain = preprocess_for_model(crop, 48, 3, (0.0,) * 3, (1.0,) * 3)
    np.testing.assert_allclose(plain.numpy(), crop.transpose(2, 0, 1) / 255.0, atol=1e-6)
    normed = preprocess_for_model(crop, 48, 3, (0.5, 0.4, 0.3), (0.2, 0.25, 0.5))
    np.testing.assert_allclose(normed[1].numpy(), (crop[:, :, 1] / 255.0 - 0.4) / 0.25, atol=1e-5)


def test_preprocess_uint16_and_float_match_uint8(rgb):
    ref = preprocess_for_model(rgb, 24, 3, (0.5,) * 3, (0.5,) * 3)
    wide = rgb.astype(np.uint16) * 257
    assert torch.equal(preprocess_for_model(wide, 24, 3, (0.5,) * 3, (0.5,) * 3), ref)
    as_float = rgb.astype(np.float32) / 255.0
    assert torch.equal(preprocess_for_model(as_float, 24, 3, (0.5,) * 3, (0.5,) * 3), ref)


def test_preprocess_upscales_and_checks_normalisation_length(rgb):
    assert preprocess_for_model(rgb, 100, 1, (0.5,), (0.5,)).shape == (1, 100, 100)
    with pytest.raises(ValueError, match="mean and std"):
        preprocess_for_model(rgb, 32, 3, (0.5,), (0.5,))
