// Ribbon commands of the nr_workbook Office.js add-in (served at /commands.js).
// Each button sends the workbook to the server, which runs the ribbon action and answers with the actions to apply
// to the workbook (the xlwings protocol's); they are applied here with Office.js. An action that only reads
// (Recalculer) sends just what it declares it reads (NR_LECTURES, nrExtrait); the others send every sheet's values,
// names and tables (nrChargeUtile), which the server runs with the xlwings Book API.
/* global Office, Excel */

const NR_SCRIPTS = "__SCRIPTS__"; // replaced by the server: {"button function": "script name"}
const NR_BASE = "__BASE__"; // replaced by the server: its public https address
const NR_LIBELLES = "__LIBELLES__"; // replaced by the server: {"script name": "button label"}
// replaced by the server: {"script name": what it reads} for the actions that only read (excel/actions.py): their
// button sends just that, not every sheet
const NR_LECTURES = "__LECTURES__";

// The access token the agent saved in the task pane (when the server asks for one).
async function nrJeton() {
  try {
    if (typeof OfficeRuntime !== "undefined" && OfficeRuntime.storage) {
      return await OfficeRuntime.storage.getItem("nr_jeton");
    }
    return window.localStorage.getItem("nr_jeton");
  } catch (e) {
    return null;
  }
}

async function nrChargeUtile(context) {
  const classeur = context.workbook;
  classeur.load("name");
  const feuilles = classeur.worksheets;
  feuilles.load("items/name,items/visibility");
  const actif = feuilles.getActiveWorksheet();
  actif.load("position");
  const noms = classeur.names;
  noms.load("items/name,items/formula,items/type");
  await context.sync();
  const plages = [], tables = [];
  for (const f of feuilles.items) {
    const p = f.getUsedRangeOrNullObject();
    p.load("address");
    plages.push(p);
    const t = f.tables;
    t.load("items/name");
    tables.push(t);
  }
  await context.sync();
  const details = [];
  for (const t of tables) {
    const parFeuille = [];
    for (const table of t.items) {
      const r = table.getRange(), h = table.getHeaderRowRange(), b = table.getDataBodyRange();
      r.load("address");
      h.load("address");
      b.load("address");
      parFeuille.push({ table, r, h, b });
    }
    details.push(parFeuille);
  }
  // The values from A1 to the used range's last cell, as xlwings reads them (the used range may start further).
  const grilles = feuilles.items.map((f, i) => {
    if (plages[i].isNullObject) return null;
    const g = f.getRange("A1").getBoundingRect(plages[i]);
    g.load("values,address");
    return g;
  });
  const locaux = [];
  for (const f of feuilles.items) {
    const n = f.names;
    n.load("items/name,items/formula");
    locaux.push(n);
  }
  // Where each name of the workbook points (xlwings finds a name's range by its sheet's position and address).
  const cibleDe = (n) => {
    const r = n.getRangeOrNullObject();
    r.load("address,worksheet/position");
    return r;
  };
  const ciblesClasseur = noms.items.map((n) => (n.type === "Range" ? cibleDe(n) : null));
  await context.sync();
  const ciblesLocales = locaux.map((l) => l.items.map(cibleDe));
  await context.sync();
  const sansFeuille = (adresse) => adresse.split("!").pop();
  const ou = (r) => (r === null || r.isNullObject ? { sheet_index: null, address: null }
    : { sheet_index: r.worksheet.position, address: sansFeuille(r.address) });
  const payload = {
    client: "Office.js", version: "", book: { name: classeur.name, active_sheet_index: actif.position,
      selection: "A1" },
    names: [], sheets: [],
  };
  noms.items.forEach((n, j) => {
    if (n.type === "Range") payload.names.push({ name: n.name, refers_to: n.formula, book_scope: true,
      scope_sheet_name: null, scope_sheet_index: null, ...ou(ciblesClasseur[j]) });
  });
  feuilles.items.forEach((f, i) => {
    locaux[i].items.forEach((n, j) => {
      payload.names.push({ name: `'${f.name.replace(/'/g, "''")}'!${n.name}`, refers_to: n.formula,
        book_scope: false, scope_sheet_name: f.name, scope_sheet_index: i, ...ou(ciblesLocales[i][j]) });
    });
    const p = plages[i];
    payload.sheets.push({
      name: f.name, visibility: f.visibility, show_gridlines: true, pivot_tables: [], pictures: [],
      values: p.isNullObject ? [[""]] : grilles[i].values,
      used_range_address: p.isNullObject ? null : sansFeuille(grilles[i].address),
      tables: details[i].map(({ table, r, h, b }) => ({
        name: table.name, range_address: sansFeuille(r.address), header_row_range_address: sansFeuille(h.address),
        data_body_range_address: sansFeuille(b.address), total_row_range_address: null, show_headers: true,
        show_totals: false, table_style: "TableStyleLight9", show_autofilter: true,
      })),
    });
  });
  return payload;
}

// A table's values without its empty rows at the end (the spare rows a template keeps): they count for nothing.
function nrSansLignesVidesFinales(valeurs) {
  let n = valeurs.length;
  while (n > 1 && valeurs[n - 1].every((v) => v === "" || v === null)) n -= 1;
  return valeurs.slice(0, n);
}

// A cell whose text the action does not read: empty stays empty, an error value stays itself, else 1.
function nrMarque(v) {
  if (v === "" || v === null) return "";
  return typeof v === "string" && v.startsWith("#") ? v : 1;
}

// The columns whose text the action does not read (by their header), each cell marked filled or empty.
function nrSansTextes(valeurs, omis) {
  if (!omis.length || !valeurs.length) return valeurs;
  const indices = new Set(valeurs[0].flatMap((h, j) => (omis.includes(h) ? [j] : [])));
  return valeurs.map((ligne, k) => (k === 0 ? ligne : ligne.map((v, j) => (indices.has(j) ? nrMarque(v) : v))));
}

// Only what an action reads (its declaration in NR_LECTURES): the declared names' cells, the declared tables (and
// those whose name matches the declared pattern) with their header row, the declared sheet-scoped names' cells;
// each with its sheet's position and its address. The server reads it as it reads a whole workbook (classeur/reader/extrait.py).
async function nrExtrait(context, lecture) {
  const classeur = context.workbook;
  classeur.load("name");
  const feuilles = classeur.worksheets;
  feuilles.load("items/name");
  const noms = classeur.names;
  noms.load("items/name,items/type");
  const tables = classeur.tables;
  tables.load("items/name");
  await context.sync();
  const locaux = lecture.noms_locaux.length ? feuilles.items.map((f) => {
    const n = f.names;
    n.load("items/name");
    return n;
  }) : [];
  const voulus = new Set(lecture.noms);
  const cellule = (r) => { r.load("address,values,worksheet/position"); return r; };
  const lusClasseur = noms.items.filter((n) => n.type === "Range" && voulus.has(n.name))
    .map((n) => [n.name, cellule(n.getRangeOrNullObject())]);
  const voulues = new Set(lecture.tables);
  const motif = lecture.motif_tables ? new RegExp(`^(?:${lecture.motif_tables})$`) : null;
  const lues = tables.items
    .filter((t) => voulues.has(t.name) || (motif !== null && motif.test(t.name)))
    .map((t) => [t.name, cellule(t.getRange())]);
  await context.sync();
  const champs = new Set(lecture.noms_locaux);
  const lusLocaux = locaux.map((l) => l.items.filter((n) => champs.has(n.name))
    .map((n) => [n.name, cellule(n.getRangeOrNullObject())]));
  await context.sync();
  const sansFeuille = (adresse) => adresse.split("!").pop();
  const nom = ([n, r]) => ({ nom: n, feuille: r.worksheet.position, adresse: sansFeuille(r.address),
    valeur: r.values[0][0] });
  return {
    client: "Office.js", nr_extrait: 1, classeur: classeur.name, feuilles: feuilles.items.map((f) => f.name),
    noms: lusClasseur.filter(([, r]) => !r.isNullObject).map(nom),
    noms_locaux: lusLocaux.flat().filter(([, r]) => !r.isNullObject).map(nom),
    tables: lues.map(([n, r]) => ({ nom: n, feuille: r.worksheet.position, adresse: sansFeuille(r.address),
      valeurs: nrSansLignesVidesFinales(nrSansTextes(r.values, lecture.textes_omis[n] || [])) })),
  };
}

function nrPlage(context, action) {
  return context.workbook.worksheets.getItemAt(action.sheet_position)
    .getRangeByIndexes(action.start_row, action.start_column, action.row_count, action.column_count);
}

function nrGrille(action, valeur) {
  return Array.from({ length: action.row_count }, () => Array(action.column_count).fill(valeur));
}

const NR_OPERATEURS = {
  between: "Between", not_between: "NotBetween", equal_to: "EqualTo", not_equal_to: "NotEqualTo",
  greater_than: "GreaterThan", less_than: "LessThan", greater_than_or_equal: "GreaterThanOrEqualTo",
  less_than_or_equal: "LessThanOrEqualTo",
};

const NR_ACTIONS = {
  setValues: (c, a) => { nrPlage(c, a).values = a.values; },
  setFormula: (c, a) => { nrPlage(c, a).formulas = a.values; },
  // single-cell array formulas: dynamic-array Excel evaluates them as arrays without Ctrl+Maj+Entrée
  setFormulaArray: (c, a) => { nrPlage(c, a).formulas = nrGrille(a, a.args[0]); },
  setNumberFormat: (c, a) => { nrPlage(c, a).numberFormat = nrGrille(a, a.args[0]); },
  setRangeColor: (c, a) => { nrPlage(c, a).format.fill.color = a.args[0]; },
  setFontProperty: (c, a) => { nrPlage(c, a).format.font[a.args[0]] = a.args[1]; },
  setColumnWidth: (c, a) => { nrPlage(c, a).format.columnWidth = a.args[0] * 7; },
  setWrapText: (c, a) => { nrPlage(c, a).format.wrapText = a.args[0]; },
  rangeMerge: (c, a) => { nrPlage(c, a).merge(a.args[0]); },
  sheetClearContents: (c, a) => {
    c.workbook.worksheets.getItemAt(a.sheet_position).getRange().clear(Excel.ClearApplyTo.contents);
  },
  addSheet: (c, a) => {
    const f = c.workbook.worksheets.add(a.args[1] || undefined);
    if (a.args[0] !== null && a.args[0] !== undefined) f.position = a.args[0];
  },
  namesAdd: (c, a) => {
    if (a.sheet_position === null || a.sheet_position === undefined) c.workbook.names.add(a.args[0], a.args[1]);
    else c.workbook.worksheets.getItemAt(a.sheet_position).names.add(a.args[0], a.args[1]);
  },
  addTable: (c, a) => {
    const f = c.workbook.worksheets.getItemAt(a.sheet_position);
    const t = f.tables.add(a.args[0], a.args[1]);
    if (a.args[2]) t.style = a.args[2];
    if (a.args[3]) t.name = a.args[3];
  },
  resizeTable: (c, a) => {
    c.workbook.worksheets.getItemAt(a.sheet_position).tables.getItemAt(a.args[0]).resize(a.args[1]);
  },
  setDataValidationList: (c, a) => {
    const source = a.args[0];
    nrPlage(c, a).dataValidation.rule = { list: { inCellDropDown: a.args[1],
      source: source.type === "literal" ? source.values.join(",") : `=${source.name}` } };
  },
  // xlwings' comparison rules (whole, decimal, date) in Office.js' words
  setDataValidationRule: (c, a) => {
    const r = a.args[0];
    const genre = { whole_number: "wholeNumber", decimal: "decimal", date: "date", time: "time",
      text_length: "textLength" }[r.type];
    const operateur = NR_OPERATEURS[r.operator];
    if (!genre || !operateur) throw new Error(`règle de validation non prise en charge : ${r.type} ${r.operator}`);
    const regle = { formula1: r.formula1, operator: operateur };
    if (r.formula2 !== null && r.formula2 !== undefined) regle.formula2 = r.formula2;
    nrPlage(c, a).dataValidation.rule = { [genre]: regle };
  },
  // our own action: the input message « À saisir » (xlwings has no setter for it)
  setDataValidationPrompt: (c, a) => {
    nrPlage(c, a).dataValidation.prompt = { showPrompt: true, title: a.args[0], message: a.args[1] };
  },
};
// Not a change of the workbook: files the server produced (the COPIL deck and PDF), offered for download.
const NR_HORS_CLASSEUR = new Set(["nrTelecharger"]);

function nrOffrir(fichiers) {
  const liens = fichiers.map((f) => ({ nom: f.nom, url: `${NR_BASE}${f.url}` }));
  for (const f of liens) {
    try {
      if (typeof Office !== "undefined" && Office.context && Office.context.ui && Office.context.ui.openBrowserWindow) {
        Office.context.ui.openBrowserWindow(f.url);
      }
    } catch (e) { /* the pane's links remain */ }
  }
  try {
    const zone = typeof document !== "undefined" ? document.getElementById("nr-telechargements") : null;
    if (zone && typeof document.createElement === "function") {
      zone.replaceChildren(...liens.map((f) => {
        const li = document.createElement("li");
        const a = document.createElement("a");
        a.href = f.url;
        a.textContent = `Télécharger ${f.nom}`;
        a.setAttribute("download", f.nom);
        li.appendChild(a);
        return li;
      }));
    }
  } catch (e) { /* no pane */ }
  return liens;
}

// What the agent reads after a click: the pane's status line (when the pane is open) and the last result kept in
// Office's storage (the pane shows it when it opens). Never throws.
async function nrSignaler(libelle, texte, genre) {
  const resultat = { action: libelle, texte, genre, date: new Date().toISOString() };
  try {
    const zone = typeof document !== "undefined" ? document.getElementById("nr-etat-action") : null;
    if (zone) {
      zone.textContent = `${libelle} : ${texte}`;
      zone.setAttribute("data-genre", genre);
    }
  } catch (e) { /* no pane */ }
  try {
    if (typeof OfficeRuntime !== "undefined" && OfficeRuntime.storage) {
      await OfficeRuntime.storage.setItem("nr_dernier_resultat", JSON.stringify(resultat));
    } else if (typeof window !== "undefined" && window.localStorage) {
      window.localStorage.setItem("nr_dernier_resultat", JSON.stringify(resultat));
    }
  } catch (e) { /* storage unavailable */ }
  (genre === "erreur" ? console.error : console.log)(`nr_workbook – ${libelle} : ${texte}`);
  return resultat;
}

class NrRefus extends Error {}

// The server's refusal in words the agent can act on (its own French message follows).
function nrMotifRefus(statut, message) {
  const detail = message ? ` ${message}` : "";
  if (statut === 401) {
    return "jeton d'accès absent ou refusé : saisissez dans le volet du complément le jeton communiqué par votre "
      + `service informatique.${detail}`;
  }
  if (statut === 413) return `classeur trop volumineux pour ce serveur.${detail}`;
  if (statut === 422) return `le serveur n'a pas pu exécuter l'action sur ce classeur.${detail}`;
  return `le serveur nr_workbook a répondu ${statut}.${detail || " Réessayez plus tard."}`;
}

async function nrExecuter(event, script) {
  const libelle = NR_LIBELLES[script] || script;
  try {
    await Excel.run(async (context) => {
      const payload = NR_LECTURES[script] ? await nrExtrait(context, NR_LECTURES[script])
        : await nrChargeUtile(context);
      const entetes = { "Content-Type": "application/json" };
      const jeton = await nrJeton();
      if (jeton) entetes.Authorization = `Bearer ${jeton}`;
      let reponse;
      try {
        reponse = await fetch(`${NR_BASE}/xlwings/custom-scripts-call/${script}`, {
          method: "POST", headers: entetes, body: JSON.stringify(payload),
        });
      } catch (e) {
        throw new NrRefus(`serveur nr_workbook injoignable (${NR_BASE}) : vérifiez la connexion au réseau, ou `
          + "signalez-le à votre mutualisateur.");
      }
      let resultat = null;
      try { resultat = await reponse.json(); } catch (e) { resultat = null; }
      if (!reponse.ok || resultat === null || !Array.isArray(resultat.actions)) {
        throw new NrRefus(nrMotifRefus(reponse.status, resultat && resultat.erreur));
      }
      const modifications = resultat.actions.filter((a) => !NR_HORS_CLASSEUR.has(a.func));
      for (const action of modifications) {
        const f = NR_ACTIONS[action.func];
        if (!f) throw new NrRefus(`modification non prise en charge par ce complément : ${action.func}.`);
        f(context, action);
        if (action.func === "addSheet" || action.func === "addTable") await context.sync();
      }
      await context.sync();
      const n = modifications.length;
      let texte = n ? `terminé, ${n} modification(s) du classeur.` : "terminé, classeur inchangé.";
      const offerts = resultat.actions.filter((a) => a.func === "nrTelecharger").flatMap((a) => nrOffrir(a.args[0]));
      if (offerts.length) texte += ` Fichiers à télécharger : ${offerts.map((f) => f.nom).join(", ")}.`;
      await nrSignaler(libelle, texte, "succes");
    });
  } catch (e) {
    const texte = e instanceof NrRefus ? e.message : `échec dans Excel : ${(e && e.message) || e}`;
    await nrSignaler(libelle, texte, "erreur");
  } finally {
    event.completed();
  }
}

const NR_OFFICE = typeof Office !== "undefined"; // false when the page is opened outside Office
// Run once the page and Office are ready (outside Office: once the page is).
function nrQuandPret(f) {
  if (NR_OFFICE) return Office.onReady(f);
  if (typeof document === "undefined") return undefined;
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", () => f());
  else f();
  return undefined;
}
if (NR_OFFICE) Office.onReady(() => {
  for (const [bouton, script] of Object.entries(NR_SCRIPTS)) {
    Office.actions.associate(bouton, (event) => nrExecuter(event, script));
  }
});

// The task pane shows the last action's result, kept in Office's storage.
nrQuandPret(async () => {
  const zone = typeof document !== "undefined" ? document.getElementById("nr-etat-action") : null;
  if (!zone) return;
  try {
    const brut = typeof OfficeRuntime !== "undefined" && OfficeRuntime.storage
      ? await OfficeRuntime.storage.getItem("nr_dernier_resultat") : window.localStorage.getItem("nr_dernier_resultat");
    const r = brut ? JSON.parse(brut) : null;
    if (r && !zone.textContent) {
      zone.textContent = `${r.action} : ${r.texte} (${new Date(r.date).toLocaleString("fr-FR")})`;
      zone.setAttribute("data-genre", r.genre);
    }
  } catch (e) { /* nothing kept */ }
});

// The task pane's form: the access token is kept in Office's storage, shared with the custom functions.
nrQuandPret(() => {
  const formulaire = document.getElementById("nr-jeton");
  if (!formulaire) return;
  const etat = document.getElementById("nr-jeton-etat");
  formulaire.addEventListener("submit", async (e) => {
    e.preventDefault();
    const valeur = document.getElementById("nr-jeton-valeur").value.trim();
    try {
      if (typeof OfficeRuntime !== "undefined" && OfficeRuntime.storage) {
        await OfficeRuntime.storage.setItem("nr_jeton", valeur);
      } else {
        window.localStorage.setItem("nr_jeton", valeur);
      }
      etat.textContent = valeur ? "Jeton enregistré." : "Jeton effacé.";
      if (typeof nrVerifierJeton === "function") await nrVerifierJeton();
    } catch (err) {
      etat.textContent = `Enregistrement impossible : ${err}`;
    }
  });
});
