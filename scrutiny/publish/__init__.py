"""Publishing: a folder swapped in whole, and the export as a plain MkDocs project."""
