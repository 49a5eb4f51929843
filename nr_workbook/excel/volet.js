// The task pane: where the agent stands (the server and its version, the open workbook's template against the
// server's, the access token checked by a real call) and the ribbon's actions as buttons (Excel on the web and some
// tenants hide custom tabs). Loaded after commands.js, whose nrExecuter, nrJeton and NR_BASE it uses. Opened outside
// Office (a browser, or office.js unreachable), it still shows the server's state and says no workbook is connected.
/* global Office, Excel, NR_BASE, NR_OFFICE, nrExecuter, nrJeton, nrQuandPret */

const NR_MODELE_SERVEUR = "__MODELE__"; // replaced by the server: its template version

function nrEcrire(id, texte, genre) {
  const zone = document.getElementById(id);
  if (!zone) return;
  zone.textContent = texte;
  if (genre) zone.setAttribute("data-genre", genre); else zone.removeAttribute("data-genre");
}

function nrVersion(v) {
  return String(v).split(".").map((x) => Number.parseInt(x, 10) || 0);
}

function nrComparer(a, b) {
  const x = nrVersion(a), y = nrVersion(b);
  for (let i = 0; i < Math.max(x.length, y.length); i += 1) {
    if ((x[i] || 0) !== (y[i] || 0)) return (x[i] || 0) < (y[i] || 0) ? -1 : 1;
  }
  return 0;
}

async function nrEtatServeur() {
  try {
    const r = await fetch(`${NR_BASE}/sante`, { cache: "no-store" });
    const s = await r.json();
    nrEcrire("nr-serveur", `joignable, modèle ${s.modele}`, "succes");
    return s;
  } catch (e) {
    nrEcrire("nr-serveur", `injoignable (${NR_BASE}) : les actions et les fonctions NR_… ne répondront pas.`, "erreur");
    return null;
  }
}

// The open workbook's template version (NR_VERSION_MODELE), null when no workbook is connected.
async function nrVersionClasseur() {
  if (!NR_OFFICE || typeof Excel === "undefined") return null;
  try {
    return await Excel.run(async (context) => {
      const nom = context.workbook.names.getItemOrNullObject("NR_VERSION_MODELE");
      await context.sync();
      if (nom.isNullObject) return "";
      const plage = nom.getRange();
      plage.load("values");
      await context.sync();
      return String(plage.values[0][0] || "");
    });
  } catch (e) {
    return null;
  }
}

async function nrEtatClasseur() {
  const version = await nrVersionClasseur();
  const boutons = document.querySelectorAll("button.nr-action");
  boutons.forEach((b) => { b.disabled = version === null; });
  if (version === null) {
    nrEcrire("nr-classeur", "aucun classeur connecté (volet ouvert hors d'Excel, ou Office indisponible).",
      "erreur");
  } else if (version === "") {
    nrEcrire("nr-classeur", "ce classeur n'est pas un classeur nr_workbook (pas de NR_VERSION_MODELE).", "erreur");
  } else if (nrComparer(version, NR_MODELE_SERVEUR) < 0) {
    nrEcrire("nr-classeur", `modèle ${version}, à migrer vers le ${NR_MODELE_SERVEUR} : `
      + "nr-workbook migrer CLASSEUR.xlsx (ou demandez-le à votre mutualisateur).", "alerte");
  } else if (nrComparer(version, NR_MODELE_SERVEUR) > 0) {
    nrEcrire("nr-classeur", `modèle ${version}, plus récent que celui du serveur (${NR_MODELE_SERVEUR}) : `
      + "le serveur doit être mis à jour.", "alerte");
  } else {
    nrEcrire("nr-classeur", `modèle ${version}, à jour.`, "succes");
  }
}

// The token's state, checked by a real call: not asked, saved, accepted or refused.
async function nrVerifierJeton(sante) {
  const demande = sante === undefined ? null : sante && sante.jeton;
  const jeton = await nrJeton();
  try {
    const entetes = jeton ? { Authorization: `Bearer ${jeton}` } : {};
    const r = await fetch(`${NR_BASE}/jeton/verifier`, { headers: entetes, cache: "no-store" });
    if (r.status === 401) {
      nrEcrire("nr-jeton-statut", jeton ? "refusé par le serveur : vérifiez le jeton saisi ci-dessous."
        : "demandé par le serveur : saisissez le jeton ci-dessous.", "erreur");
      return;
    }
    const corps = await r.json();
    if (corps.jeton === "non demande" || demande === false) {
      nrEcrire("nr-jeton-statut", "non demandé par ce serveur.", "succes");
    } else {
      nrEcrire("nr-jeton-statut", "enregistré et accepté par le serveur.", "succes");
    }
  } catch (e) {
    nrEcrire("nr-jeton-statut", jeton ? "enregistré, non vérifié (serveur injoignable)." : "non vérifié (serveur "
      + "injoignable).", "alerte");
  }
}

nrQuandPret(async () => {
  document.querySelectorAll("button.nr-action").forEach((b) => {
    b.addEventListener("click", async () => {
      b.setAttribute("aria-busy", "true");
      try {
        await new Promise((fin) => { nrExecuter({ completed: fin }, b.getAttribute("data-script")); });
      } finally {
        b.removeAttribute("aria-busy");
        await nrEtatClasseur();
      }
    });
  });
  const sante = await nrEtatServeur();
  await Promise.all([nrEtatClasseur(), nrVerifierJeton(sante)]);
});
