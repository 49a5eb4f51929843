"""Start the add-in server: settings checked, the development certificate made when needed, uvicorn over TLS.

Several processes (`--processus`, NR_SERVEUR_PROCESSUS) serve one port: on Linux a supervisor accepts and deals the
connections out to them in turn (`excel/superviseur.py`); elsewhere uvicorn's workers share one socket, importing
the application by its public path (`nr_workbook.serveur:creer_app`), the settings in the environment.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, replace

from nr_workbook.excel.reglages import ReglageInvalide, Reglages

CHEMIN_APPLICATION = "nr_workbook.serveur:creer_app"


@dataclass(frozen=True)
class Demarrage:
    reglages: Reglages
    adresse: str  # where the server listens (scheme://host:port)
    manifeste: str  # the manifest's URL
    messages: tuple[str, ...] = ()  # French notes for the person starting it (certificate created, trust…)


def preparer(reglages: Reglages) -> Demarrage:
    """Check the settings and make the development certificate when no certificate is given."""
    reglages = reglages.verifier()
    messages: list[str] = []
    if reglages.tls and not reglages.certificat:
        from nr_workbook.excel.certificats import certificats_dev, instructions_confiance

        if not reglages.boucle_locale():
            raise ReglageInvalide(f"le certificat local de développement ne vaut que pour localhost : pour écouter "
                                  f"sur {reglages.hote}, donnez --certificat et --cle (docs/hebergement.md).")
        try:
            c = certificats_dev()
        except OSError as e:
            raise ReglageInvalide(f"création du certificat local impossible : {e}") from e
        reglages = replace(reglages, certificat=c.certificat, cle=c.cle, dev=False).verifier()
        if "autorité" in c.crees:
            messages.append("Autorité locale de développement créée : " + str(c.autorite))
            messages.append(instructions_confiance(c.autorite))
        else:
            messages.append(f"Certificat local (autorité {c.autorite}, déjà approuvée si vous avez suivi les "
                            "instructions données à sa création).")
    if reglages.http_sans_tls and not reglages.boucle_locale():
        messages.append(f"Attention : HTTP simple sur {reglages.hote} ; seul le proxy HTTPS "
                        f"({reglages.url_publique}) doit pouvoir joindre ce port.")
    schema = "https" if reglages.tls else "http"
    hote = "localhost" if reglages.boucle_locale() and reglages.tls else reglages.hote
    adresse = f"{schema}://{hote}:{reglages.port}"
    base = reglages.base_publique() or adresse
    return Demarrage(reglages, adresse, f"{base}/manifest.xml", tuple(messages))


def config_uvicorn(reglages: Reglages) -> dict:
    """uvicorn's keyword arguments for these (checked) settings."""
    options: dict = {"host": reglages.hote, "port": reglages.port, "proxy_headers": reglages.http_sans_tls,
                     "forwarded_allow_ips": "*" if reglages.http_sans_tls else None, "server_header": False,
                     "log_level": "info", "timeout_keep_alive": 30}
    if reglages.tls:
        options.update(ssl_certfile=str(reglages.certificat), ssl_keyfile=str(reglages.cle))
    return options


def lancer(reglages: Reglages) -> None:  # pragma: no cover - runs until stopped; exercised by tests in a thread
    import uvicorn

    from nr_workbook.excel.superviseur import Superviseur, repartition_possible

    options = config_uvicorn(reglages)
    if reglages.processus == 1:
        from nr_workbook.excel.serveur import creer_app

        uvicorn.run(creer_app(reglages), **options)
    elif repartition_possible():
        Superviseur(reglages, options).executer()
    else:  # pragma: no cover - Windows, macOS
        from nr_workbook.excel.telechargements import dossier_partage

        os.environ.update(reglages.environnement())
        with dossier_partage():  # one download folder for every worker
            uvicorn.run(CHEMIN_APPLICATION, factory=True, workers=reglages.processus, **options)
