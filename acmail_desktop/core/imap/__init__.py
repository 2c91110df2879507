"""IMAP: the session adapter (the only imapclient importer) and folder sync."""
