#!/usr/bin/env bash
# Installs what a fresh machine lacks to build TrustAudit: the OpenSSL and libxml2 headers and
# pkg-config (Debian packages); with --test also Debian's Chromium, in which the tests render the
# HTML report. Swift itself comes with the machine.
set -euo pipefail
missing=()
if [ "${1:-}" = "--test" ] && ! command -v chromium >/dev/null 2>&1 && ! command -v chromium-browser >/dev/null 2>&1; then
  missing+=(chromium)
fi
command -v pkg-config >/dev/null 2>&1 || missing+=(pkg-config)
if command -v pkg-config >/dev/null 2>&1; then
  pkg-config --exists libcrypto || missing+=(libssl-dev)
  pkg-config --exists libxml-2.0 || missing+=(libxml2-dev)
  pkg-config --exists zlib || missing+=(zlib1g-dev)
else
  missing+=(libssl-dev libxml2-dev zlib1g-dev)
fi
if [ ${#missing[@]} -gt 0 ]; then
  echo "ensure-deps: installing ${missing[*]}" >&2
  sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${missing[@]}" >/dev/null
fi
command -v swift >/dev/null 2>&1 || { echo "ensure-deps: swift is not on PATH (expected /opt/swift/usr/bin)" >&2; exit 2; }
