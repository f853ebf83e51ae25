"""A convolutional variational autoencoder (Kingma and Welling 2013) for square images of 16 to 128 px.

The encoder halves the image to a 4 x 4 map (the DCGAN discriminator's blocks) and predicts
the mean and log-variance of a Gaussian latent; the decoder maps a latent to a 4 x 4 map and
doubles it to the image (the DCGAN generator's blocks), in [-1, 1].
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import torch
from torch import nn

from imgstudio.core.ml.generative.dcgan import block_widths, down_blocks, up_blocks

if TYPE_CHECKING:
    from imgstudio.core.ml.generative.build import GenerativeConfig


class ConvVAE(nn.Module):
    """``encode`` images to (mean, log-variance), ``decode`` latents to images; calling it reconstructs."""

    def __init__(self, config: GenerativeConfig) -> None:
        super().__init__()
        self.config = config
        widths = block_widths(config)
        features = widths[0] * 16
        self.encoder = nn.Sequential(*down_blocks(config.channels, widths), nn.Flatten())
        self.to_mean = nn.Linear(features, config.latent_size)
        self.to_logvar = nn.Linear(features, config.latent_size)
        self.from_latent = nn.Sequential(nn.Linear(config.latent_size, features), nn.ReLU(True))
        self.decoder = nn.Sequential(nn.Unflatten(1, (widths[0], 4, 4)), *up_blocks(widths, config.channels))

    def encode(self, images: torch.Tensor) -> tuple[torch.Tensor, torch.Tensor]:
        """Mean and log-variance of the latent of each image."""
        h = self.encoder(images)
        return self.to_mean(h), self.to_logvar(h).clamp(-30.0, 20.0)

    def decode(self, z: torch.Tensor) -> torch.Tensor:
        """Images in [-1, 1] for latents ``(N, latent)``."""
        return self.decoder(self.from_latent(z))

    def forward(self, images: torch.Tensor) -> tuple[torch.Tensor, torch.Tensor, torch.Tensor]:
        """(reconstruction from a sampled latent, mean, log-variance)."""
        mean, logvar = self.encode(images)
        z = mean + torch.randn_like(mean) * torch.exp(0.5 * logvar)
        return self.decode(z), mean, logvar
