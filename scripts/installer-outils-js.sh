#!/usr/bin/env bash
# Node.js and npm from Debian packages when they are missing, then the tests' JavaScript tools declared in
# package.json (lower bounds, no lock file): Microsoft's mock of the Excel JavaScript API (office-addin-mock).
# Without root rights and without sudo, only warn (tests that need them are then skipped, except under CI=true).
set -euo pipefail
cd "$(dirname "$0")/.."
if ! command -v node >/dev/null 2>&1 || ! command -v npm >/dev/null 2>&1; then
  if command -v apt-get >/dev/null 2>&1 && { [ "$(id -u)" -eq 0 ] || command -v sudo >/dev/null 2>&1; }; then
    sudo=""; [ "$(id -u)" -eq 0 ] || sudo="sudo"
    echo "Installation de Node.js (paquets Debian : nodejs npm)…"
    export DEBIAN_FRONTEND=noninteractive
    $sudo apt-get update -qq
    $sudo apt-get install -y -qq --no-install-recommends nodejs npm >/dev/null
  else
    echo "Attention : Node.js est absent et n'a pas pu être installé automatiquement (paquets nodejs et npm)." >&2
    if [ "${CI:-}" = "true" ]; then exit 1; fi
    exit 0
  fi
fi
if [ ! -f node_modules/.installe ] || [ package.json -nt node_modules/.installe ]; then
  echo "Installation des outils JavaScript des tests (package.json)…"
  npm install --no-package-lock --no-audit --no-fund --loglevel=error
  touch node_modules/.installe
fi
