from nr_workbook.cli import app

app(prog_name="nr-workbook")
