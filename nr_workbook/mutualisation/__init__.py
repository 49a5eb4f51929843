"""Mutualisateurs: pre-filled workbooks for every member collectivité, then consolidation of what comes back."""
