"""DCGAN (Radford et al. 2015) for square images of 16 to 128 px, RGB or gray, optionally class-conditional.

The generator turns a noise vector into a 4 x 4 map and doubles it per block (transposed
convolution, batch norm, ReLU) up to the image, ending in tanh ([-1, 1]); the discriminator
mirrors it (strided convolution, leaky ReLU) down to 4 x 4 and one logit. Its convolutions
are spectrally normalised (Miyato et al. 2018) instead of batch-normalised: on the shapes set
a batch-norm discriminator won outright within a few hundred steps and the generator later
collapsed to a few images, while this one kept training steadily. The conditional variant
appends a one-hot class to the noise and as constant planes to the image.
"""

from __future__ import annotations

import itertools
import math
from typing import TYPE_CHECKING

import torch
import torch.nn.functional as F
from torch import nn

if TYPE_CHECKING:
    from imgstudio.core.ml.generative.build import GenerativeConfig


def block_widths(config: GenerativeConfig) -> list[int]:
    """Channels per resolution from 4 x 4 up to half the image side (``width`` at the finest)."""
    blocks = int(math.log2(config.image_size)) - 2
    return [config.width * 2 ** (blocks - 1 - i) for i in range(blocks)]


def up_blocks(widths: list[int], out_channels: int) -> list[nn.Module]:
    """From a ``widths[0]`` x 4 x 4 map to an ``out_channels`` image in [-1, 1], doubling the side per block."""
    layers: list[nn.Module] = []
    for w_in, w_out in itertools.pairwise(widths):
        layers += [nn.ConvTranspose2d(w_in, w_out, 4, 2, 1, bias=False), nn.BatchNorm2d(w_out), nn.ReLU(True)]
    return [*layers, nn.ConvTranspose2d(widths[-1], out_channels, 4, 2, 1), nn.Tanh()]


def down_blocks(in_channels: int, widths: list[int], batch_norm: bool = True) -> list[nn.Module]:
    """From an image to a ``widths[0]`` x 4 x 4 map, halving the side per block (``widths`` coarse to fine)."""
    fine_to_coarse = widths[::-1]
    layers: list[nn.Module] = [nn.Conv2d(in_channels, fine_to_coarse[0], 4, 2, 1), nn.LeakyReLU(0.2, True)]
    for w_in, w_out in itertools.pairwise(fine_to_coarse):
        if batch_norm:
            layers += [nn.Conv2d(w_in, w_out, 4, 2, 1, bias=False), nn.BatchNorm2d(w_out)]
        else:
            layers.append(nn.Conv2d(w_in, w_out, 4, 2, 1))
        layers.append(nn.LeakyReLU(0.2, True))
    return layers


def dcgan_init(module: nn.Module) -> None:
    """DCGAN's initialisation: convolutions N(0, 0.02), batch-norm scales N(1, 0.02), biases 0."""
    for m in module.modules():
        if isinstance(m, (nn.Conv2d, nn.ConvTranspose2d, nn.Linear)):
            nn.init.normal_(m.weight, 0.0, 0.02)
            if m.bias is not None:
                nn.init.zeros_(m.bias)
        elif isinstance(m, nn.BatchNorm2d):
            nn.init.normal_(m.weight, 1.0, 0.02)
            nn.init.zeros_(m.bias)


def _one_hot(labels: torch.Tensor | None, num_classes: int, like: torch.Tensor) -> torch.Tensor | None:
    if not num_classes:
        return None
    if labels is None:
        raise ValueError("a conditional model needs the class of every sample")
    return F.one_hot(labels.long(), num_classes).to(like.dtype)


class Generator(nn.Module):
    """Noise ``(N, latent)`` (and classes ``(N,)``) to images ``(N, C, S, S)`` in [-1, 1]."""

    def __init__(self, config: GenerativeConfig) -> None:
        super().__init__()
        self.num_classes = config.num_classes
        widths = block_widths(config)
        first = [
            nn.ConvTranspose2d(config.latent_size + config.num_classes, widths[0], 4, 1, 0, bias=False),
            nn.BatchNorm2d(widths[0]),
            nn.ReLU(True),
        ]
        self.net = nn.Sequential(*first, *up_blocks(widths, config.channels))

    def forward(self, z: torch.Tensor, labels: torch.Tensor | None = None) -> torch.Tensor:
        onehot = _one_hot(labels, self.num_classes, z)
        if onehot is not None:
            z = torch.cat([z, onehot], dim=1)
        return self.net(z[:, :, None, None])


class Discriminator(nn.Module):
    """Images ``(N, C, S, S)`` (and classes) to one real-vs-fake logit each, ``(N,)``."""

    def __init__(self, config: GenerativeConfig) -> None:
        super().__init__()
        self.num_classes = config.num_classes
        widths = block_widths(config)
        layers = down_blocks(config.channels + config.num_classes, widths, batch_norm=False)
        self.net = nn.Sequential(*layers, nn.Conv2d(widths[0], 1, 4, 1, 0))
        dcgan_init(self)
        for layer in self.net:
            if isinstance(layer, nn.Conv2d):
                nn.utils.parametrizations.spectral_norm(layer)

    def forward(self, images: torch.Tensor, labels: torch.Tensor | None = None) -> torch.Tensor:
        onehot = _one_hot(labels, self.num_classes, images)
        if onehot is not None:
            planes = onehot[:, :, None, None].expand(-1, -1, *images.shape[2:])
            images = torch.cat([images, planes.to(memory_format=torch.contiguous_format)], dim=1)
        return self.net(images).flatten()


class DCGAN(nn.Module):
    """Generator and discriminator trained together; calling it generates."""

    def __init__(self, config: GenerativeConfig) -> None:
        super().__init__()
        self.config = config
        self.generator = Generator(config)
        self.discriminator = Discriminator(config)
        dcgan_init(self.generator)

    def forward(self, z: torch.Tensor, labels: torch.Tensor | None = None) -> torch.Tensor:
        return self.generator(z, labels)
