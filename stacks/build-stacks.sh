#!/usr/bin/env bash
# Builds the two stack images from Debian packages, with no image registry:
#   slipway/stack-run    debootstrap --variant=minbase + CA certificates and libatomic1 (Node.js 25+
#                        needs it), user slipway (1000); Debian 13 (trixie) by default
#   slipway/stack-build  the run stack + compilers, curl, git and the tools buildpacks use
# Called by scripts/lib/platform.sh (ensure_stacks) as root, with STACK_RECIPE set.
set -euo pipefail

mirror=${DEBIAN_MIRROR:-http://deb.debian.org/debian}
suite=${DEBIAN_SUITE:-trixie}
recipe=${STACK_RECIPE:?STACK_RECIPE must be set}
here=$(cd "$(dirname "$0")" && pwd)
work=$(mktemp -d /var/tmp/slipway-stack.XXXXXX)
trap 'rm -rf "$work"' EXIT

root="$work/root"
debootstrap --variant=minbase --include=ca-certificates,netbase,libatomic1 "$suite" "$root" "$mirror" >"$work/debootstrap.log" 2>&1 || {
  tail -30 "$work/debootstrap.log" >&2; echo "error: debootstrap failed" >&2; exit 1; }

security=${mirror%/debian}/debian-security
cat >"$root/etc/apt/sources.list" <<SOURCES
deb $mirror $suite main
deb $mirror $suite-updates main
deb $security $suite-security main
SOURCES
chroot "$root" groupadd --gid 1000 slipway
chroot "$root" useradd --uid 1000 --gid 1000 --create-home --home-dir /home/slipway --shell /bin/bash slipway
mkdir -p "$root/workspace" "$root/layers"
# Scripts and Procfiles written for Heroku or Dokku name the app's directory /app.
ln -s workspace "$root/app"
chroot "$root" chown slipway:slipway /workspace /layers
chroot "$root" apt-get clean
rm -rf "$root"/var/lib/apt/lists/* "$root"/var/cache/apt/*.bin "$root"/var/log/*.log "$root"/tmp/*

distro_version=$(cut -d. -f1 "$root/etc/debian_version")
tar -C "$root" --numeric-owner -c . | docker import \
  --change "LABEL io.slipway.stack.recipe=$recipe" \
  --change "LABEL io.buildpacks.stack.id=io.slipway.stacks.$suite" \
  --change "LABEL io.buildpacks.base.distro.name=debian" \
  --change "LABEL io.buildpacks.base.distro.version=$distro_version" \
  --change "ENV LANG=C.UTF-8 PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin" \
  --change "ENV CNB_USER_ID=1000 CNB_GROUP_ID=1000" \
  --change "WORKDIR /workspace" \
  --change "USER 1000:1000" \
  - slipway/stack-run:latest >/dev/null

DOCKER_BUILDKIT=0 docker build -q --label "io.slipway.stack.recipe=$recipe" \
  -t slipway/stack-build:latest -f "$here/build.Dockerfile" "$here" >/dev/null
echo "slipway: stack images ready (recipe $recipe)" >&2
