#!/bin/sh
# Install imgstudio from the unpacked tarball (make_tarball.sh puts this script beside the app).
#   ./install.sh            for this user: ~/.local/opt/imgstudio, ~/.local/bin/imgstudio, menu entry
#   sudo ./install.sh --system    for everyone: /opt/imgstudio, /usr/local/bin/imgstudio, menu entry
#   ./install.sh --uninstall [--system]    remove what the install added
set -eu

HERE=$(cd "$(dirname "$0")" && pwd)
MODE=user
ACTION=install
for arg in "$@"; do
    case "$arg" in
        --system) MODE=system ;;
        --uninstall) ACTION=uninstall ;;
        -h|--help) sed -n '2,6p' "$0"; exit 0 ;;
        *) echo "unknown option: $arg" >&2; exit 2 ;;
    esac
done

if [ "$MODE" = system ]; then
    PREFIX=/opt/imgstudio BIN=/usr/local/bin SHARE=/usr/share
else
    DATA=${XDG_DATA_HOME:-$HOME/.local/share}
    PREFIX=$HOME/.local/opt/imgstudio BIN=$HOME/.local/bin SHARE=$DATA
fi
APPS=$SHARE/applications
ICONS=$SHARE/icons/hicolor

refresh_menus() {
    command -v update-desktop-database >/dev/null 2>&1 && update-desktop-database -q "$APPS" || true
    command -v gtk-update-icon-cache >/dev/null 2>&1 && gtk-update-icon-cache -q -t "$ICONS" || true
}

if [ "$ACTION" = uninstall ]; then
    rm -rf "$PREFIX"
    rm -f "$BIN/imgstudio" "$APPS/imgstudio.desktop" "$ICONS/256x256/apps/imgstudio.png" \
        "$ICONS/scalable/apps/imgstudio.svg"
    refresh_menus
    echo "imgstudio removed from $PREFIX"
    exit 0
fi

[ -x "$HERE/imgstudio/imgstudio" ] || { echo "no imgstudio/imgstudio next to $0" >&2; exit 1; }
mkdir -p "$PREFIX" "$BIN" "$APPS" "$ICONS/256x256/apps" "$ICONS/scalable/apps"
rm -rf "$PREFIX.new"
cp -a "$HERE/imgstudio" "$PREFIX.new"
rm -rf "$PREFIX"
mv "$PREFIX.new" "$PREFIX"
ln -sf "$PREFIX/imgstudio" "$BIN/imgstudio"
cp "$HERE/imgstudio.png" "$ICONS/256x256/apps/imgstudio.png"
cp "$HERE/imgstudio.svg" "$ICONS/scalable/apps/imgstudio.svg"
# the menu entry starts the installed executable by its full path (~/.local/bin may not be on PATH)
sed -e "s|^Exec=imgstudio |Exec=$PREFIX/imgstudio |" -e "s|^TryExec=imgstudio\$|TryExec=$PREFIX/imgstudio|" \
    "$HERE/imgstudio.desktop" > "$APPS/imgstudio.desktop"
refresh_menus
echo "imgstudio installed in $PREFIX; start it from the applications menu or with $BIN/imgstudio"
