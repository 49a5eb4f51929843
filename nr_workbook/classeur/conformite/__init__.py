"""What Excel and the law expect of every file we hand out, checked on the file itself: Excel's limits and opening
rules (`limites.py`)."""
