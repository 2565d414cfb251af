#!/bin/bash
# Builds the p2pvps device image (the same as the Dockerfile beside this script) from Debian packages
# alone: debootstrap a bookworm minbase with openssh-server and tini, run setup.sh in it, and
# `docker import` the folder. For machines that reach a Debian mirror but no container registry.
#
#   device-bundle/image/build-offline.sh [TAG]          (default p2pvps/device:bookworm)
#
# Needs root, debootstrap and a running Docker daemon. The root file system is cached as a tar under
# P2PVPS_IMAGE_CACHE (default ~/.cache/p2pvps/device-image), keyed by a hash of this script, setup.sh
# and entrypoint.sh; the image carries the same key in its label org.p2pvps.image.recipe, so a second
# run with nothing changed returns at once. DEBIAN_MIRROR overrides the mirror apt uses.
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
export PATH="$PATH:/usr/sbin:/sbin"   # debootstrap and chroot live there
tag=${1:-p2pvps/device:bookworm}
suite=bookworm
packages=openssh-server,tini
# the Debian mirror this machine's apt already uses; debootstrap's own default when none is found
apt_mirror() {
    { grep -hs '^URIs:' /etc/apt/sources.list.d/*.sources | awk '{print $2}'
      grep -hs '^deb ' /etc/apt/sources.list /etc/apt/sources.list.d/*.list | awk '{print $2}'; } \
        | grep -E '/debian/?$' | head -1 || true
}
mirror=${DEBIAN_MIRROR:-$(apt_mirror)}
cache=${P2PVPS_IMAGE_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/p2pvps/device-image}
arch=$(dpkg --print-architecture)

log() { echo "build-offline: $*" >&2; }

recipe=$( (cat "$here/build-offline.sh" "$here/setup.sh" "$here/entrypoint.sh"; echo "$suite $packages $arch") \
    | sha256sum | cut -c1-16)

current=$(docker image inspect --format '{{ index .Config.Labels "org.p2pvps.image.recipe" }}' "$tag" 2>/dev/null || true)
if [ "$current" = "$recipe" ]; then
    log "$tag is up to date (recipe $recipe)"
    exit 0
fi

mkdir -p "$cache"
exec 9>"$cache/.lock"
flock 9   # two builds at once would debootstrap into the same folder

tarball="$cache/rootfs-$suite-$arch-$recipe.tar"
if [ ! -s "$tarball" ]; then
    [ "$(id -u)" = 0 ] || { log "debootstrap needs root"; exit 1; }
    command -v debootstrap >/dev/null || { log "debootstrap is missing: apt-get install -y debootstrap"; exit 1; }
    rootfs="$cache/rootfs-$recipe"
    rm -rf "$rootfs"
    log "debootstrap $suite ($arch, minbase + $packages) from ${mirror:-the default mirror of debootstrap} into $rootfs"
    started=$SECONDS
    mkdir -p "$cache/debs"
    debootstrap --variant=minbase --include="$packages" --arch="$arch" --cache-dir="$cache/debs" "$suite" "$rootfs" ${mirror:+"$mirror"} \
        > "$cache/debootstrap.log" 2>&1 || { tail -20 "$cache/debootstrap.log" >&2; log "debootstrap failed (log: $cache/debootstrap.log)"; exit 1; }
    install -m 755 "$here/entrypoint.sh" "$rootfs/tmp/p2pvps-entrypoint.sh"
    install -m 755 "$here/setup.sh" "$rootfs/tmp/p2pvps-setup.sh"
    chroot "$rootfs" /bin/sh /tmp/p2pvps-setup.sh
    rm -f "$rootfs/tmp/p2pvps-setup.sh"
    tar --numeric-owner --xattrs -C "$rootfs" --exclude='./dev/*' --exclude='./proc/*' --exclude='./sys/*' \
        -cf "$tarball.part" .
    mv "$tarball.part" "$tarball"
    rm -rf "$rootfs"
    find "$cache" -maxdepth 1 -name "rootfs-*.tar" ! -name "$(basename "$tarball")" -delete
    log "root file system ready in $((SECONDS - started)) s: $tarball"
fi

previous=$(docker image inspect --format '{{.Id}}' "$tag" 2>/dev/null || true)
log "importing $tarball as $tag"
docker import \
    --change 'ENTRYPOINT ["/usr/bin/tini", "--", "/usr/local/sbin/p2pvps-entrypoint"]' \
    --change 'EXPOSE 22' \
    --change "LABEL org.p2pvps.image.recipe=$recipe" \
    --message "p2pvps device image, built offline from Debian $suite" \
    "$tarball" "$tag" >/dev/null
if [ -n "$previous" ]; then
    docker rmi "$previous" >/dev/null 2>&1 || true   # the image this one replaces, unless a container still uses it
fi
log "$tag built (recipe $recipe)"
