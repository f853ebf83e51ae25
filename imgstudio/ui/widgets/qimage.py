"""numpy image (the app's convention) to QImage and back."""

from __future__ import annotations

import numpy as np
from PySide6.QtGui import QImage

from imgstudio.core.io import to_uint8

_FORMATS = {
    1: QImage.Format.Format_Grayscale8,
    3: QImage.Format.Format_RGB888,
    4: QImage.Format.Format_RGBA8888,
}


def to_qimage(img: np.ndarray) -> QImage:
    """An owned QImage copy (safe to build in any thread) of an H x W x C image of any dtype."""
    shown = np.ascontiguousarray(to_uint8(img))
    height, width, channels = shown.shape
    return QImage(shown.data, width, height, shown.strides[0], _FORMATS[channels]).copy()


def to_array(image: QImage) -> np.ndarray:
    """An H x W x 3 RGB uint8 copy of a QImage (e.g. a grabbed widget, for saving)."""
    rgb = image.convertToFormat(QImage.Format.Format_RGB888)
    width, height = rgb.width(), rgb.height()
    buffer = np.frombuffer(rgb.constBits(), dtype=np.uint8, count=rgb.sizeInBytes())
    return buffer.reshape(height, rgb.bytesPerLine())[:, : width * 3].reshape(height, width, 3).copy()
