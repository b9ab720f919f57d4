"""Tables: writing a file's tables as row lines (`lines`, `sheet_lines`, `pdf_tables`) and
reading back the tables that text has flattened (`grid` is the model; `pipes`,
`cell_lines`, `cell_rows`, `rowlines`, `runon`, `formlines` read the trails of cells;
`find.find_tables` runs them all). Nothing here imports `ingest.readers`."""
