"""Reusable widgets (image view, histogram, parameter controls, ...)."""
