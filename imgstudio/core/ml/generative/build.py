"""What a generative model is made of, and building it: one config for training, files and sampling."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any

from torch import nn

from imgstudio.core.ml.generative.dcgan import DCGAN
from imgstudio.core.ml.generative.vae import ConvVAE

SIZES = (16, 32, 64, 128)
"""Square image sides the networks are built for (a 4 x 4 map doubled or halved per block)."""
DEFAULT_LATENT = {"dcgan": 100, "cdcgan": 100, "vae": 32}
DEFAULT_WIDTH = 32


@dataclass(frozen=True)
class GenerativeConfig:
    """A generative architecture: name, image side and channels, latent length, classes (cdcgan), width."""

    name: str
    image_size: int = 32
    channels: int = 3
    latent_size: int = 0
    """0: the architecture's default."""
    num_classes: int = 0
    """Classes a conditional model is conditioned on (0 for unconditional models)."""
    width: int = DEFAULT_WIDTH
    """Channels of the widest block at the image's resolution (the others scale by powers of two)."""

    def resolved(self) -> GenerativeConfig:
        """This config checked, with the default latent length filled in."""
        if self.name not in DEFAULT_LATENT:
            raise ValueError(f"unknown generative model {self.name!r}; choose one of: {', '.join(DEFAULT_LATENT)}")
        if self.image_size not in SIZES:
            sizes = ", ".join(map(str, SIZES))
            raise ValueError(f"{self.name} makes square images of side {sizes}, not {self.image_size}")
        if self.channels not in (1, 3):
            raise ValueError(f"channels must be 1 (gray) or 3 (RGB), not {self.channels}")
        if self.name == "cdcgan" and self.num_classes < 2:
            raise ValueError("cdcgan needs a labelled data set with at least 2 classes")
        if self.latent_size < 0 or self.width < 8:
            raise ValueError("latent_size must be 0 or more and width at least 8")
        latent = self.latent_size or DEFAULT_LATENT[self.name]
        classes = self.num_classes if self.name == "cdcgan" else 0
        return GenerativeConfig(self.name, self.image_size, self.channels, latent, classes, self.width)

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


def build_generative(config: GenerativeConfig) -> nn.Module:
    """The untrained model of ``config`` (a :class:`DCGAN` or a :class:`ConvVAE`)."""
    config = config.resolved()
    return ConvVAE(config) if config.name == "vae" else DCGAN(config)
