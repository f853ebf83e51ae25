"""imgstudio: image data processing and analysis with neural networks."""

__version__ = "0.1.0"
