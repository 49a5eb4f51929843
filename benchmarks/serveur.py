"""Load benchmark of the Office.js add-in server (issue 13), over HTTPS, on this machine only.

Starts `nr-workbook serveur` on 127.0.0.1 (a free port, a throwaway certificate authority and certificate in a
temporary folder, 2 processes), as a separate process as it runs in production; then, 50 requests at once, with
aiohttp (httpx's own overhead, ~4 ms of client processor per request, made it measure itself):
- 2,000 `NR_PUE` calls exactly as the served custom functions code sends them;
- 300 ribbon actions « Recalculer » (`nr_recalculer`) on the example workbook, before (the whole workbook, the
  xlwings protocol's payload older add-ins and xlwings Lite still send) and after (the extract the action declares
  it reads, as /commands.js sends it now), twice:
  - 50 agents clicking at the same moment: 6 bursts of 50 simultaneous clicks, each burst once the previous one is
    answered and the server idle again (0,3 s), the issue's own case;
  - sustained: 50 clicks always in flight, each agent clicking again as soon as answered (a stress far beyond use);
- a mix of 2,000 calls, 5 % of them Recalculer (workbooks recalculating while some agents click), before and after;
and prints p50/p95/max latency and throughput of each kind, the processor time each request took, in the server's
processes and in the load generator (Linux), then Recalculer before and after side by side (also in
benchmarks/resultats/serveur.json). In a closed loop of n requests in flight on 2 cores, latency is about
n / 2 × the processor time of a request: p95 < 200 ms with 50 at once needs about 7 ms or less, server and client
(a click costs about 6 ms with Debian's optimised Python, which `make` picks, ~20 % more with pyenv's default build).
A burst of n answers its last click after about n / 2 × that time.
Bounded: a deadline of 90 s for the whole run (requests left are not sent),
10 s per request; the server is stopped at the end whatever happens. Loopback only.

    python benchmarks/serveur.py [--appels 2000] [--actions 300] [--simultanes 50] [--processus 2]
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import platform
import signal
import ssl
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ.setdefault("XLWINGS_LICENSE_KEY", "noncommercial")

import aiohttp  # noqa: E402
import httpx  # noqa: E402

from nr_workbook.excel.certificats import autorite, certificat_serveur  # noqa: E402

HOTE = "127.0.0.1"
ECHEANCE_S = 90.0
PAUSE_RAFALES_S = 0.3
AVANT, APRES = "avant (classeur entier)", "après (ce qu'il lit)"
ENTETES = {"Content-Type": "text/plain;charset=UTF-8"}  # as the served code sends them (simple CORS)
APPEL_PUE = {"func_name": "NR_PUE", "args": [[[30000], [10000]], [[20000], [None]]], "client": "Office.js",
             "version": "", "runtime": "1.4", "caller_address": "Feuil1!B4", "formula_name": "NR_PUE",
             "culture_info_name": "fr-FR"}


def port_libre() -> int:
    import socket

    with socket.socket() as s:
        s.bind((HOTE, 0))
        return s.getsockname()[1]


def charges_recalculer(dossier: Path) -> tuple[bytes, bytes]:
    """What Recalculer posts for the example workbook: before (every sheet, the xlwings protocol's payload, which
    the server still takes from older add-ins and xlwings Lite) and after (only what it reads)."""
    from nr_workbook.classeur.exemple import construire_exemple
    from nr_workbook.excel.actions import LECTURE_RECALCULER
    from nr_workbook.excel.payload import charge_utile, extrait

    p = dossier / "exemple.xlsx"
    construire_exemple().save(p)
    return json.dumps(charge_utile(p)).encode(), json.dumps(extrait(p, LECTURE_RECALCULER)).encode()


def demarrer(dossier: Path, processus: int) -> tuple[subprocess.Popen, str, Path]:
    ca, ca_cle = autorite(dossier)
    crt, cle = certificat_serveur(dossier, ca, ca_cle)
    port = port_libre()
    commande = [sys.executable, "-m", "nr_workbook", "serveur", "--hote", HOTE, "--port", str(port),
                "--certificat", str(crt), "--cle", str(cle), "--processus", str(processus)]
    journal = open(dossier / "serveur.log", "wb")  # noqa: SIM115 - closed with the process
    serveur = subprocess.Popen(commande, stdout=journal, stderr=subprocess.STDOUT, start_new_session=True)
    base = f"https://localhost:{port}"
    contexte = ssl.create_default_context(cafile=str(ca))
    fin = time.monotonic() + 30
    while time.monotonic() < fin:
        if serveur.poll() is not None:
            raise RuntimeError((dossier / "serveur.log").read_text(errors="replace")[-2000:])
        try:
            if httpx.get(base + "/sante", verify=contexte, timeout=1).status_code == 200:
                return serveur, base, ca
        except httpx.HTTPError:
            time.sleep(0.2)
    arreter(serveur)
    raise RuntimeError("le serveur n'a pas démarré en 30 s")


def arreter(serveur: subprocess.Popen) -> None:
    try:
        os.killpg(serveur.pid, signal.SIGTERM)
        serveur.wait(10)
    except (ProcessLookupError, subprocess.TimeoutExpired):
        os.killpg(serveur.pid, signal.SIGKILL)


async def charge(client: aiohttp.ClientSession, requetes: list[tuple[str, str, bytes]], simultanes: int,
                 echeance: float) -> tuple[dict[str, list[float]], int, float]:
    """Send the requests `simultanes` at a time; latencies (ms) per kind of the answered ones, failures, wall time."""
    latences: dict[str, list[float]] = {}
    echecs = 0
    file = iter(requetes)

    async def ouvrier() -> None:
        nonlocal echecs
        for genre, url, corps in file:
            if time.monotonic() > echeance:
                return
            debut = time.perf_counter()
            try:
                async with client.post(url, data=corps, headers=ENTETES) as r:
                    ok = r.status == 200 and b'"error"' not in await r.read()
            except (TimeoutError, aiohttp.ClientError):
                ok = False
            if ok:
                latences.setdefault(genre, []).append((time.perf_counter() - debut) * 1000)
            else:
                echecs += 1

    debut = time.perf_counter()
    await asyncio.gather(*(ouvrier() for _ in range(simultanes)))
    return latences, echecs, time.perf_counter() - debut


async def rafales(client: aiohttp.ClientSession, requete: tuple[str, str, bytes], simultanes: int, nombre: int,
                  echeance: float) -> tuple[dict[str, list[float]], int, float]:
    """`nombre` bursts of `simultanes` identical requests sent at once, each once the previous burst is answered and
    the server has been idle a moment; the latencies of them all, failures, wall time (pauses excluded)."""
    latences: dict[str, list[float]] = {}
    echecs, duree = 0, 0.0
    for _ in range(nombre):
        await asyncio.sleep(PAUSE_RAFALES_S)
        mesures, e, d = await charge(client, [requete] * simultanes, simultanes, echeance)
        for genre, valeurs in mesures.items():
            latences.setdefault(genre, []).extend(valeurs)
        echecs, duree = echecs + e, duree + d
    return latences, echecs, duree


def cpu_s(groupe: int) -> float | None:
    """Processor time (user + system, seconds) of the processes of a process group, from /proc (Linux)."""
    racine = Path("/proc")
    if not racine.is_dir():  # pragma: no cover
        return None
    total, tic = 0, os.sysconf("SC_CLK_TCK")
    for d in racine.iterdir():
        if not d.name.isdigit():
            continue
        try:
            champs = (d / "stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(champs[2]) == groupe:  # pgrp
            total += int(champs[11]) + int(champs[12])
    return total / tic


def resume(phase: str, latences: dict[str, list[float]], echecs: int, duree: float, demandes: int,
           cpu: tuple[float | None, float] = (None, 0.0)) -> dict:
    r: dict = {"appels": demandes, "echecs": echecs, "duree_s": round(duree, 2)}
    serveur, client = cpu
    if serveur is not None:
        r["cpu_ms_par_appel"] = {"serveur": round(serveur * 1000 / demandes, 2),
                                 "generateur": round(client * 1000 / demandes, 2)}
    print(f"{phase} : {demandes} appels en {duree:.2f} s, échecs {echecs}"
          + (f", processeur par appel : serveur {r['cpu_ms_par_appel']['serveur']} ms, générateur "
             f"{r['cpu_ms_par_appel']['generateur']} ms" if serveur is not None else ""))
    for genre, valeurs in latences.items():
        q = statistics.quantiles(valeurs, n=100, method="inclusive") if len(valeurs) > 1 else valeurs * 99
        r[genre] = {"reussis": len(valeurs), "par_seconde": round(len(valeurs) / duree, 1),
                    "p50_ms": round(q[49], 1), "p95_ms": round(q[94], 1), "max_ms": round(max(valeurs), 1)}
        print(f"  {genre} : {len(valeurs)} réussis ({r[genre]['par_seconde']}/s), p50 {r[genre]['p50_ms']} ms, "
              f"p95 {r[genre]['p95_ms']} ms, max {r[genre]['max_ms']} ms")
    return r


async def mesurer_phase(phase: str, envoi, demandes: int, groupe: int) -> dict:  # noqa: ANN001
    """Run one phase's sending (a coroutine giving latencies, failures, wall time) and summarise it with the
    processor time it took, in the server's process group and in this generator."""
    s0, c0 = cpu_s(groupe), os.times()
    mesures = await envoi
    s1, c1 = cpu_s(groupe), os.times()
    cpu = (None if s0 is None or s1 is None else s1 - s0, c1.user + c1.system - c0.user - c0.system)
    return resume(phase, *mesures, demandes, cpu)


async def mesurer(base: str, ca: Path, args: argparse.Namespace, avant: bytes, apres: bytes, groupe: int) -> dict:
    contexte = ssl.create_default_context(cafile=str(ca))
    connecteur = aiohttp.TCPConnector(ssl=contexte, limit=args.simultanes)
    echeance = time.monotonic() + ECHEANCE_S
    pue = ("NR_PUE", "/xlwings/custom-functions-call", json.dumps(APPEL_PUE).encode())
    url = "/xlwings/custom-scripts-call/nr_recalculer"
    entier, bouton = ("Recalculer", url, avant), ("Recalculer", url, apres)
    n = args.simultanes
    resultats = {}
    async with aiohttp.ClientSession(base_url=base, connector=connecteur,
                                     timeout=aiohttp.ClientTimeout(total=10)) as client:
        await charge(client, [pue] * n + [entier] * 4 + [bouton] * 4, n, echeance)  # connections, code warmed up
        mix = round(1 / args.part_actions)
        nombre = max(1, args.actions // n)
        for cote, requete in ((AVANT, entier), (APRES, bouton)):
            phase = f"{cote} : Recalculer, {n} clics simultanés ({nombre} rafales)"
            resultats[phase] = await mesurer_phase(phase, rafales(client, requete, n, nombre, echeance),
                                                   n * nombre, groupe)
        phases = {
            f"NR_PUE seul, {n} à la fois": [pue] * args.appels,
            f"{AVANT} : Recalculer soutenu, {n} à la fois": [entier] * args.actions,
            f"{APRES} : Recalculer soutenu, {n} à la fois": [bouton] * args.actions,
            f"{AVANT} : mélange ({args.part_actions:.0%} de Recalculer), {n} à la fois":
                [entier if i % mix == 0 else pue for i in range(args.appels)],
            f"{APRES} : mélange ({args.part_actions:.0%} de Recalculer), {n} à la fois":
                [bouton if i % mix == 0 else pue for i in range(args.appels)],
        }
        for phase, requetes in phases.items():
            resultats[phase] = await mesurer_phase(phase, charge(client, requetes, n, echeance), len(requetes), groupe)
    return resultats


def _boucle(coroutine):  # noqa: ANN001, ANN202
    """Run the load generator on uvloop when installed (uvicorn[standard] brings it): the client's own processor
    time, taken from the same 2 cores as the server's, then weighs less on what is measured."""
    try:
        import uvloop
    except ImportError:  # pragma: no cover
        return asyncio.run(coroutine)
    return uvloop.run(coroutine)


def interpreteur() -> str:
    """This Python (the server runs on the same): version, path, and whether it calls a shared libpython (pyenv's
    default build, ~20 % slower) or holds the interpreter itself (Debian's, python.org's Docker image's)."""
    try:
        partage = any("libpython" in ligne for ligne in Path("/proc/self/maps").read_text().splitlines())
        liaison = ", libpython partagée" if partage else ", liée statiquement"
    except OSError:  # pragma: no cover - not Linux
        liaison = ""
    return f"{platform.python_version()} ({sys.executable}{liaison})"


def cote_a_cote(resultats: dict) -> None:
    """Recalculer before and after, side by side: payload, p50, p95, max; alone and in the mix."""
    phases = resultats["phases"]
    tailles = resultats["charge_recalculer_ko"]
    print(f"\nRecalculer, {resultats['simultanes']} clics simultanés ({resultats['processus']} processus) : "
          f"objectif p95 < {resultats['objectif_p95_ms']} ms ; Python {resultats['python']}")
    print(f"{'':<28}{AVANT:>26}{APRES:>26}")
    print(f"{'charge envoyée':<28}{tailles[AVANT]:>23} Ko{tailles[APRES]:>23} Ko")
    seuls = [next((r for p, r in phases.items() if p.startswith(f"{cote} : Recalculer, ")), {})  # simultaneous
             for cote in (AVANT, APRES)]
    if all("cpu_ms_par_appel" in r for r in seuls):
        cpu = [r["cpu_ms_par_appel"]["serveur"] + r["cpu_ms_par_appel"]["generateur"] for r in seuls]
        print(f"{'processeur par clic':<28}{cpu[0]:>23.1f} ms{cpu[1]:>23.1f} ms")
        print(f"{'  dont serveur':<28}{seuls[0]['cpu_ms_par_appel']['serveur']:>23} ms"
              f"{seuls[1]['cpu_ms_par_appel']['serveur']:>23} ms")
    for titre, cle in (("simultanés", "Recalculer, "), ("soutenu", "Recalculer soutenu"), ("mélange", "mélange")):
        for genre in ("Recalculer", "NR_PUE"):
            mesures = [next((r.get(genre) for p, r in phases.items() if p.startswith(f"{cote} : {cle}")), None)
                       for cote in (AVANT, APRES)]
            if not all(mesures):
                continue
            for q in ("p50_ms", "p95_ms", "max_ms"):
                libelle = f"{genre} {titre} {q[:-3]}"
                print(f"{libelle:<28}{mesures[0][q]:>23} ms{mesures[1][q]:>23} ms")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--appels", type=int, default=2000)
    parser.add_argument("--actions", type=int, default=300)
    parser.add_argument("--simultanes", type=int, default=50)
    parser.add_argument("--processus", type=int, default=2)
    parser.add_argument("--part-actions", type=float, default=0.05, help="share of ribbon actions in the mix")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as d:
        dossier = Path(d)
        avant, apres = charges_recalculer(dossier)
        serveur, base, ca = demarrer(dossier, args.processus)
        try:
            resultats = {"phases": _boucle(mesurer(base, ca, args, avant, apres, serveur.pid))}
        finally:
            arreter(serveur)
    resultats.update({"machine": platform.platform(), "python": interpreteur(), "coeurs": os.cpu_count(),
                      "processus": args.processus,
                      "simultanes": args.simultanes, "objectif_p95_ms": 200,
                      "charge_recalculer_ko": {AVANT: round(len(avant) / 1024), APRES: round(len(apres) / 1024)}})
    cote_a_cote(resultats)
    sortie = Path(__file__).parent / "resultats"
    sortie.mkdir(exist_ok=True)
    (sortie / "serveur.json").write_text(json.dumps(resultats, indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
