// Ribbon commands of the nr_workbook Office.js add-in (served at /commands.js).
// Each button sends the workbook (values, names, tables) to the server, which runs the ribbon action with the
// xlwings Book API and answers with the actions to apply to the workbook; they are applied here with Office.js.
/* global Office, Excel */

const NR_SCRIPTS = "__SCRIPTS__"; // replaced by the server: {"button function": "script name"}
const NR_BASE = "__BASE__"; // replaced by the server: its public https address

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
  await context.sync();
  const sansFeuille = (adresse) => adresse.split("!").pop();
  const payload = {
    client: "Office.js", version: "", book: { name: classeur.name, active_sheet_index: actif.position,
      selection: "A1" },
    names: [], sheets: [],
  };
  for (const n of noms.items) {
    if (n.type === "Range") payload.names.push({ name: n.name, refers_to: n.formula, book_scope: true,
      scope_sheet_name: null, scope_sheet_index: null, sheet_index: null, address: null });
  }
  feuilles.items.forEach((f, i) => {
    for (const n of locaux[i].items) {
      payload.names.push({ name: `'${f.name.replace(/'/g, "''")}'!${n.name}`, refers_to: n.formula,
        book_scope: false, scope_sheet_name: f.name, scope_sheet_index: i, sheet_index: null, address: null });
    }
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

async function nrExecuter(event, script) {
  try {
    await Excel.run(async (context) => {
      const payload = await nrChargeUtile(context);
      const entetes = { "Content-Type": "application/json" };
      const jeton = await nrJeton();
      if (jeton) entetes.Authorization = `Bearer ${jeton}`;
      const reponse = await fetch(`${NR_BASE}/xlwings/custom-scripts-call/${script}`, {
        method: "POST", headers: entetes, body: JSON.stringify(payload),
      });
      let resultat = null;
      try { resultat = await reponse.json(); } catch (e) { resultat = null; }
      if (!reponse.ok || resultat === null) {
        throw new Error(`serveur nr_workbook (${reponse.status}) : ${(resultat && resultat.erreur) || "indisponible"}`);
      }
      for (const action of resultat.actions) {
        const f = NR_ACTIONS[action.func];
        if (!f) throw new Error(`action non prise en charge : ${action.func}`);
        f(context, action);
        if (action.func === "addSheet" || action.func === "addTable") await context.sync();
      }
      await context.sync();
    });
  } catch (e) {
    console.error(e);
  } finally {
    event.completed();
  }
}

Office.onReady(() => {
  for (const [bouton, script] of Object.entries(NR_SCRIPTS)) {
    Office.actions.associate(bouton, (event) => nrExecuter(event, script));
  }
});

// The task pane's form: the access token is kept in Office's storage, shared with the custom functions.
Office.onReady(() => {
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
    } catch (err) {
      etat.textContent = `Enregistrement impossible : ${err}`;
    }
  });
});
