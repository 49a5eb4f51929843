"""Public entry point of the Office.js add-in server, kept at this path for those who host it with an ASGI server
(`uvicorn --factory nr_workbook.serveur:creer_app`, settings in NR_SERVEUR_… variables): the server itself is
`nr_workbook.excel.serveur`."""

from nr_workbook.excel.lancement import lancer
from nr_workbook.excel.manifeste import manifeste
from nr_workbook.excel.serveur import creer_app

__all__ = ["creer_app", "lancer", "manifeste"]
