#!/usr/bin/env bash
# Installs the .deb into a clean, minimal Debian 12 (a debootstrap chroot) with apt, so that its
# Depends are resolved from Debian's archive and nothing on this machine helps, then runs the
# installed binary. Needs root, network to a Debian mirror and about 300 MB; takes a minute or
# two. Not part of the test suite (it fetches a system); run it by hand after a packaging change.
#   scripts/deb_clean_install.sh [BUILD_DIR] [MIRROR]
set -euo pipefail
cd "$(dirname "$0")/.."
build=${1:-build}
mirror=${2:-http://deb.debian.org/debian}
[ "$(id -u)" = 0 ] || { echo "deb_clean_install: needs root (debootstrap, chroot)" >&2; exit 2; }
command -v debootstrap >/dev/null || apt-get install -y -qq debootstrap >/dev/null

work=$(mktemp -d)
root=$work/root
cleanup() {
  umount "$root/proc" 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

cpack -G DEB -B "$work/deb" --config "$build/CPackConfig.cmake" >/dev/null
deb=$(ls "$work"/deb/exlschema_*.deb)
debootstrap --variant=minbase bookworm "$root" "$mirror" >"$work/debootstrap.log" 2>&1 ||
  { tail -5 "$work/debootstrap.log"; exit 1; }
cp "$deb" "$root/tmp/"
cp /etc/resolv.conf "$root/etc/resolv.conf"
mount -t proc proc "$root/proc"
chroot "$root" /bin/bash -euo pipefail -c '
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq /tmp/exlschema_*.deb >/dev/null
  exlSchema --version
  exlSchema -h | grep -q "^Usage:"
  exlSchema --completion bash | bash -n
  test -s /usr/share/man/man1/exlSchema.1.gz
  test -s /usr/share/bash-completion/completions/exlSchema
  test -s /usr/share/zsh/vendor-completions/_exlSchema
  test -s /usr/share/doc/exlschema/.exlSchema.yaml.example
  echo "Depends: $(dpkg-query -W -f="\${Depends}" exlschema)"
'
echo "deb_clean_install: $(basename "$deb") installed with apt into a clean Debian 12 and ran"
