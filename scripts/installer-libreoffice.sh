#!/usr/bin/env bash
# Install LibreOffice Calc (headless recalculation and PDF rendering) from Debian packages when it is missing.
# Without root rights and without sudo, only warn (tests that need it are then skipped, except under CI=true).
set -euo pipefail
if { command -v soffice >/dev/null 2>&1 || command -v libreoffice >/dev/null 2>&1; } \
   && ldconfig -p 2>/dev/null | grep -q libharfbuzz-subset; then
  exit 0
fi
# pango: the layout engine of WeasyPrint (the COPIL synthesis as a tagged PDF)
paquets=(libreoffice-calc poppler-utils fonts-dejavu libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0)
if command -v apt-get >/dev/null 2>&1; then
  if [ "$(id -u)" -eq 0 ]; then
    sudo=""
  elif command -v sudo >/dev/null 2>&1; then
    sudo="sudo"
  else
    sudo="absent"
  fi
  if [ "$sudo" != "absent" ]; then
    echo "Installation de LibreOffice Calc (paquets Debian : ${paquets[*]})…"
    export DEBIAN_FRONTEND=noninteractive
    $sudo apt-get update -qq
    $sudo apt-get install -y -qq --no-install-recommends "${paquets[@]}" >/dev/null
    exit 0
  fi
fi
echo "Attention : LibreOffice est absent et n'a pas pu être installé automatiquement." >&2
echo "Installez-le (paquet libreoffice-calc) pour recalculer et rendre les classeurs en PDF." >&2
if [ "${CI:-}" = "true" ]; then exit 1; fi
