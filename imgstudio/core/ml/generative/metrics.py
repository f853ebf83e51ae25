"""Scores for generated images: Fréchet distance between feature sets and the Inception-Score formula.

Both are computed on whatever features or class probabilities they are given (pixels at
low resolution during training, a classifier's penultimate layer and softmax in the
benchmark). Numpy only: the matrix square root comes from symmetric eigen-decompositions.
"""

from __future__ import annotations

import numpy as np
import torch
import torch.nn.functional as F

PIXEL_FEATURE_SIDE = 8


def pixel_features(images: torch.Tensor, side: int = PIXEL_FEATURE_SIDE) -> np.ndarray:
    """Images ``(N, C, S, S)`` averaged down to ``side`` x ``side``, flattened: a cheap feature vector."""
    pooled = F.adaptive_avg_pool2d(images.detach().float(), side)
    return pooled.flatten(1).cpu().numpy().astype(np.float64)


def _sqrt_psd(matrix: np.ndarray) -> np.ndarray:
    values, vectors = np.linalg.eigh((matrix + matrix.T) / 2)
    return (vectors * np.sqrt(np.clip(values, 0.0, None))) @ vectors.T


def frechet_distance(a: np.ndarray, b: np.ndarray) -> float:
    """Fréchet distance between Gaussians fitted to two feature sets ``(N, D)`` (as in FID).

    ``|mu_a - mu_b|^2 + tr(Sa) + tr(Sb) - 2 tr((Sa^1/2 Sb Sa^1/2)^1/2)``.
    """
    a, b = np.asarray(a, np.float64), np.asarray(b, np.float64)
    if a.ndim != 2 or b.ndim != 2 or a.shape[1] != b.shape[1] or min(len(a), len(b)) < 2:
        raise ValueError(f"need two sets of at least 2 feature vectors of equal length, got {a.shape}, {b.shape}")
    cov_a, cov_b = np.cov(a, rowvar=False), np.cov(b, rowvar=False)
    root_a = _sqrt_psd(cov_a)
    cross = np.linalg.eigvalsh(root_a @ cov_b @ root_a)
    trace_root = float(np.sqrt(np.clip(cross, 0.0, None)).sum())
    mean_term = float(np.sum((a.mean(axis=0) - b.mean(axis=0)) ** 2))
    return max(0.0, mean_term + float(np.trace(cov_a) + np.trace(cov_b)) - 2.0 * trace_root)


def inception_score(probabilities: np.ndarray) -> float:
    """``exp(E_x KL(p(y|x) || p(y)))`` of class probabilities ``(N, K)``: 1 (useless) to K (sharp and varied)."""
    p = np.clip(np.asarray(probabilities, np.float64), 1e-12, 1.0)
    marginal = p.mean(axis=0, keepdims=True)
    return float(np.exp(np.mean(np.sum(p * (np.log(p) - np.log(marginal)), axis=1))))
