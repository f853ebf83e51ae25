"""Write the application icon: ``imgstudio.png`` (256×256 RGBA) and ``imgstudio.svg``.

The PNG is the built-in sample logo, drawn by ``tools/make_samples.py`` (procedural, no
third-party artwork); the SVG draws the same badge with the same geometry as vectors.
Usage: python packaging/linux/make_icon.py [OUT_DIR]   (default: this folder)
"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
MAKE_SAMPLES = HERE.parent.parent / "tools" / "make_samples.py"

# make_samples.make_logo's badge on its 256 grid: soft shadow, disc, white ring, sun, and the peaks cut
# by the inner disc (r 95.5) as one path, so SVG Tiny renderers (Qt, librsvg) need no clip or filter.
SVG = """<?xml version="1.0" encoding="UTF-8"?>
<svg xmlns="http://www.w3.org/2000/svg" version="1.2" baseProfile="tiny" width="256" height="256" viewBox="0 0 256 256">
  <title>imgstudio</title>
  <defs>
    <linearGradient id="sky" x1="0" y1="0" x2="0" y2="256" gradientUnits="userSpaceOnUse">
      <stop offset="0" stop-color="#299ec7"/>
      <stop offset="1" stop-color="#4d2e94"/>
    </linearGradient>
    <radialGradient id="shadow" cx="127.5" cy="131.5" r="127" gradientUnits="userSpaceOnUse">
      <stop offset="0.88" stop-color="#000000" stop-opacity="0.35"/>
      <stop offset="1" stop-color="#000000" stop-opacity="0"/>
    </radialGradient>
  </defs>
  <circle cx="127.5" cy="131.5" r="127" fill="url(#shadow)"/>
  <circle cx="127.5" cy="127.5" r="118.5" fill="url(#sky)"/>
  <circle cx="127.5" cy="127.5" r="100" fill="none" stroke="#ffffff" stroke-width="10"/>
  <circle cx="163" cy="98" r="20.5" fill="#ffd14d" stroke="none"/>
  <path d="M42.64 171.32 L95 105 L135 160 L165 125 L212 172 A95.5 95.5 0 0 1 42.64 171.32 Z"
        fill="#ffffff" stroke="none"/>
</svg>
"""


def logo_png() -> bytes:
    """The 256×256 RGBA logo, from the same code as the sample ``logo_rgba.png``."""
    spec = importlib.util.spec_from_file_location("make_samples", MAKE_SAMPLES)
    if spec is None or spec.loader is None:
        raise FileNotFoundError(MAKE_SAMPLES)
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # its dataclasses look their module up while being defined
    spec.loader.exec_module(module)
    return module.make_logo()


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    out = Path(args[0]) if args else HERE
    out.mkdir(parents=True, exist_ok=True)
    (out / "imgstudio.png").write_bytes(logo_png())
    (out / "imgstudio.svg").write_text(SVG, encoding="utf-8")
    print(out / "imgstudio.png", out / "imgstudio.svg")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
