"""The "generate" task: train a DCGAN (two optimizers, alternating steps) or a VAE with the engine.

Images are scaled to [-1, 1]. The GAN recipe is DCGAN's: Adam with betas (0.5, 0.999), the
non-saturating generator loss and one-sided label smoothing (real targets 0.9). Validation
reports losses on the validation images and ``val_fd``, the Fréchet distance between 8 x 8
pixel statistics of as many generated images (from a fixed noise) as real ones: lower means
closer to the data. A fixed noise also makes the sample grid written during training.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np
import torch
import torch.nn.functional as F

from imgstudio.core.io import list_images
from imgstudio.core.ml.config import TASK_MONITORS, TrainConfig
from imgstudio.core.ml.datasets import (
    DataBundle,
    DataError,
    FolderSource,
    ImageDataset,
    build_datasets,
    stratified_split,
)
from imgstudio.core.ml.generative.build import GenerativeConfig, build_generative
from imgstudio.core.ml.generative.media import grid_image, to_images
from imgstudio.core.ml.generative.metrics import frechet_distance, pixel_features
from imgstudio.core.ml.preprocess import ImageCache
from imgstudio.core.ml.tasks import Task, data_config, data_metadata, make_optimizer
from imgstudio.core.pipeline import Pipeline

if TYPE_CHECKING:
    from imgstudio.core.ml.engine import Optimization

GRID_SAMPLES, GRID_COLUMNS = 64, 8
REAL_TARGET = 0.9
"""One-sided label smoothing: the discriminator aims at 0.9 for real images, 0 for fakes."""
GAN_BETAS = (0.5, 0.999)
D_WIN_LOSS = 0.05
"""The discriminator's loss on fakes below this: it spots them with about 95 % certainty or more."""
D_WIN_STEPS = 100
"""Consecutive such steps, with the generator's loss rising, before the run warns."""
VAE_PIXEL_STD = 0.1
"""The VAE decoder's Gaussian standard deviation, in units of the [0, 1] pixel range."""


def _class_folders(root: Path) -> int:
    return sum(1 for p in root.iterdir() if p.is_dir() and not p.name.startswith("."))


def _flat_folder(config: TrainConfig, root: Path) -> DataBundle:
    """Every image under ``root`` as one class: a generator needs no labels."""
    paths = [str(p) for p in list_images(root, recursive=True)]
    if len(paths) < 2:
        raise DataError(f"{root}: a generator needs at least 2 images, found {len(paths)}")
    labels = np.zeros(len(paths), np.int64)
    train, val, _ = stratified_split(labels, config.val_fraction, 0.0, config.seed)
    cache, skipped = ImageCache(int(config.cache_mb * 2**20)), []
    augment = Pipeline.from_json(config.augment) if config.augment else None

    def split(name: str, index: np.ndarray, pipeline: Pipeline | None = None) -> ImageDataset:
        source = FolderSource([paths[i] for i in index], labels[index])
        return ImageDataset(
            source,
            name,
            image_size=config.image_size,
            channels=config.channels,
            cache=cache,
            augment=pipeline,
            seed=config.seed,
            skipped=skipped,
        )

    half = (0.5,) * config.channels
    description = f"folder {root}: {len(train)} train / {len(val)} val images"
    return DataBundle(split("train", train, augment), split("val", val), None, [], half, half, skipped, description)


def generation_data(config: TrainConfig) -> DataBundle:
    """The data set of ``config`` scaled to [-1, 1]; a folder without class sub-folders is one class."""
    root = Path(config.data).expanduser()
    built_in = config.data.startswith(("synthetic:", "torchvision:"))
    if not built_in and root.is_dir() and _class_folders(root) < 2:
        bundle = _flat_folder(config, root)
    else:
        bundle = build_datasets(data_config(config))
    if len(bundle.val) == 0:
        raise DataError(f"{config.data}: no validation images (raise val_fraction above 0)")
    half = (0.5,) * config.channels
    bundle.mean = bundle.std = half
    for split in (bundle.train, bundle.val):
        split.mean = split.std = half
    return bundle


class DiscriminatorGuard:
    """Notices the discriminator winning outright (fakes spotted with near certainty, generator loss rising)."""

    def __init__(self) -> None:
        self.streak = 0
        self.g_average = 0.0
        self.g_at_start = 0.0
        self.warning = ""

    def update(self, fake_loss: float, g_loss: float) -> None:
        self.g_average = g_loss if self.g_average == 0.0 else 0.9 * self.g_average + 0.1 * g_loss
        if fake_loss >= D_WIN_LOSS:
            self.streak = 0
            return
        if self.streak == 0:
            self.g_at_start = self.g_average
        self.streak += 1
        if self.streak >= D_WIN_STEPS and self.g_average > self.g_at_start:
            self.warning = (
                f"the discriminator is winning outright: it has spotted the fakes with near certainty for "
                f"{self.streak} steps while the generator's loss rose to {self.g_average:.2f}; samples will stop "
                "improving. Restart with another seed or a lower learning rate, or use more training images."
            )

    def state_dict(self) -> dict[str, Any]:
        return {"streak": self.streak, "g_average": self.g_average, "g_at_start": self.g_at_start}

    def load_state_dict(self, state: dict[str, Any]) -> None:
        self.streak = int(state.get("streak", 0))
        self.g_average = float(state.get("g_average", 0.0))
        self.g_at_start = float(state.get("g_at_start", 0.0))


class GenerateTask(Task):
    """What GAN and VAE training share: data in [-1, 1], fixed noises, sample grids, ``val_fd``, metadata."""

    monitors = TASK_MONITORS["generate"]

    def __init__(self, config: TrainConfig) -> None:
        self.config = config
        self.data = generation_data(config)
        self.train_set, self.val_set = self.data.train, self.data.val
        self.classes = list(self.data.classes)
        conditional = len(self.classes) if config.model == "cdcgan" else 0
        spec = GenerativeConfig(config.model, config.image_size, config.channels, config.latent_size, conditional)
        self.spec = spec.resolved()
        self.model = build_generative(self.spec)
        self.note = ""
        noise = torch.Generator().manual_seed(config.seed * 7_919 + 17)
        self.grid_noise = torch.randn(GRID_SAMPLES, self.spec.latent_size, generator=noise)
        self.val_noise = torch.randn(len(self.val_set), self.spec.latent_size, generator=noise)
        rows = torch.arange(GRID_SAMPLES) // GRID_COLUMNS  # a conditional model draws one class per row
        self.grid_labels = rows % self.spec.num_classes if self.spec.num_classes else None

    def _device(self) -> torch.device:
        return next(self.model.parameters()).device

    def decode(self, z: torch.Tensor, labels: torch.Tensor | None) -> torch.Tensor:
        """Images in [-1, 1] for latents (and classes)."""
        raise NotImplementedError

    def eval_batch(self, images: torch.Tensor, labels: torch.Tensor, z: torch.Tensor) -> dict[str, float]:
        """Validation losses of one batch of real images, ``z`` being its share of the fixed noise."""
        raise NotImplementedError

    def samples(self) -> np.ndarray:
        """The grid of the fixed noise's images, as the model makes them now."""
        was_training = self.model.training
        self.model.eval()
        try:
            with torch.no_grad():
                device = self._device()
                labels = None if self.grid_labels is None else self.grid_labels.to(device)
                images = to_images(self.decode(self.grid_noise.to(device), labels))
        finally:
            self.model.train(was_training)
        return grid_image(images, GRID_COLUMNS)

    def validate(self, batches: Iterable[Any]) -> dict[str, float]:
        sums: dict[str, float] = {}
        real, fake = [], []
        seen = 0
        for images, labels in batches:
            n = len(images)
            z = self.val_noise[seen : seen + n].to(images.device)
            for name, value in self.eval_batch(images, labels, z).items():
                sums[name] = sums.get(name, 0.0) + value * n
            real.append(pixel_features(images))
            fake.append(pixel_features(self.decode(z, labels if self.spec.num_classes else None)))
            seen += n
        metrics = {f"val_{name}": total / max(1, seen) for name, total in sums.items()}
        metrics["val_fd"] = frechet_distance(np.concatenate(real), np.concatenate(fake)) if seen > 1 else math.nan
        return metrics

    def metadata(self) -> dict[str, Any]:
        return {
            "task": "generate",
            "architecture": self.spec.name,
            "generative_config": self.spec.to_dict(),
            **data_metadata(self.config, self.data),
        }


def _bce(logits: torch.Tensor, target: float) -> torch.Tensor:
    return F.binary_cross_entropy_with_logits(logits.float(), torch.full_like(logits.float(), target))


class GanTask(GenerateTask):
    """DCGAN: a discriminator step on real and fake images, then a generator step, per batch."""

    step_metrics = ("d_loss", "g_loss", "d_real", "d_fake")
    val_metrics = ("val_d_loss", "val_loss", "val_fd")
    """``val_loss`` is the generator's loss against the discriminator on the fixed validation noise."""

    def __init__(self, config: TrainConfig) -> None:
        super().__init__(config)
        self.guard = DiscriminatorGuard()

    def optimizers(self, config: TrainConfig) -> dict[str, torch.optim.Optimizer]:
        def make(params: Iterable[torch.nn.Parameter]) -> torch.optim.Optimizer:
            if config.optimizer == "adam":
                return torch.optim.Adam(params, lr=config.lr, betas=GAN_BETAS, weight_decay=config.weight_decay)
            if config.optimizer == "adamw":
                return torch.optim.AdamW(params, lr=config.lr, betas=GAN_BETAS, weight_decay=config.weight_decay)
            return make_optimizer(config, params)

        return {
            "generator": make(self.model.generator.parameters()),
            "discriminator": make(self.model.discriminator.parameters()),
        }

    def decode(self, z: torch.Tensor, labels: torch.Tensor | None) -> torch.Tensor:
        return self.model.generator(z, labels)

    def fit_step(self, batch: Any, optim: Optimization) -> dict[str, float]:
        real, labels = batch
        labels = labels if self.spec.num_classes else None
        generator, discriminator = self.model.generator, self.model.discriminator
        z = torch.randn(len(real), self.spec.latent_size, device=real.device)
        with optim.autocast():
            fake = generator(z, labels)
            real_logits = discriminator(real, labels)
            fake_logits = discriminator(fake.detach(), labels)
            fake_loss = _bce(fake_logits, 0.0)
            d_loss = _bce(real_logits, REAL_TARGET) + fake_loss
        d_value = optim.step(d_loss, "discriminator", "discriminator loss")
        with optim.autocast():
            g_loss = _bce(discriminator(fake, labels), 1.0)
        g_value = optim.step(g_loss, "generator", "generator loss")
        self.guard.update(float(fake_loss.detach()), g_value)
        return {
            "d_loss": d_value,
            "g_loss": g_value,
            "d_real": float(torch.sigmoid(real_logits.detach().float()).mean()),
            "d_fake": float(torch.sigmoid(fake_logits.detach().float()).mean()),
        }

    def eval_batch(self, images: torch.Tensor, labels: torch.Tensor, z: torch.Tensor) -> dict[str, float]:
        labels_or_none = labels if self.spec.num_classes else None
        fake_logits = self.model.discriminator(self.decode(z, labels_or_none), labels_or_none)
        real_logits = self.model.discriminator(images, labels_or_none)
        d_loss = _bce(real_logits, REAL_TARGET) + _bce(fake_logits, 0.0)
        return {"d_loss": float(d_loss), "loss": float(_bce(fake_logits, 1.0))}

    def end_epoch(self) -> dict[str, Any]:
        warning, self.guard.warning = self.guard.warning, ""
        return {"warning": warning} if warning else {}

    def state_dict(self) -> dict[str, Any]:
        return {"guard": self.guard.state_dict()}

    def load_state_dict(self, state: dict[str, Any]) -> None:
        self.guard.load_state_dict(state.get("guard", {}))


def vae_losses(
    recon: torch.Tensor, images: torch.Tensor, mean: torch.Tensor, logvar: torch.Tensor
) -> tuple[torch.Tensor, torch.Tensor]:
    """Per-image reconstruction (Gaussian, in nats) and KL-to-prior terms, averaged over the batch."""
    scale = 1.0 / (8.0 * VAE_PIXEL_STD**2)  # [-1, 1] images: (x/2 difference)^2 / (2 sigma^2)
    recon_loss = (recon.float() - images.float()).pow(2).flatten(1).sum(1).mean() * scale
    kl = -0.5 * (1 + logvar.float() - mean.float().pow(2) - logvar.float().exp()).sum(1).mean()
    return recon_loss, kl


class VaeTask(GenerateTask):
    """Convolutional VAE: one optimizer on reconstruction plus KL divergence."""

    step_metrics = ("loss", "recon", "kl")
    val_metrics = ("val_loss", "val_recon", "val_kl", "val_fd")

    def decode(self, z: torch.Tensor, labels: torch.Tensor | None) -> torch.Tensor:
        return self.model.decode(z)

    def fit_step(self, batch: Any, optim: Optimization) -> dict[str, float]:
        images, _ = batch
        with optim.autocast():
            recon, mean, logvar = self.model(images)
            recon_loss, kl = vae_losses(recon, images, mean, logvar)
        value = optim.step(recon_loss + kl)
        return {"loss": value, "recon": float(recon_loss.detach()), "kl": float(kl.detach())}

    def eval_batch(self, images: torch.Tensor, labels: torch.Tensor, z: torch.Tensor) -> dict[str, float]:
        mean, logvar = self.model.encode(images)
        recon = self.model.decode(mean + z * torch.exp(0.5 * logvar))  # the fixed noise as the sampling noise
        recon_loss, kl = vae_losses(recon, images, mean, logvar)
        return {"loss": float(recon_loss + kl), "recon": float(recon_loss), "kl": float(kl)}


def make_generate_task(config: TrainConfig) -> GenerateTask:
    """The adapter for ``config.model`` (dcgan, cdcgan or vae)."""
    if config.model == "vae":
        return VaeTask(config)
    if config.model in ("dcgan", "cdcgan"):
        return GanTask(config)
    raise ValueError(f"unknown generative model '{config.model}'; choose one of: dcgan, cdcgan, vae")
