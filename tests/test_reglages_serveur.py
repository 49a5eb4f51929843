"""The server's settings (French refusals before anything listens) and its local development certificates."""

from __future__ import annotations

import datetime as dt
import os
import stat
from pathlib import Path

import pytest
from cryptography import x509
from typer.testing import CliRunner

from nr_workbook.cli import app
from nr_workbook.excel.certificats import certificats_dev, instructions_confiance
from nr_workbook.excel.lancement import config_uvicorn, preparer
from nr_workbook.excel.reglages import ReglageInvalide, Reglages

MAINTENANT = dt.datetime(2026, 11, 30, tzinfo=dt.UTC)


def _certificat(p: Path) -> x509.Certificate:
    return x509.load_pem_x509_certificate(p.read_bytes())


def test_dev_certificates_are_made_once_and_signed_by_the_local_authority(tmp_path):
    c = certificats_dev(tmp_path, MAINTENANT)
    assert c.crees == ("autorité", "certificat")
    ca, crt = _certificat(c.autorite), _certificat(c.certificat)
    crt.verify_directly_issued_by(ca)
    assert ca.extensions.get_extension_for_class(x509.BasicConstraints).value.ca is True
    noms = crt.extensions.get_extension_for_class(x509.SubjectAlternativeName).value
    assert noms.get_values_for_type(x509.DNSName) == ["localhost"]
    assert {str(i) for i in noms.get_values_for_type(x509.IPAddress)} == {"127.0.0.1", "::1"}
    assert crt.not_valid_after_utc - MAINTENANT <= dt.timedelta(days=825)
    if os.name == "posix":
        for cle in (c.cle, tmp_path / "nr-autorite-cle.pem"):
            assert stat.S_IMODE(cle.stat().st_mode) == 0o600
    encore = certificats_dev(tmp_path, MAINTENANT + dt.timedelta(days=10))
    assert encore.crees == () and encore.certificat.read_bytes() == c.certificat.read_bytes()


def test_a_certificate_near_its_end_is_renewed_under_the_same_authority(tmp_path):
    c = certificats_dev(tmp_path, MAINTENANT)
    autorite = c.autorite.read_bytes()
    plus_tard = certificats_dev(tmp_path, MAINTENANT + dt.timedelta(days=800))
    assert plus_tard.crees == ("certificat",) and plus_tard.autorite.read_bytes() == autorite
    _certificat(plus_tard.certificat).verify_directly_issued_by(_certificat(plus_tard.autorite))


def test_trust_instructions_are_in_french_for_each_system(tmp_path):
    texte = instructions_confiance(tmp_path / "nr-autorite.pem")
    assert "certutil -user -addstore Root" in texte and "security add-trusted-cert" in texte
    assert "Windows" in texte and "macOS" in texte and str(tmp_path) in texte


@pytest.mark.parametrize(("reglages", "message"), [
    (Reglages(certificat=Path("a.pem")), "--certificat et --cle vont ensemble"),
    (Reglages(http_sans_tls=True), "--url-publique"),
    (Reglages(http_sans_tls=True, url_publique="http://nr.exemple.fr"), "https://"),
    (Reglages(url_publique="https://nr.exemple.fr?x=1"), "« ? »"),
    (Reglages(certificat=Path("absent.pem"), cle=Path("absent-cle.pem")), "certificat introuvable"),
    (Reglages(dev=True, certificat=Path("a.pem"), cle=Path("b.pem")), "--dev"),
    (Reglages(port=70000), "port 70000 invalide"),
])
def test_wrong_settings_are_refused_in_french(reglages, message):
    with pytest.raises(ReglageInvalide, match=message.replace("?", "\\?")):
        reglages.verifier()


def test_a_key_that_does_not_match_its_certificate_is_refused(tmp_path):
    a = certificats_dev(tmp_path / "a", MAINTENANT)
    b = certificats_dev(tmp_path / "b", MAINTENANT)
    with pytest.raises(ReglageInvalide, match="ne vont pas ensemble"):
        Reglages(certificat=a.certificat, cle=b.cle).verifier()


def test_the_dev_certificate_is_only_for_localhost(monkeypatch, tmp_path):
    monkeypatch.setattr("nr_workbook.excel.certificats.dossier_certificats", lambda: tmp_path)
    with pytest.raises(ReglageInvalide, match="localhost"):
        preparer(Reglages(hote="0.0.0.0"))
    d = preparer(Reglages())
    assert d.adresse == "https://localhost:8443" and d.manifeste == "https://localhost:8443/manifest.xml"
    assert any("certutil" in m for m in d.messages)
    assert config_uvicorn(d.reglages)["ssl_certfile"] == str(tmp_path / "localhost.pem")
    assert not any("certutil" in m for m in preparer(Reglages()).messages)  # trusted once, not asked again


def test_plain_http_behind_a_proxy_advertises_the_public_https_url():
    d = preparer(Reglages(hote="0.0.0.0", port=8000, http_sans_tls=True, url_publique="https://nr.opsn.fr/"))
    assert d.adresse == "http://0.0.0.0:8000" and d.manifeste == "https://nr.opsn.fr/manifest.xml"
    assert any("Attention : HTTP simple" in m for m in d.messages)
    options = config_uvicorn(d.reglages)
    assert "ssl_certfile" not in options and options["proxy_headers"] is True


def test_settings_travel_through_the_environment():
    r = Reglages(hote="0.0.0.0", port=9000, url_publique="https://nr.opsn.fr", jeton="j", http_sans_tls=True,
                 processus=2)
    assert Reglages.depuis_environnement(r.environnement()) == r
    with pytest.raises(ReglageInvalide, match="nombres entiers"):
        Reglages.depuis_environnement({"NR_SERVEUR_PORT": "huit"})


def test_the_served_manifest_advertises_the_public_url_behind_a_proxy():
    from fastapi.testclient import TestClient

    from nr_workbook.excel.serveur import creer_app

    c = TestClient(creer_app(Reglages(http_sans_tls=True, url_publique="https://nr.opsn.fr/nr")))
    texte = c.get("/manifest.xml").text
    assert "https://nr.opsn.fr/nr/taskpane.html" in texte and "testserver" not in texte


@pytest.mark.parametrize(("args", "message"), [
    (["--http-sans-tls"], "--url-publique"),
    (["--certificat", "x.pem"], "vont ensemble"),
    (["--url-publique", "http://nr.exemple.fr"], "https://"),
    (["--hote", "0.0.0.0"], "localhost"),
])
def test_cli_serveur_refuses_in_french_without_listening(args, message, monkeypatch, tmp_path):
    monkeypatch.setattr("nr_workbook.excel.certificats.dossier_certificats", lambda: tmp_path)
    monkeypatch.setattr("nr_workbook.excel.lancement.lancer", lambda r: pytest.fail("ne doit pas démarrer"))
    r = CliRunner().invoke(app, ["serveur", *args])
    assert r.exit_code == 2, r.output
    assert message in " ".join(r.output.split()) and "Traceback" not in r.output


def test_cli_serveur_starts_over_https_with_the_dev_certificate(monkeypatch, tmp_path):
    monkeypatch.setattr("nr_workbook.excel.certificats.dossier_certificats", lambda: tmp_path)
    lances = []
    monkeypatch.setattr("nr_workbook.excel.lancement.lancer", lances.append)
    r = CliRunner().invoke(app, ["serveur", "--port", "9443", "--jeton", "abc"])
    assert r.exit_code == 0, r.output
    texte = " ".join(r.output.split())
    assert "https://localhost:9443/manifest.xml" in texte and "jeton d'accès exigé" in texte
    assert lances[0].certificat == tmp_path / "localhost.pem" and lances[0].jeton == "abc"


def test_cli_serveur_runs_one_process_per_core_unless_told(monkeypatch, tmp_path):
    monkeypatch.setattr("nr_workbook.excel.certificats.dossier_certificats", lambda: tmp_path)
    monkeypatch.delenv("NR_SERVEUR_PROCESSUS", raising=False)
    monkeypatch.setattr("os.cpu_count", lambda: 12)
    lances = []
    monkeypatch.setattr("nr_workbook.excel.lancement.lancer", lances.append)
    assert CliRunner().invoke(app, ["serveur"]).exit_code == 0
    assert CliRunner().invoke(app, ["serveur", "--processus", "3"]).exit_code == 0
    monkeypatch.setattr("os.cpu_count", lambda: None)
    assert CliRunner().invoke(app, ["serveur"]).exit_code == 0
    assert [r.processus for r in lances] == [8, 3, 1]  # at most 8; 1 when the system does not say


def test_cli_serveur_says_in_french_when_the_port_is_taken(monkeypatch, tmp_path):
    monkeypatch.setattr("nr_workbook.excel.certificats.dossier_certificats", lambda: tmp_path)

    def pris(reglages):
        raise OSError(98, "Address already in use")

    monkeypatch.setattr("nr_workbook.excel.lancement.lancer", pris)
    r = CliRunner().invoke(app, ["serveur", "--port", "9443"])
    assert r.exit_code != 0 and "Traceback" not in r.output
    assert "écoute impossible sur 127.0.0.1:9443 : Address already in use" in " ".join(r.output.split())
