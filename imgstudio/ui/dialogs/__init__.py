"""Dialogs (batch processing, augmentation preview, ...)."""
