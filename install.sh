#!/usr/bin/env bash
# Installs a released mtlint binary: picks the asset for this machine, checks it against the
# release's SHA256SUMS, and puts `mtlint` in a folder (default ~/.local/bin).
#
#   curl -fsSL https://raw.githubusercontent.com/mtlint/mtlint/main/install.sh | bash
#   bash install.sh --version v0.2.0 --to /usr/local/bin
#
# Options (or environment variables):
#   --version V   MTLINT_VERSION   a release tag such as v0.2.0, or `latest` (default)
#   --to DIR      MTLINT_INSTALL_DIR   where to put the binary (default ~/.local/bin)
#   --repo R      MTLINT_REPO      the GitHub repository that publishes releases (owner/name)
#   --target T    MTLINT_TARGET    a Rust target triple, instead of the detected one
#   --base URL    MTLINT_DOWNLOAD_BASE   a folder URL holding the assets and SHA256SUMS
#                                  (a mirror, or file:///path for a local copy)
set -euo pipefail

repo="${MTLINT_REPO:-mtlint/mtlint}"
version="${MTLINT_VERSION:-latest}"
dest="${MTLINT_INSTALL_DIR:-$HOME/.local/bin}"
target="${MTLINT_TARGET:-}"
base="${MTLINT_DOWNLOAD_BASE:-}"

die() { echo "install.sh: error: $*" >&2; exit 1; }

while [ $# -gt 0 ]; do
  case "$1" in
    --version) version="${2:?--version needs a value}"; shift 2 ;;
    --to) dest="${2:?--to needs a value}"; shift 2 ;;
    --repo) repo="${2:?--repo needs a value}"; shift 2 ;;
    --target) target="${2:?--target needs a value}"; shift 2 ;;
    --base) base="${2:?--base needs a value}"; shift 2 ;;
    -h|--help) sed -n '2,15p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) die "unknown option $1 (see --help)" ;;
  esac
done

if [ -z "$target" ]; then
  os="$(uname -s)"
  arch="$(uname -m)"
  case "$arch" in
    x86_64|amd64) arch=x86_64 ;;
    aarch64|arm64) arch=aarch64 ;;
    *) die "no release binary for the $arch processor; build from source with cargo" ;;
  esac
  case "$os" in
    Linux) target="$arch-unknown-linux-musl" ;;
    Darwin) target="$arch-apple-darwin" ;;
    MINGW*|MSYS*|CYGWIN*|Windows_NT)
      [ "$arch" = x86_64 ] || die "no release binary for Windows on $arch"
      target="x86_64-pc-windows-msvc" ;;
    *) die "no release binary for $os; build from source with cargo" ;;
  esac
fi

case "$target" in
  *windows*) asset="mtlint-$target.zip"; exe="mtlint.exe" ;;
  *) asset="mtlint-$target.tar.gz"; exe="mtlint" ;;
esac

if [ -z "$base" ]; then
  if [ "$version" = latest ]; then
    base="https://github.com/$repo/releases/latest/download"
  else
    base="https://github.com/$repo/releases/download/$version"
  fi
fi

fetch() {
  if command -v curl >/dev/null 2>&1; then
    curl --proto '=https,file' -fsSL --retry 3 -o "$2" "$1"
  elif command -v wget >/dev/null 2>&1; then
    wget -q -O "$2" "$1"
  else
    die "neither curl nor wget is installed"
  fi
}

sha256() {
  if command -v sha256sum >/dev/null 2>&1; then
    sha256sum "$1" | cut -d' ' -f1
  elif command -v shasum >/dev/null 2>&1; then
    shasum -a 256 "$1" | cut -d' ' -f1
  else
    die "neither sha256sum nor shasum is installed: cannot verify the download"
  fi
}

tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT

fetch "$base/$asset" "$tmp/$asset" || die "could not download $base/$asset"
fetch "$base/SHA256SUMS" "$tmp/SHA256SUMS" || die "could not download $base/SHA256SUMS"

expected="$(awk -v a="$asset" '$2 == a || $2 == "*" a { print $1; exit }' "$tmp/SHA256SUMS")"
[ -n "$expected" ] || die "SHA256SUMS has no entry for $asset"
actual="$(sha256 "$tmp/$asset")"
[ "$expected" = "$actual" ] || die "checksum mismatch for $asset: expected $expected, got $actual"

mkdir -p "$tmp/x"
case "$asset" in
  *.zip) command -v unzip >/dev/null 2>&1 || die "unzip is needed for $asset"
         unzip -q "$tmp/$asset" -d "$tmp/x" ;;
  *) tar -xzf "$tmp/$asset" -C "$tmp/x" ;;
esac
[ -f "$tmp/x/$exe" ] || die "$asset holds no $exe"

mkdir -p "$dest"
# Copy then rename, so a running mtlint is never overwritten in place.
cp "$tmp/x/$exe" "$dest/.$exe.tmp"
chmod 755 "$dest/.$exe.tmp"
mv -f "$dest/.$exe.tmp" "$dest/$exe"
echo "installed $("$dest/$exe" --version 2>/dev/null || echo mtlint) ($target) to $dest/$exe"
case ":$PATH:" in
  *":$dest:"*) ;;
  *) echo "note: $dest is not on PATH" ;;
esac
