"""The server's settings: where it listens, its TLS, the public URL the manifest advertises, the token.

Given on the command line (`nr-workbook serveur`) or, for a container or an ASGI host, in the environment
(NR_SERVEUR_HOTE, NR_SERVEUR_PORT, NR_SERVEUR_CERTIFICAT, NR_SERVEUR_CLE, NR_SERVEUR_URL_PUBLIQUE,
NR_SERVEUR_JETON, NR_SERVEUR_HTTP_SANS_TLS=1, NR_SERVEUR_PROCESSUS). Every wrong combination is a French message
before anything listens: HTTPS unless plain HTTP is asked for explicitly, and then only behind a public https URL.
"""

from __future__ import annotations

import ipaddress
import os
import ssl
from dataclasses import dataclass, replace
from pathlib import Path

from nr_workbook.excel.manifeste import UrlInvalide, base_https

PORT_DEFAUT = 8443


def processus_par_defaut() -> int:
    """One server process per core, at most 8 (each holds the engine: about 150 MB)."""
    return max(1, min(os.cpu_count() or 1, 8))


class ReglageInvalide(ValueError):
    """A setting or a combination of settings the server cannot start with (French message)."""


def _vrai(texte: str | None) -> bool:
    return (texte or "").strip().lower() in {"1", "oui", "true", "vrai", "yes"}


@dataclass(frozen=True)
class Reglages:
    hote: str = "127.0.0.1"
    port: int = PORT_DEFAUT
    certificat: Path | None = None
    cle: Path | None = None
    url_publique: str | None = None
    jeton: str | None = None
    http_sans_tls: bool = False
    dev: bool = False
    processus: int = 1

    @classmethod
    def depuis_environnement(cls, env: dict[str, str] | None = None) -> Reglages:
        env = dict(os.environ if env is None else env)

        def chemin(cle: str) -> Path | None:
            return Path(env[cle]) if env.get(cle) else None

        try:
            port = int(env.get("NR_SERVEUR_PORT") or PORT_DEFAUT)
            processus = int(env.get("NR_SERVEUR_PROCESSUS") or 1)
        except ValueError as e:
            raise ReglageInvalide(f"NR_SERVEUR_PORT et NR_SERVEUR_PROCESSUS sont des nombres entiers ({e}).") from e
        return cls(hote=env.get("NR_SERVEUR_HOTE") or "127.0.0.1", port=port,
                   certificat=chemin("NR_SERVEUR_CERTIFICAT"), cle=chemin("NR_SERVEUR_CLE"),
                   url_publique=env.get("NR_SERVEUR_URL_PUBLIQUE") or None, jeton=env.get("NR_SERVEUR_JETON") or None,
                   http_sans_tls=_vrai(env.get("NR_SERVEUR_HTTP_SANS_TLS")), processus=processus)

    def environnement(self) -> dict[str, str]:
        """The settings as environment variables (for the worker processes the server starts)."""
        env = {"NR_SERVEUR_HOTE": self.hote, "NR_SERVEUR_PORT": str(self.port),
               "NR_SERVEUR_HTTP_SANS_TLS": "1" if self.http_sans_tls else "0",
               "NR_SERVEUR_PROCESSUS": str(self.processus)}
        for cle, valeur in (("NR_SERVEUR_CERTIFICAT", self.certificat), ("NR_SERVEUR_CLE", self.cle),
                            ("NR_SERVEUR_URL_PUBLIQUE", self.url_publique), ("NR_SERVEUR_JETON", self.jeton)):
            env[cle] = str(valeur) if valeur else ""
        return env

    @property
    def tls(self) -> bool:
        return not self.http_sans_tls

    def boucle_locale(self) -> bool:
        try:
            return ipaddress.ip_address(self.hote).is_loopback
        except ValueError:
            return self.hote == "localhost"

    def base_publique(self) -> str | None:
        """The https base the manifest advertises, when fixed by the settings (else the request's own)."""
        return base_https(self.url_publique) if self.url_publique else None

    def verifier(self) -> Reglages:
        """The settings, checked (paths resolved); ReglageInvalide with a French message otherwise."""
        if not 1 <= self.port <= 65535:
            raise ReglageInvalide(f"port {self.port} invalide : de 1 à 65535.")
        if not 1 <= self.processus <= 64:
            raise ReglageInvalide(f"nombre de processus {self.processus} invalide : de 1 à 64.")
        if self.url_publique:
            try:
                base_https(self.url_publique)
            except UrlInvalide as e:
                raise ReglageInvalide(f"--url-publique {e}") from e
        if (self.certificat is None) != (self.cle is None):
            raise ReglageInvalide("--certificat et --cle vont ensemble : donnez le certificat (PEM) et sa clé.")
        if self.dev and self.certificat:
            raise ReglageInvalide("--dev crée un certificat local : ne le combinez pas avec --certificat/--cle.")
        if self.http_sans_tls:
            if self.certificat or self.dev:
                raise ReglageInvalide("--http-sans-tls sert en HTTP simple : ne le combinez pas avec un certificat.")
            if not self.url_publique:
                raise ReglageInvalide("--http-sans-tls n'est possible que derrière un proxy qui termine HTTPS : "
                                      "donnez son adresse avec --url-publique https://…")
            return self
        if self.certificat and self.cle:
            for nom, chemin in (("certificat", self.certificat), ("clé", self.cle)):
                if not chemin.is_file():
                    raise ReglageInvalide(f"{nom} introuvable : {chemin}")
            try:
                ssl.create_default_context(ssl.Purpose.CLIENT_AUTH).load_cert_chain(self.certificat, self.cle)
            except (ssl.SSLError, OSError, ValueError) as e:
                raise ReglageInvalide(f"certificat {self.certificat} ou clé {self.cle} illisible, ou qui ne vont "
                                      f"pas ensemble ({e.__class__.__name__} : {e}).") from e
            return replace(self, certificat=self.certificat.resolve(), cle=self.cle.resolve())
        return self
