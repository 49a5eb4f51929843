// Writes Fluent UI's design tokens (the web light theme of @fluentui/tokens, MIT, Microsoft) as CSS custom
// properties: nr_workbook/excel/fluent.css, served by the add-in's server under /static/fluent.css and used
// by the task pane's own stylesheet (volet.css). This is what Fluent UI React injects at run time as its theme; we
// ship it as a file so that the pane needs no CDN and no script to be styled.
//
// usage (after npm install): node scripts/fluent-jetons.js > nr_workbook/excel/fluent.css
"use strict";

const fs = require("fs");
const path = require("path");
const { webLightTheme } = require("@fluentui/tokens");

const racine = path.dirname(require.resolve("@fluentui/tokens/package.json"));
const version = JSON.parse(fs.readFileSync(path.join(racine, "package.json"), "utf8")).version;
const licence = fs.readFileSync(path.join(racine, "LICENSE"), "utf8").trim().replace(/\*\//g, "* /");
const lignes = Object.entries(webLightTheme).map(([jeton, valeur]) => `  --${jeton}: ${valeur};`);
process.stdout.write(`/* Fluent UI design tokens: webLightTheme of @fluentui/tokens ${version}
   (https://github.com/microsoft/fluentui, packages/tokens), written by scripts/fluent-jetons.js; not edited by hand.

${licence.split("\n").map((l) => `   ${l}`.trimEnd()).join("\n")}
*/
:root {
${lignes.join("\n")}
}
`);
