"""Excel's faces of the engine: the spreadsheet functions (`fonctions`, one registry) and the ribbon actions
(`actions`, one registry) served three ways: the classic xlwings add-in (`addin`, with its two modules and its
ribbon in `complement/`, shipped in the wheel), xlwings Lite (`lite`) and the Office.js add-in of xlwings Server
(`serveur`); `payload` replays a workbook file as the payload those clients send. The only layer that imports
xlwings.
"""

import importlib.util
import sys

# xlwings (0.37) tries `from pyodide.ffi import JsNull` for every value it converts (utils.is_jsnull,
# udfs_officejs.js_to_none): outside Pyodide each of these failing imports searches the whole of sys.path again,
# about a third of a custom function call's processor time on the server and most of a whole workbook's reading.
# Marking the module absent makes each failure immediate; in Pyodide (xlwings Lite) the module exists and nothing
# changes.
if sys.platform != "emscripten" and importlib.util.find_spec("pyodide") is None:
    sys.modules.setdefault("pyodide", None)  # type: ignore[arg-type]
