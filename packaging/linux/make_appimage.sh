#!/bin/sh
# Build dist/imgstudio-VERSION-ARCH.AppImage from the PyInstaller bundle (dist/imgstudio, from
# `make bundle`). Needs appimagetool on PATH (or APPIMAGETOOL=/path/to/appimagetool); without it
# the AppDir is still made in build/appimage/imgstudio.AppDir, and can be run with its AppRun.
set -eu

ROOT=$(cd "$(dirname "$0")/../.." && pwd)
HERE=$ROOT/packaging/linux
BUNDLE=$ROOT/dist/imgstudio
VERSION=$(sed -n 's/^__version__ = "\(.*\)"/\1/p' "$ROOT/imgstudio/__init__.py")
ARCH=$(uname -m)
APPDIR=$ROOT/build/appimage/imgstudio.AppDir
OUT=$ROOT/dist/imgstudio-$VERSION-$ARCH.AppImage
TOOL=${APPIMAGETOOL:-$(command -v appimagetool || true)}

[ -x "$BUNDLE/imgstudio" ] || { echo "no bundle at $BUNDLE: run 'make bundle' first" >&2; exit 1; }
rm -rf "$APPDIR"
mkdir -p "$APPDIR/usr/lib" "$APPDIR/usr/share/applications" "$APPDIR/usr/share/icons/hicolor/256x256/apps" \
    "$APPDIR/usr/share/icons/hicolor/scalable/apps"
cp -al "$BUNDLE" "$APPDIR/usr/lib/imgstudio" 2>/dev/null || cp -a "$BUNDLE" "$APPDIR/usr/lib/imgstudio"
cp "$HERE/imgstudio.desktop" "$APPDIR/imgstudio.desktop"
cp "$HERE/imgstudio.desktop" "$APPDIR/usr/share/applications/imgstudio.desktop"
cp "$HERE/imgstudio.png" "$APPDIR/imgstudio.png"
cp "$HERE/imgstudio.png" "$APPDIR/usr/share/icons/hicolor/256x256/apps/imgstudio.png"
cp "$HERE/imgstudio.svg" "$APPDIR/usr/share/icons/hicolor/scalable/apps/imgstudio.svg"
ln -s imgstudio.png "$APPDIR/.DirIcon"
cat > "$APPDIR/AppRun" <<'SH'
#!/bin/sh
# AppImage entry: the bundled executable, with every argument (GUI, or a sub-command such as self-test)
HERE=$(dirname "$(readlink -f "$0")")
exec "$HERE/usr/lib/imgstudio/imgstudio" "$@"
SH
chmod +x "$APPDIR/AppRun"

if [ -z "$TOOL" ]; then
    echo "AppDir ready: $APPDIR (try: $APPDIR/AppRun self-test)"
    echo "appimagetool not found: install it (or set APPIMAGETOOL) to pack $OUT" >&2
    exit 3
fi
ARCH=$ARCH "$TOOL" --no-appstream "$APPDIR" "$OUT"
echo "$OUT ($(du -h "$OUT" | cut -f1))"
