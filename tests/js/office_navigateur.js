// Entry of the browser bundle (esbuild): Microsoft's mock and our workbook, for the page Chromium runs.
// office-addin-mock needs only the OfficeApp list of office-addin-manifest, a Node package: esbuild takes that one
// module (see tests/test_commandes_chromium.py).
"use strict";

const { OfficeMockObject } = require("office-addin-mock");
const { simuler } = require("./classeur_simule");

globalThis.NrSimule = { simuler: (classeur) => simuler(classeur, OfficeMockObject) };
