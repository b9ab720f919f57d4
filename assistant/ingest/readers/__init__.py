"""Reading a report file into text, one module per kind of file: `load` checks the file and
picks the reader by suffix — `text` (.txt/.md and their encodings), `pdf`, `word` (.docx;
`legacy_doc` turns .doc/.wps into .docx through LibreOffice), `xlsx`, `html` — and `ocr`
reads scanned pages. Readers write the tables they find as lines (`ingest.tables`)."""
