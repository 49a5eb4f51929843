// Runs the add-in's real page (/taskpane.html and its /commands.js, as the HTTPS server serves them) in headless
// Chromium (Debian's, driven by puppeteer-core), Office.js replaced by a stub over the workbook of
// classeur_simule.js (Microsoft's office-addin-mock, bundled for the browser by esbuild). Clicks the buttons, then
// writes what the code wrote, what the pane shows, what Office was asked to open and any unhandled rejection.
//
// usage: node chromium_simule.js BASE CLASSEUR.json PAQUET.js SORTIE.json [--commandes FICHIER.js]
//                                [--capture IMAGE.png] BOUTON [BOUTON…]
"use strict";

const fs = require("fs");
const puppeteer = require("puppeteer-core");

const args = process.argv.slice(2);
const option = (nom) => {
  const i = args.indexOf(nom);
  if (i < 0) return null;
  const v = args[i + 1];
  args.splice(i, 2);
  return v;
};
const commandes = option("--commandes");
const capture = option("--capture");
const [base, classeurJson, paquetJs, sortieJson, ...boutons] = args;

const talon = `
${fs.readFileSync(paquetJs, "utf8")}
window.__boutons = {}; window.__ouverts = []; window.__rejets = [];
window.addEventListener("unhandledrejection", (e) => { window.__rejets.push(String(e.reason)); });
window.NrSimulation = NrSimule.simuler(${fs.readFileSync(classeurJson, "utf8")});
window.Excel = window.NrSimulation.Excel;
const nrStockage = new Map();
window.OfficeRuntime = { storage: {
  getItem: async (k) => (nrStockage.has(k) ? nrStockage.get(k) : (k === "nr_jeton" ? ${JSON.stringify(process.env.NR_JETON || null)} : null)),
  setItem: async (k, v) => { nrStockage.set(k, v); },
} };
window.Office = {
  onReady: (rappel) => new Promise((fin) => {
    const pret = () => fin(rappel ? rappel({ host: "Excel" }) : undefined);
    if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", pret); else pret();
  }),
  actions: { associate: (id, f) => { window.__boutons[id] = f; } },
  context: { ui: { openBrowserWindow: (url) => { window.__ouverts.push(url); } } },
};
`;

(async () => {
  const navigateur = await puppeteer.launch({
    executablePath: process.env.CHROMIUM || "/usr/bin/chromium", headless: true,
    args: ["--no-sandbox", "--ignore-certificate-errors", "--disable-gpu"],
  });
  const consigne = [];
  try {
    const page = await navigateur.newPage();
    await page.setViewport({ width: capture ? 320 : 800, height: 900 });
    page.on("console", (m) => consigne.push([m.type(), m.text()]));
    page.on("pageerror", (e) => consigne.push(["pageerror", String(e)]));
    await page.setRequestInterception(true);
    page.on("request", (r) => {
      const url = r.url();
      if (url.startsWith("https://appsforoffice.microsoft.com/")) {
        r.respond({ status: 200, contentType: "text/javascript", body: talon });
      } else if (commandes && url === `${base}/commands.js`) {
        r.respond({ status: 200, contentType: "text/javascript", body: fs.readFileSync(commandes, "utf8") });
      } else {
        r.continue();
      }
    });
    await page.goto(`${base}/taskpane.html`, { waitUntil: "load" });
    await page.waitForFunction(() => Object.keys(window.__boutons).length > 0, { timeout: 20000 });
    const resultats = [];
    for (const bouton of boutons) {
      resultats.push(await page.evaluate(async (b) => {
        await new Promise((fin) => window.__boutons[b]({ completed: fin }));
        const zone = document.getElementById("nr-etat-action");
        return { bouton: b, volet: zone.textContent, genre: zone.getAttribute("data-genre") };
      }, bouton));
    }
    if (capture) await page.screenshot({ path: capture, fullPage: true });
    const fin = await page.evaluate(() => {
      window.NrSimulation.rejouer();
      return { classeur: window.NrSimulation.vue(), ouverts: window.__ouverts, rejets: window.__rejets,
        liens: [...document.querySelectorAll("#nr-telechargements a")].map((a) => a.textContent) };
    });
    fs.writeFileSync(sortieJson, JSON.stringify({ resultats, consigne, ...fin }));
  } finally {
    await navigateur.close();
  }
})().catch((e) => { console.error(e); process.exit(1); });
