"""Exchanges with other tools and files: what comes in (the collectivité's JSON, inventory files) and what goes out
(the Territoires en Transitions import file), and the workbook generated pre-filled from them.

Every format lives in a module of its own; `texte` holds the tolerant reading of text that they share.
"""
