#!/bin/sh
# Make dist/imgstudio-VERSION-macos-ARCH.dmg from dist/imgstudio.app (`make bundle` run on macOS).
# The disk image holds the app and a link to /Applications to drag it onto.
# Optional, with an Apple Developer ID:
#   IMGSTUDIO_SIGN_ID="Developer ID Application: NAME (TEAMID)"   signs the app (hardened runtime)
#   IMGSTUDIO_NOTARY_PROFILE=PROFILE   notarizes and staples the image
#     (a profile stored before with `xcrun notarytool store-credentials PROFILE ...`)
set -eu

ROOT=$(cd "$(dirname "$0")/../.." && pwd)
APP=$ROOT/dist/imgstudio.app
VERSION=$(sed -n 's/^__version__ = "\(.*\)"/\1/p' "$ROOT/imgstudio/__init__.py")
NAME=imgstudio-$VERSION-macos-$(uname -m)
STAGE=$ROOT/build/dmg/$NAME
OUT=$ROOT/dist/$NAME.dmg

[ "$(uname -s)" = Darwin ] || { echo "make_dmg.sh needs macOS (hdiutil)" >&2; exit 1; }
[ -d "$APP" ] || { echo "no $APP: run 'make bundle' on macOS first" >&2; exit 1; }
rm -rf "$STAGE"
mkdir -p "$STAGE"
ditto "$APP" "$STAGE/imgstudio.app"
if [ -n "${IMGSTUDIO_SIGN_ID:-}" ]; then
    codesign --force --deep --timestamp --options runtime --sign "$IMGSTUDIO_SIGN_ID" "$STAGE/imgstudio.app"
    codesign --verify --deep --strict "$STAGE/imgstudio.app"
fi
ln -s /Applications "$STAGE/Applications"
rm -f "$OUT"
hdiutil create -volname "imgstudio $VERSION" -srcfolder "$STAGE" -fs HFS+ -format UDZO -imagekey zlib-level=9 "$OUT"
hdiutil verify "$OUT"
if [ -n "${IMGSTUDIO_SIGN_ID:-}" ]; then
    codesign --force --timestamp --sign "$IMGSTUDIO_SIGN_ID" "$OUT"
fi
if [ -n "${IMGSTUDIO_NOTARY_PROFILE:-}" ]; then
    xcrun notarytool submit "$OUT" --keychain-profile "$IMGSTUDIO_NOTARY_PROFILE" --wait
    xcrun stapler staple "$OUT"
fi
rm -rf "$STAGE"
echo "$OUT ($(du -h "$OUT" | cut -f1))"
