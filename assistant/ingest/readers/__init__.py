"""Reading a report file into text, one module per kind of file: `load` picks the reader by
suffix (plain text and Markdown with their encodings, .docx, .pdf) and hands the others on
(`xlsx` workbooks, `html` saved web pages, `legacy_doc` .doc/.wps through LibreOffice, `ocr`
for scanned pages). Readers write the tables they find as lines (`ingest.tables`)."""
