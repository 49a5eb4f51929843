"""Other tools' schemas, shipped unmodified (see SOURCES.md)."""
