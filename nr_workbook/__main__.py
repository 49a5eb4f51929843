from nr_workbook.cli import main

main()
