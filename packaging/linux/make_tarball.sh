#!/bin/sh
# Pack the PyInstaller bundle (dist/imgstudio, from `make bundle`) with the menu entry, the icons
# and install.sh into dist/imgstudio-VERSION-linux-ARCH.tar.gz. Run from anywhere.
set -eu

ROOT=$(cd "$(dirname "$0")/../.." && pwd)
HERE=$ROOT/packaging/linux
BUNDLE=$ROOT/dist/imgstudio
VERSION=$(sed -n 's/^__version__ = "\(.*\)"/\1/p' "$ROOT/imgstudio/__init__.py")
NAME=imgstudio-$VERSION-linux-$(uname -m)
STAGE=$ROOT/build/tarball/$NAME
OUT=$ROOT/dist/$NAME.tar.gz

[ -x "$BUNDLE/imgstudio" ] || { echo "no bundle at $BUNDLE: run 'make bundle' first" >&2; exit 1; }
rm -rf "$STAGE"
mkdir -p "$STAGE"
# hard links when dist/ and build/ share a file system (no second copy of the bundle), else a copy
cp -al "$BUNDLE" "$STAGE/imgstudio" 2>/dev/null || cp -a "$BUNDLE" "$STAGE/imgstudio"
cp "$HERE/imgstudio.desktop" "$HERE/imgstudio.png" "$HERE/imgstudio.svg" "$HERE/install.sh" "$STAGE/"
chmod +x "$STAGE/install.sh"
cat > "$STAGE/README.txt" <<TXT
imgstudio $VERSION for Linux ($(uname -m))

Run it in place:    ./imgstudio/imgstudio
Install for you:    ./install.sh           (menu entry; ~/.local/opt/imgstudio)
Install for all:    sudo ./install.sh --system
Uninstall:          ./install.sh --uninstall [--system]
Check it works:     ./imgstudio/imgstudio self-test
TXT
tar -C "$STAGE/.." -cf - "$NAME" | gzip -6 > "$OUT.part"
mv "$OUT.part" "$OUT"
rm -rf "$STAGE"
echo "$OUT ($(du -h "$OUT" | cut -f1))"
