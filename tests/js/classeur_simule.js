// A workbook as Excel's JavaScript API shows it, built on Microsoft's mock (office-addin-mock), for running the
// add-in's real ribbon code in Node (excel_simule.js) and in Chromium (navigateur.js, bundled by esbuild).
//
// The workbook comes in the xlwings protocol's shape (each sheet's values from A1, its tables and their ranges, the
// names), which is what Excel would give: every object the code reads is an OfficeMockObject, so a property read
// without load() and sync() gives the mock's error text, as Excel would fail. What the code writes (values,
// formulas, formats, sheets, names, tables, validations) is recorded, then replayed on a model of the workbook.
"use strict";

function simuler(classeur, OfficeMockObject) {
  // ---------------------------------------------------------------------------------------------- the workbook model
  function lettres(col) { // 0-based column → "A"
    let s = "";
    for (let n = col + 1; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
    return s;
  }
  function indices(ref) { // "B3" → [2, 1]
    const m = /^\$?([A-Z]+)\$?(\d+)$/.exec(ref);
    let c = 0;
    for (const ch of m[1]) c = c * 26 + (ch.charCodeAt(0) - 64);
    return [Number(m[2]) - 1, c - 1];
  }
  function plage(adresse) { // "A1:C3" → {r, c, nr, nc}
    const [a, b] = adresse.split("!").pop().split(":");
    const [r1, c1] = indices(a), [r2, c2] = indices(b || a);
    return { r: r1, c: c1, nr: r2 - r1 + 1, nc: c2 - c1 + 1 };
  }
  function adresse(nom, p) {
    const fin = `${lettres(p.c + p.nc - 1)}${p.r + p.nr}`;
    return `'${nom.replace(/'/g, "''")}'!${lettres(p.c)}${p.r + 1}${p.nr * p.nc > 1 ? ":" + fin : ""}`;
  }

  const modele = {
    feuilles: classeur.sheets.map((f) => ({
      nom: f.name, visibilite: f.visibility || "Visible", cellules: new Map(), formats: new Map(), couleurs: new Map(),
      validations: new Map(), fusions: [],
      tables: f.tables.map((t) => ({ nom: t.name, plage: plage(t.range_address) })),
      noms: [], formatee: f.used_range_address ? plage(f.used_range_address) : null, // formatted cells count too
    })),
    noms: [],
    journal: [], // what the code wrote, in order
  };
  classeur.sheets.forEach((f, i) => {
    f.values.forEach((ligne, r) => ligne.forEach((v, c) => {
      if (v !== "" && v !== null) modele.feuilles[i].cellules.set(`${r},${c}`, v);
    }));
  });
  for (const n of classeur.names) {
    if (n.book_scope) modele.noms.push({ nom: n.name, formule: n.refers_to });
    else modele.feuilles[n.scope_sheet_index].noms.push({ nom: n.name.split("!").pop(), formule: n.refers_to });
  }

  // What a name points to, as NamedItem.getRangeOrNullObject() gives it: a mock range with its address and sheet.
  function nomMock(nom, formule, type) {
    return mock({
      name: nom, formula: formule, ...(type ? { type } : {}),
      getRange() { // the named cell itself (its values from the workbook)
        const r = this.getRangeOrNullObject();
        const feuille = modele.feuilles[r._index];
        if (!feuille) throw new Error(`nom ${nom} : plage introuvable`);
        return mock({ values: valeurs(feuille, r._plage), address: "" });
      },
      getRangeOrNullObject() {
        const m = /^=(?:'((?:[^']|'')+)'|([^'!]+))!(\$?[A-Z]+\$?\d+(?::\$?[A-Z]+\$?\d+)?)$/.exec(formule || "");
        const i = m ? modele.feuilles.findIndex((f) => f.nom === (m[1] ? m[1].replace(/''/g, "'") : m[2])) : -1;
        const q = i < 0 ? null : plage(m[3].replace(/\$/g, ""));
        const r = mock(i < 0 ? { address: "", values: [[""]], worksheet: { position: -1 } }
          : { address: adresse(modele.feuilles[i].nom, q), values: valeurs(modele.feuilles[i], q),
            worksheet: { position: i } });
        r.isNullObject = i < 0;
        r._plage = i < 0 ? null : plage(m[3].replace(/\$/g, ""));
        r._index = i;
        return r;
      },
    });
  }

  function utilisee(feuille) { // the used range: the smallest rectangle holding every non-empty or formatted cell
    let r1 = Infinity, c1 = Infinity, r2 = -1, c2 = -1;
    const q = feuille.formatee;
    if (q) { r1 = q.r; c1 = q.c; r2 = q.r + q.nr - 1; c2 = q.c + q.nc - 1; }
    for (const cle of feuille.cellules.keys()) {
      const [r, c] = cle.split(",").map(Number);
      r1 = Math.min(r1, r); c1 = Math.min(c1, c); r2 = Math.max(r2, r); c2 = Math.max(c2, c);
    }
    return r2 < 0 ? null : { r: r1, c: c1, nr: r2 - r1 + 1, nc: c2 - c1 + 1 };
  }
  function valeurs(feuille, p) {
    return Array.from({ length: p.nr }, (_, i) => Array.from({ length: p.nc }, (_, j) => {
      const v = feuille.cellules.get(`${p.r + i},${p.c + j}`);
      return v === undefined ? "" : v;
    }));
  }

  // ------------------------------------------------------------------------------- the mock objects the code reads
  const mocks = [];
  const feuillesMocks = []; // the worksheets collection's items, in the workbook's order
  function mock(donnees) {
    const m = new OfficeMockObject(donnees, "excel");
    mocks.push(m);
    return m;
  }
  // A collection: `items` loads as Office.js loads it ("items/name,items/visibility"), each item being a mock.
  function collection(items, methodes) {
    const m = mock({ items, ...methodes });
    m.load = function (arg) {
      const proprietes = String(arg || "").split(",").map((p) => p.trim().replace(/^items\//, "")).filter(Boolean);
      for (const it of this._properties.get("items")._valueBeforeLoaded) {
        if (proprietes.length) it.load(proprietes.join(","));
      }
      this.loadScalar("items");
      return this;
    };
    return m;
  }

  function ecriture(feuille, p) { // a range the code writes to: its assignments are read back after the run
    const r = mock({
      format: { fill: {}, font: {} }, dataValidation: {},
      merge(travers) { modele.journal.push({ genre: "fusion", feuille, p, travers: !!travers }); },
      clear() { modele.journal.push({ genre: "effacer", feuille, p }); },
    });
    modele.journal.push({ genre: "plage", feuille, p, objet: r });
    return r;
  }

  function feuilleMock(feuille) {
    const f = mock({
      name: feuille.nom, visibility: feuille.visibilite, position: modele.feuilles.indexOf(feuille),
      getUsedRangeOrNullObject() {
        const p = utilisee(feuille);
        const r = mock({ address: p ? adresse(feuille.nom, p) : "" });
        r.isNullObject = p === null; // readable after sync without load, as Office.js gives it
        r._plage = p;
        return r;
      },
      getRange(ref) {
        if (ref === undefined) return ecriture(feuille, null); // the whole sheet
        const p = plage(ref);
        return mock({
          getBoundingRect(autre) {
            const q = autre._plage;
            const r1 = Math.min(p.r, q.r), c1 = Math.min(p.c, q.c);
            const b = { r: r1, c: c1, nr: Math.max(p.r + p.nr, q.r + q.nr) - r1, nc: Math.max(p.c + p.nc, q.c + q.nc) - c1 };
            return mock({ values: valeurs(feuille, b), address: adresse(feuille.nom, b) });
          },
        });
      },
      getRangeByIndexes(r, c, nr, nc) { return ecriture(feuille, { r, c, nr, nc }); },
    });
    f.tables = collection(feuille.tables.map((t) => tableMock(feuille, t)), {
      add(ref, entetes) {
        const t = { nom: `Tableau${feuille.tables.length + 1}`, plage: plage(ref), entetes };
        feuille.tables.push(t);
        const m = tableMock(feuille, t);
        this._properties.get("items")._valueBeforeLoaded.push(m);
        modele.journal.push({ genre: "table", feuille, table: t, objet: m });
        return m;
      },
      getItemAt(i) { return this._properties.get("items")._valueBeforeLoaded[i]; },
    });
    f.names = collection(feuille.noms.map((n) => nomMock(n.nom, n.formule)), {
      add(nom, formule) { modele.journal.push({ genre: "nom", feuille, nom, formule }); },
    });
    f._feuille = feuille;
    // `position = …` moves the sheet at once, as Excel does: the next actions address sheets by their new positions
    Object.defineProperty(f, "position", {
      configurable: true,
      get: () => modele.feuilles.indexOf(feuille),
      set: (position) => {
        const i = modele.feuilles.indexOf(feuille);
        modele.feuilles.splice(i, 1);
        modele.feuilles.splice(position, 0, feuille);
        const m = feuillesMocks.splice(i, 1)[0];
        feuillesMocks.splice(position, 0, m);
      },
    });
    return f;
  }

  function tableMock(feuille, t) {
    const partie = (q) => mock({ address: adresse(feuille.nom, q) });
    return mock({
      name: t.nom,
      getRange: () => mock({ address: adresse(feuille.nom, t.plage), values: valeurs(feuille, t.plage),
        worksheet: { position: modele.feuilles.indexOf(feuille) } }),
      getHeaderRowRange: () => partie({ ...t.plage, nr: 1 }),
      getDataBodyRange: () => partie({ ...t.plage, r: t.plage.r + 1, nr: t.plage.nr - 1 }),
      resize(ref) { modele.journal.push({ genre: "redimensionner", feuille, table: t, p: plage(ref) }); },
    });
  }

  function excelMock() {
    mocks.length = 0;
    const feuilles = feuillesMocks;
    feuilles.push(...modele.feuilles.map(feuilleMock));
    const actif = classeur.book.active_sheet_index || 0;
    const worksheets = collection(feuilles, {
      getActiveWorksheet: () => feuilles[actif],
      getItemAt: (i) => feuilles[i],
      add(nom) {
        const feuille = { nom: nom || `Feuil${modele.feuilles.length + 1}`, visibilite: "Visible", cellules: new Map(),
          formats: new Map(), couleurs: new Map(), validations: new Map(), fusions: [], tables: [], noms: [] };
        modele.feuilles.push(feuille);
        const m = feuilleMock(feuille);
        feuilles.push(m);
        modele.journal.push({ genre: "feuille", feuille, objet: m });
        return m;
      },
    });
    const noms = collection(modele.noms.map((n) => nomMock(n.nom, n.formule, "Range")), {
      add(nom, formule) { modele.journal.push({ genre: "nom", feuille: null, nom, formule }); },
      getItemOrNullObject(nom) {
        const n = modele.noms.find((x) => x.nom === nom);
        const m = n ? nomMock(n.nom, n.formule, "Range") : mock({ name: nom });
        m.isNullObject = !n;
        return m;
      },
    });
    const context = mock({ workbook: { name: classeur.book.name } });
    context.workbook.worksheets = worksheets;
    context.workbook.names = noms;
    // every table of the workbook, sheet by sheet (Workbook.tables)
    context.workbook.tables = collection(modele.feuilles.flatMap((f, i) => feuilles[i].tables
      ._properties.get("items")._valueBeforeLoaded));
    context.sync = async function () { // every mock, collections' items included, as Excel syncs the whole context
      for (const m of [...mocks]) await OfficeMockObject.prototype.sync.call(m);
      await new Promise((fin) => setTimeout(fin, 0));
    };
    return mock({ run: async (rappel) => rappel(context), ClearApplyTo: { contents: "Contents" } });
  }

  // -------------------------------------------------------------------------------- what the code wrote, replayed
  function rejouer() {
    for (const e of modele.journal) {
      const f = e.feuille;
      if (e.genre === "plage") {
        const o = e.objet;
        const p = e.p || { r: 0, c: 0, nr: 1048576, nc: 16384 };
        const grille = o.formulas !== undefined && typeof o.formulas !== "string" ? o.formulas : o.values;
        if (grille !== undefined && typeof grille !== "string") {
          grille.forEach((ligne, i) => ligne.forEach((v, j) => {
            const cle = `${p.r + i},${p.c + j}`;
            if (v === "" || v === null) f.cellules.delete(cle); else f.cellules.set(cle, v);
          }));
        }
        if (Array.isArray(o.numberFormat)) f.formats.set(`${p.r},${p.c}`, o.numberFormat[0][0]);
        if (o.format.fill.color !== undefined && typeof o.format.fill.color === "string"
            && !o.format.fill.color.startsWith("Error")) f.couleurs.set(`${p.r},${p.c}`, o.format.fill.color);
        const regle = o.dataValidation.rule;
        if (regle && typeof regle === "object") f.validations.set(`${p.r},${p.c}`, regle);
      } else if (e.genre === "effacer") {
        if (e.p === null) f.cellules.clear();
      } else if (e.genre === "fusion") {
        f.fusions.push(e.p);
      } else if (e.genre === "nom") {
        (f ? f.noms : modele.noms).push({ nom: e.nom, formule: e.formule });
      } else if (e.genre === "table") {
        const nom = e.objet.name;
        if (typeof nom === "string" && !nom.startsWith("Error")) e.table.nom = nom;
      } else if (e.genre === "redimensionner") {
        e.table.plage = e.p;
      }
    }
  }

  function vue() {
    return {
      feuilles: modele.feuilles.map((f) => ({
        nom: f.nom,
        cellules: Object.fromEntries([...f.cellules].map(([cle, v]) => {
          const [r, c] = cle.split(",").map(Number);
          return [`${lettres(c)}${r + 1}`, v];
        })),
        tables: f.tables.map((t) => [t.nom, adresse(f.nom, t.plage).split("!").pop()]),
        noms: f.noms, formats: f.formats.size, validations: f.validations.size,
      })),
      noms: modele.noms,
    };
  }

  return { Excel: excelMock(), rejouer, vue };
}

module.exports = { simuler };
