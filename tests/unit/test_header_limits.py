"""Regression: a 135 KB To: header (as in the shared corpus) crashed the header sync with
RecursionError in email.utils.getaddresses."""

from acmail_desktop.core.imap.fetchparse import FetchData, header_row


def test_huge_address_headers_do_not_abort_the_sync() -> None:
    many = ", ".join(f'"=?utf-8?q?Pers=C3=B6n_{i}?=" <p{i}@ac-x.fr>' for i in range(4000))
    block = f"From: {many}\r\nTo: {many}\r\nSubject: liste\r\n".encode()
    row = header_row(FetchData({b"UID": 1, b"FLAGS": (), b"RFC822.SIZE": len(block), b"BODY[HEADER]": block}))
    assert row[0] == 1 and row[5] == "liste"
    assert "p0@ac-x.fr" in row[8]
