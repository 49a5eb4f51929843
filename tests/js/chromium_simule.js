// Runs the add-in's real page (/taskpane.html and its /commands.js, as the HTTPS server serves them) in headless
// Chromium (Debian's, driven by puppeteer-core), Office.js replaced by a stub over the workbook of
// classeur_simule.js (Microsoft's office-addin-mock, bundled for the browser by esbuild). Clicks the buttons, then
// writes what the code wrote, what the pane shows, what Office was asked to open and any unhandled rejection.
//
// usage: node chromium_simule.js BASE CLASSEUR.json PAQUET.js SORTIE.json [--commandes FICHIER.js]
//          [--capture IMAGE.png] [--largeur PX] [--hors-office] [--axe] [--volet] [BOUTON…]
// --volet: the buttons are clicked in the pane, not on the ribbon.
// --hors-office: office.js unreachable (the page opened in a browser); --axe: axe-core's rules on the pane (CSP
// bypassed for that run only, to inject axe).
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
const largeur = Number(option("--largeur") || 800);
const horsOffice = args.includes("--hors-office") ? (args.splice(args.indexOf("--hors-office"), 1), true) : false;
const axe = args.includes("--axe") ? (args.splice(args.indexOf("--axe"), 1), true) : false;
const viaVolet = args.includes("--volet") ? (args.splice(args.indexOf("--volet"), 1), true) : false;
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
    await page.setViewport({ width: largeur, height: 900 });
    if (axe) await page.setBypassCSP(true);
    page.on("console", (m) => consigne.push([m.type(), m.text()]));
    page.on("pageerror", (e) => consigne.push(["pageerror", String(e)]));
    await page.setRequestInterception(true);
    page.on("request", (r) => {
      const url = r.url();
      if (url.startsWith("https://appsforoffice.microsoft.com/")) {
        if (horsOffice) r.abort("internetdisconnected");
        else r.respond({ status: 200, contentType: "text/javascript", body: talon });
      } else if (commandes && url === `${base}/commands.js`) {
        r.respond({ status: 200, contentType: "text/javascript", body: fs.readFileSync(commandes, "utf8") });
      } else {
        r.continue();
      }
    });
    await page.goto(`${base}/taskpane.html`, { waitUntil: "load" });
    if (!horsOffice) await page.waitForFunction(() => Object.keys(window.__boutons).length > 0, { timeout: 20000 });
    const situation = async () => {
      await page.waitForFunction(() => ["nr-serveur", "nr-classeur", "nr-jeton-statut"].every(
        (id) => !document.getElementById(id).textContent.startsWith("vérification")), { timeout: 20000 });
      return page.evaluate(() => Object.fromEntries(["nr-serveur", "nr-classeur", "nr-jeton-statut"].map(
        (id) => [id, { texte: document.getElementById(id).textContent,
          genre: document.getElementById(id).getAttribute("data-genre") }])));
    };
    const avant = await situation();
    const boutonsActifs = await page.evaluate(() => [...document.querySelectorAll("button.nr-action")]
      .filter((b) => !b.disabled).map((b) => b.getAttribute("data-script")));
    let violations = null;
    let tabulation = null;
    if (axe) {
      tabulation = [];
      for (let i = 0; i < 12; i += 1) {
        await page.keyboard.press("Tab");
        tabulation.push(await page.evaluate(() => {
          const e = document.activeElement;
          return e ? (e.getAttribute("data-script") || e.id || e.tagName.toLowerCase()) : null;
        }));
      }
      await page.addScriptTag({ path: require.resolve("axe-core/axe.min.js") });
      violations = await page.evaluate(async () => (await window.axe.run(document)).violations.map(
        (v) => ({ id: v.id, impact: v.impact, cibles: v.nodes.map((n) => n.target.join(" ")) })));
    }
    const resultats = [];
    for (const bouton of boutons) {
      if (viaVolet) {
        await page.evaluate(() => { document.getElementById("nr-etat-action").textContent = ""; });
        await page.click(`button[data-script="${bouton}"]`);
        await page.waitForFunction((b) => document.getElementById("nr-etat-action").textContent !== ""
          && !document.querySelector(`button[data-script="${b}"]`).hasAttribute("aria-busy"), { timeout: 60000 },
        bouton);
      } else {
        await page.evaluate((b) => new Promise((fin) => window.__boutons[b]({ completed: fin })), bouton);
      }
      resultats.push(await page.evaluate((b) => {
        const zone = document.getElementById("nr-etat-action");
        return { bouton: b, volet: zone.textContent, genre: zone.getAttribute("data-genre") };
      }, bouton));
    }
    if (capture) await page.screenshot({ path: capture, fullPage: true });
    const fin = await page.evaluate(() => {
      if (!window.NrSimulation) return { classeur: null, ouverts: [], rejets: [] };
      window.NrSimulation.rejouer();
      return { classeur: window.NrSimulation.vue(), ouverts: window.__ouverts, rejets: window.__rejets,
        liens: [...document.querySelectorAll("#nr-telechargements a")].map((a) => a.textContent) };
    });
    fs.writeFileSync(sortieJson, JSON.stringify({ resultats, consigne, situation: avant, boutonsActifs, violations,
      tabulation, ...fin }));
  } finally {
    await navigateur.close();
  }
})().catch((e) => { console.error(e); process.exit(1); });
