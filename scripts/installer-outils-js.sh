#!/usr/bin/env bash
# Node.js, npm and Chromium from Debian packages when they are missing, then the tests' JavaScript tools declared
# in package.json (lower bounds, no lock file): Microsoft's mock of the Excel JavaScript API (office-addin-mock),
# esbuild (the mock bundled for the browser) and puppeteer-core (drives Debian's Chromium; downloads no browser).
# Without root rights and without sudo, only warn (tests that need them are then skipped, except under CI=true).
set -euo pipefail
cd "$(dirname "$0")/.."
paquets=()
command -v node >/dev/null 2>&1 || paquets+=(nodejs)
command -v npm >/dev/null 2>&1 || paquets+=(npm)
command -v chromium >/dev/null 2>&1 || paquets+=(chromium)
if [ "${#paquets[@]}" -gt 0 ]; then
  if command -v apt-get >/dev/null 2>&1 && { [ "$(id -u)" -eq 0 ] || command -v sudo >/dev/null 2>&1; }; then
    sudo=""; [ "$(id -u)" -eq 0 ] || sudo="sudo"
    echo "Installation des paquets Debian ${paquets[*]}…"
    export DEBIAN_FRONTEND=noninteractive
    $sudo apt-get update -qq
    $sudo apt-get install -y -qq --no-install-recommends "${paquets[@]}" >/dev/null
  else
    echo "Attention : ${paquets[*]} absent(s), installation automatique impossible (droits administrateur)." >&2
    if [ "${CI:-}" = "true" ]; then exit 1; fi
    command -v npm >/dev/null 2>&1 || exit 0
  fi
fi
if [ ! -f node_modules/.installe ] || [ package.json -nt node_modules/.installe ]; then
  echo "Installation des outils JavaScript des tests (package.json)…"
  npm install --no-package-lock --no-audit --no-fund --loglevel=error
  touch node_modules/.installe
fi
