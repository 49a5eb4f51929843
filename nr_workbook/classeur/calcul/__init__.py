"""Every formula of a workbook computed as Excel and LibreOffice do (`evaluation.calculer`), so that each saved
formula cell carries its value."""
