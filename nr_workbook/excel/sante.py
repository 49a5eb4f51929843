"""Health check of a running add-in server (the container's HEALTHCHECK): exit 0 when /sante answers « ok ».

    python -m nr_workbook.excel.sante

The address comes from the server's own settings (NR_SERVEUR_PORT, NR_SERVEUR_HTTP_SANS_TLS); over TLS the
certificate is not checked (the call stays on the loopback of the machine or container).
"""

from __future__ import annotations

import json
import ssl
import sys
import urllib.request

from nr_workbook.excel.reglages import ReglageInvalide, Reglages


def verifier(reglages: Reglages, delai: float = 4.0) -> bool:
    schema = "http" if reglages.http_sans_tls else "https"
    contexte = None
    if reglages.tls:
        contexte = ssl.create_default_context()
        contexte.check_hostname = False
        contexte.verify_mode = ssl.CERT_NONE
    try:
        with urllib.request.urlopen(f"{schema}://127.0.0.1:{reglages.port}/sante", timeout=delai,  # noqa: S310
                                    context=contexte) as r:
            return r.status == 200 and json.loads(r.read()).get("etat") == "ok"
    except (OSError, ValueError):
        return False


def main() -> int:
    try:
        reglages = Reglages.depuis_environnement()
    except ReglageInvalide as e:
        print(f"réglages invalides : {e}", file=sys.stderr)
        return 1
    ok = verifier(reglages)
    print("serveur nr_workbook : " + ("en service" if ok else "ne répond pas"))
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
