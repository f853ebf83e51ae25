"""Generative models (DCGAN, conditional DCGAN, convolutional VAE): training task, sampling, image files."""
