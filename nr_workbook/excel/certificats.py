"""Local HTTPS for `nr-workbook serveur --dev`: a certificate authority of one's own and a localhost certificate.

As Microsoft's office-addin-dev-certs and mkcert do: the authority is created once in the user's config folder
(its key never leaves it, readable by the user only); the localhost certificate it signs (localhost, 127.0.0.1,
::1) is renewed when it nears its end. The user trusts the authority once (French instructions per system), and
every later certificate is trusted with it. `autorite` and `certificat_serveur` also make throwaway certificates
for the tests and the benchmark.
"""

from __future__ import annotations

import datetime as dt
import ipaddress
import os
import platform
from dataclasses import dataclass
from pathlib import Path

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID

NOM_AUTORITE = "nr_workbook – autorité locale de développement"
DUREE_AUTORITE = dt.timedelta(days=3650)
DUREE_CERTIFICAT = dt.timedelta(days=825)  # the longest Apple's platforms accept for a server certificate
RENOUVELER_AVANT = dt.timedelta(days=30)
HOTES_LOCAUX = ("localhost", "127.0.0.1", "::1")


@dataclass(frozen=True)
class Certificats:
    autorite: Path  # the authority's certificate (PEM), the one the user trusts
    certificat: Path  # the server's certificate (PEM)
    cle: Path  # the server's private key (PEM)
    crees: tuple[str, ...] = ()  # what this call created: "autorité", "certificat"


def dossier_certificats() -> Path:
    """Where the development authority lives (the user's config folder, per system)."""
    from platformdirs import user_config_dir

    return Path(user_config_dir("nr_workbook", appauthor=False)) / "certificats"


def _ecrire_cle(chemin: Path, cle: rsa.RSAPrivateKey) -> None:
    octets = cle.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                               serialization.NoEncryption())
    descripteur = os.open(chemin, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(descripteur, "wb") as f:
        f.write(octets)
    os.chmod(chemin, 0o600)


def _nom(commun: str) -> x509.Name:
    return x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, commun),
                      x509.NameAttribute(NameOID.ORGANIZATION_NAME, "nr_workbook (développement local)")])


def autorite(dossier: Path, maintenant: dt.datetime | None = None) -> tuple[Path, Path]:
    """Create a certificate authority in `dossier`: (certificate, key) paths."""
    maintenant = maintenant or dt.datetime.now(dt.UTC)
    dossier.mkdir(parents=True, exist_ok=True)
    cle = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    nom = _nom(f"{NOM_AUTORITE} ({platform.node() or 'poste'})")
    publique = cle.public_key()
    certificat = (
        x509.CertificateBuilder().subject_name(nom).issuer_name(nom).public_key(publique)
        .serial_number(x509.random_serial_number())
        .not_valid_before(maintenant - dt.timedelta(minutes=5)).not_valid_after(maintenant + DUREE_AUTORITE)
        .add_extension(x509.BasicConstraints(ca=True, path_length=0), critical=True)
        .add_extension(x509.KeyUsage(digital_signature=True, content_commitment=False, key_encipherment=False,
                                     data_encipherment=False, key_agreement=False, key_cert_sign=True,
                                     crl_sign=True, encipher_only=False, decipher_only=False), critical=True)
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(publique), critical=False)
        .sign(cle, hashes.SHA256())
    )
    chemin, chemin_cle = dossier / "nr-autorite.pem", dossier / "nr-autorite-cle.pem"
    _ecrire_cle(chemin_cle, cle)
    chemin.write_bytes(certificat.public_bytes(serialization.Encoding.PEM))
    return chemin, chemin_cle


def certificat_serveur(dossier: Path, autorite_pem: Path, autorite_cle: Path,
                       hotes: tuple[str, ...] = HOTES_LOCAUX, maintenant: dt.datetime | None = None,
                       nom: str = "localhost") -> tuple[Path, Path]:
    """A server certificate for `hotes` signed by the authority: (certificate, key) paths."""
    maintenant = maintenant or dt.datetime.now(dt.UTC)
    ca = x509.load_pem_x509_certificate(autorite_pem.read_bytes())
    ca_cle = serialization.load_pem_private_key(autorite_cle.read_bytes(), password=None)
    cle = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    noms: list[x509.GeneralName] = []
    for h in hotes:
        try:
            noms.append(x509.IPAddress(ipaddress.ip_address(h)))
        except ValueError:
            noms.append(x509.DNSName(h))
    certificat = (
        x509.CertificateBuilder().subject_name(_nom(hotes[0])).issuer_name(ca.subject)
        .public_key(cle.public_key()).serial_number(x509.random_serial_number())
        .not_valid_before(maintenant - dt.timedelta(minutes=5)).not_valid_after(maintenant + DUREE_CERTIFICAT)
        .add_extension(x509.SubjectAlternativeName(noms), critical=False)
        .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
        .add_extension(x509.KeyUsage(digital_signature=True, content_commitment=False, key_encipherment=True,
                                     data_encipherment=False, key_agreement=False, key_cert_sign=False,
                                     crl_sign=False, encipher_only=False, decipher_only=False), critical=True)
        .add_extension(x509.ExtendedKeyUsage([ExtendedKeyUsageOID.SERVER_AUTH]), critical=False)
        .add_extension(x509.AuthorityKeyIdentifier.from_issuer_public_key(ca.public_key()), critical=False)
        .sign(ca_cle, hashes.SHA256())
    )
    chemin, chemin_cle = dossier / f"{nom}.pem", dossier / f"{nom}-cle.pem"
    _ecrire_cle(chemin_cle, cle)
    chemin.write_bytes(certificat.public_bytes(serialization.Encoding.PEM))
    return chemin, chemin_cle


def _encore_valable(chemin: Path, maintenant: dt.datetime, marge: dt.timedelta = RENOUVELER_AVANT) -> bool:
    try:
        certificat = x509.load_pem_x509_certificate(chemin.read_bytes())
    except (OSError, ValueError):
        return False
    return certificat.not_valid_after_utc - marge > maintenant


def certificats_dev(dossier: Path | None = None, maintenant: dt.datetime | None = None) -> Certificats:
    """The development authority and localhost certificate, created the first time, renewed when they near
    their end (the authority is kept as long as it is valid, so the user trusts it once)."""
    dossier = dossier or dossier_certificats()
    maintenant = maintenant or dt.datetime.now(dt.UTC)
    ca, ca_cle = dossier / "nr-autorite.pem", dossier / "nr-autorite-cle.pem"
    crt, cle = dossier / "localhost.pem", dossier / "localhost-cle.pem"
    crees: list[str] = []
    if not (ca_cle.is_file() and _encore_valable(ca, maintenant, DUREE_CERTIFICAT)):
        autorite(dossier, maintenant)
        crees.append("autorité")
    if "autorité" in crees or not (cle.is_file() and _encore_valable(crt, maintenant)):
        certificat_serveur(dossier, ca, ca_cle, maintenant=maintenant)
        crees.append("certificat")
    return Certificats(ca, crt, cle, tuple(crees))


def instructions_confiance(ca: Path) -> str:
    """How to trust the development authority, in French, for Windows, macOS and Linux."""
    return f"""Pour qu'Excel fasse confiance au complément servi en HTTPS sur ce poste, faites confiance une fois
à l'autorité locale nr_workbook (fichier {ca}) :

  Windows (Excel de bureau et navigateurs Edge/Chrome) – dans une invite de commandes, sans droits d'administrateur :
      certutil -user -addstore Root "{ca}"
    (ou double-cliquez sur le fichier, « Installer le certificat… », « Utilisateur actuel »,
     magasin « Autorités de certification racines de confiance ».)
  macOS (Excel pour Mac, Safari, Chrome) – dans le Terminal :
      security add-trusted-cert -r trustRoot -k ~/Library/Keychains/login.keychain-db "{ca}"
  Linux (Firefox/Chromium pour Excel sur le web) :
      certutil -d sql:$HOME/.pki/nssdb -A -t "C,," -n nr_workbook -i "{ca}"

Puis redémarrez Excel (et le navigateur). Pour retirer la confiance plus tard : certmgr.msc (Windows) ou
Trousseaux d'accès (macOS), certificat « {NOM_AUTORITE} ». La clé de l'autorité reste sur ce poste, lisible par
vous seul ; ne la copiez pas ailleurs. Sur un serveur partagé, utilisez un vrai certificat (docs/hebergement.md)."""
