// Runs the add-in's real ribbon code (/commands.js, as the server serves it) in Node, against the workbook of
// classeur_simule.js (Microsoft's office-addin-mock), and writes what the code wrote, what the pane and the console
// showed, what Office was asked to open.
//
// usage: node excel_simule.js CLASSEUR.json COMMANDES.js SORTIE.json BOUTON [BOUTON…]
"use strict";

const fs = require("fs");
const vm = require("vm");
const { OfficeMockObject } = require("office-addin-mock");
const { simuler } = require("./classeur_simule");

const [classeurJson, commandesJs, sortieJson, ...boutons] = process.argv.slice(2);
const classeur = JSON.parse(fs.readFileSync(classeurJson, "utf8"));
const simulation = simuler(classeur, OfficeMockObject);

// ------------------------------------------------------------------------------------------------ the run itself
(async () => {
  const boutonsAssocies = {};
  const consigne = [];
  const rejets = [];
  const ouverts = []; // what Office.context.ui.openBrowserWindow was asked to open
  process.on("unhandledRejection", (e) => { rejets.push(String(e)); });
  const zone = { textContent: "", attributs: {}, setAttribute(k, v) { this.attributs[k] = v; } };
  const stockage = new Map();
  const sandbox = {
    console: {
      log: (...a) => consigne.push(["log", a.join(" ")]),
      error: (...a) => consigne.push(["error", a.map(String).join(" ")]),
    },
    fetch: async (url, options) => {
      if (process.env.NR_CHARGE_UTILE) fs.writeFileSync(process.env.NR_CHARGE_UTILE, options.body);
      return globalThis.fetch(url, options);
    },
    setTimeout, Promise, JSON, Array, Object, Error, Date, Map,
    Office: { onReady: (rappel) => { rappel(); return Promise.resolve(); },
      actions: { associate: (id, f) => { boutonsAssocies[id] = f; } },
      context: { ui: { openBrowserWindow: (url) => { ouverts.push(url); } } } },
    OfficeRuntime: { storage: {
      getItem: async (k) => (stockage.has(k) ? stockage.get(k) : (k === "nr_jeton" ? process.env.NR_JETON || null : null)),
      setItem: async (k, v) => { stockage.set(k, v); },
    } },
    document: { getElementById: (id) => (id === "nr-etat-action" ? zone : null) },
  };
  sandbox.Excel = simulation.Excel;
  vm.createContext(sandbox);
  vm.runInContext(fs.readFileSync(commandesJs, "utf8"), sandbox, { filename: "commands.js" });
  const resultats = [];
  for (const bouton of boutons) {
    const f = boutonsAssocies[bouton];
    if (!f) throw new Error(`bouton inconnu : ${bouton} (associés : ${Object.keys(boutonsAssocies).join(", ")})`);
    await new Promise((fin) => { f({ completed: fin }); });
    resultats.push({ bouton, volet: zone.textContent, genre: zone.attributs["data-genre"] });
  }
  simulation.rejouer();
  fs.writeFileSync(sortieJson, JSON.stringify({
    resultats, consigne, rejets, ouverts, dernier: stockage.get("nr_dernier_resultat") || null, classeur: simulation.vue(),
  }));
})().catch((e) => { console.error(e); process.exit(1); });
