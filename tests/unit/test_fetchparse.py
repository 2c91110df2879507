"""The fast FETCH parser against imapclient's general parser, plus hostile input."""

from __future__ import annotations

import ssl
from dataclasses import dataclass
from datetime import UTC, datetime

import pytest
import trustme
from hypothesis import given, settings
from hypothesis import strategies as st
from imapclient.response_parser import parse_fetch_response

from acmail_desktop.core import errors
from acmail_desktop.core.collation import french_sort_key
from acmail_desktop.core.imap import fetchparse as fp
from acmail_desktop.core.imap.session import ImapSession
from tests.support.scripted import Peer, ScriptedServer, imap_command_loop, server_tls_context

SECTION = b"BODY[HEADER.FIELDS (FROM TO SUBJECT DATE MESSAGE-ID IN-REPLY-TO REFERENCES CONTENT-TYPE)]"
MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")

flags_st = st.lists(st.sampled_from([b"\\Seen", b"\\Answered", b"\\Flagged", b"\\Deleted", b"\\Draft",
                                     b"\\Recent", b"$Forwarded", b"$Label1", b"Junk", b"NonJunk"]),
                    unique=True, max_size=5)
header_text = st.text(st.characters(blacklist_categories=("Cc", "Cs"), blacklist_characters="\r\n"),
                      max_size=40)


def _wire(seq: int, items: list[tuple[bytes, bytes]], literal: bytes | None) -> tuple[bytes, list[bytes]]:
    body = b" ".join(name + b" " + value for name, value in items)
    if literal is None:
        return b"* %d FETCH (%s)" % (seq, body), []
    return b"* %d FETCH (%s %s {%d})" % (seq, body, SECTION, len(literal)), [literal]


def _imapclient(text: bytes, literals: list[bytes]) -> dict[bytes, object]:
    """Feed the same response to imapclient the way imaplib hands it over."""
    text = text[2:].replace(b" FETCH (", b" (", 1)
    if literals:
        head, _, tail = text.rpartition(b"}")
        data: list[object] = [(head + b"}", literals[0]), tail]
    else:
        data = [text]
    parsed = parse_fetch_response(data, normalise_times=False, uid_is_key=True)
    ((uid, items),) = parsed.items()
    return {**items, b"UID": uid}


@settings(max_examples=300, deadline=None)
@given(seq=st.integers(1, 10**6), uid=st.integers(1, 2**32 - 1), flags=flags_st,
       size=st.integers(0, 10**9), day=st.integers(1, 28), month=st.integers(0, 11),
       year=st.integers(1990, 2037), hh=st.integers(0, 23), mm=st.integers(0, 59), ss=st.integers(0, 59),
       zone=st.sampled_from(["+0000", "+0200", "-0700", "+0530"]),
       subject=header_text, name=header_text, reorder=st.booleans(), quoted=st.booleans())
def test_parser_agrees_with_imapclient(seq, uid, flags, size, day, month, year, hh, mm, ss, zone, subject,
                                       name, reorder, quoted) -> None:  # type: ignore[no-untyped-def]
    date = f"{day:02d}-{MONTHS[month]}-{year} {hh:02d}:{mm:02d}:{ss:02d} {zone}".encode()
    block = (f"From: {name} <a@b.fr>\r\nSubject: {subject}\r\n\r\n").encode()
    items = [(b"UID", str(uid).encode()), (b"FLAGS", b"(" + b" ".join(flags) + b")"),
             (b"INTERNALDATE", b'"' + date + b'"'), (b"RFC822.SIZE", str(size).encode())]
    if reorder:
        items.reverse()
    if quoted and b'"' not in block and b"\\" not in block:
        text, literals = _wire(seq, [*items, (SECTION, b'"' + block.replace(b"\r\n", b" ") + b'"')], None)
    else:
        text, literals = _wire(seq, items, block)
    ours = fp.parse_fetch(text, literals)
    theirs = _imapclient(text, literals)
    assert ours.seq == theirs[b"SEQ"] == seq
    assert ours[b"UID"] == theirs[b"UID"]
    assert ours[b"FLAGS"] == tuple(theirs[b"FLAGS"])
    assert ours[b"RFC822.SIZE"] == theirs[b"RFC822.SIZE"]
    assert ours[SECTION] == theirs[SECTION]
    stamp = theirs[b"INTERNALDATE"]
    assert isinstance(stamp, datetime)
    assert fp.parse_internaldate(ours[b"INTERNALDATE"].decode()) == int(stamp.timestamp())
    row = fp.header_row(ours)
    assert row[0] == uid and row[4] == size
    fast = fp.fast_header_row(text, literals)
    assert fast is None if (reorder or not literals) else fast == row  # hot path == general path


def test_header_row_decodes_what_teachers_receive() -> None:
    block = (b"From: =?utf-8?q?J=C3=A9r=C3=B4me_Dub=C5=93uf?= <jerome.duboeuf@ac-local.fr>\r\n"
             b"To: \"Moi\" <moi@acmail.test>,\r\n =?iso-8859-1?q?H=E9l=E8ne?= <h@x.fr>\r\n"
             b"Subject: Re: =?utf-8?b?UsOpdW5pb24=?=\r\n =?utf-8?b?IGRlIHJlbnRyw6ll?=\r\n"
             b"Date: Tue, 1 Sep 2026 08:30:00 +0200 (CEST)\r\n"
             b"Message-ID: <abc@ac-local.fr>\r\nIn-Reply-To: <root@x>\r\nReferences: <root@x> <mid@x>\r\n"
             b"Content-Type: multipart/mixed; boundary=b1\r\n\r\n")
    text, literals = _wire(7, [(b"UID", b"42"), (b"FLAGS", b"(\\Seen \\Flagged $Label1)"),
                               (b"INTERNALDATE", b'"01-Sep-2026 06:30:05 +0000"'), (b"RFC822.SIZE", b"999")],
                           block)
    row = dict(zip(fp.ROW_FIELDS, fp.header_row(fp.parse_fetch(text, literals)), strict=True))
    assert row["subject"] == "Re: Réunion de rentrée"
    assert row["subject_sort"] == french_sort_key("réunion de rentrée")  # prefix gone, French order
    assert (row["from_name"], row["from_addr"]) == ("Jérôme Dubœuf", "jerome.duboeuf@ac-local.fr")
    assert "Hélène <h@x.fr>" in row["to"] and "Moi <moi@acmail.test>" in row["to"]
    assert row["date"] == int(datetime(2026, 9, 1, 6, 30, tzinfo=UTC).timestamp())
    assert row["flags"] == fp.SEEN | fp.FLAGGED and row["keywords"] == "$Label1"
    assert row["thread_key"] == "<root@x>" and row["in_reply_to"] == "<root@x>"
    assert row["has_attachments"] == 1 and row["message_id"] == "<abc@ac-local.fr>"


def test_header_row_survives_8bit_and_missing_headers() -> None:
    block = "Subject: Sortie pédagogique\r\nFrom: élève@exemple.fr\r\n\r\n".encode("latin-1")
    text, literals = _wire(1, [(b"UID", b"3"), (b"FLAGS", b"()"),
                               (b"INTERNALDATE", b'"02-Jan-2025 10:00:00 +0100"'), (b"RFC822.SIZE", b"10")],
                           block)
    row = dict(zip(fp.ROW_FIELDS, fp.header_row(fp.parse_fetch(text, literals)), strict=True))
    assert row["subject"] == "Sortie pédagogique" and row["from_addr"] == "élève@exemple.fr"
    assert row["date"] == int(datetime(2025, 1, 2, 9, 0, tzinfo=UTC).timestamp())  # INTERNALDATE fallback
    assert row["thread_key"] == "uid:3"


def test_flags_only_modseq_and_untagged() -> None:
    data = fp.parse_fetch(b"* 12 FETCH (UID 40 MODSEQ (77) FLAGS (\\Seen))", [])
    assert data[b"UID"] == 40 and data[b"MODSEQ"] == 77 and data[b"FLAGS"] == (b"\\Seen",)
    assert fp.classify(b"* 3 EXPUNGE") == ("EXPUNGE", 3)
    assert fp.classify(b"* 44 EXISTS") == ("EXISTS", 44)
    assert fp.classify(b"* VANISHED (EARLIER) 1:3,9") == ("VANISHED", 0)
    assert fp.parse_vanished(b"* VANISHED (EARLIER) 1:3,9") == "1:3,9"
    assert fp.parse_vanished(b"* VANISHED 5") == "5"


@pytest.mark.parametrize("line,literals", [
    (b"* 1 FETCH UID 5", []),
    (b"* 1 FETCH (UID x)", []),
    (b"* 1 FETCH (UID 5 FLAGS (\\Seen)", []),
    (b"* 1 FETCH (UID 5) trailing", []),
    (b"* 1 FETCH (UID 5 BODY[TEXT] {10})", [b"short"]),
    (b"* 1 FETCH (UID 5 BODY[TEXT] {3})", []),
    (b"* 1 FETCH (UID 5 WHATEVER 3)", []),
    (b"* 1 FETCH (INTERNALDATE 12)", []),
    (b"* 1 EXISTS", []),
])
def test_malformed_responses_raise_protocol_error(line: bytes, literals: list[bytes]) -> None:
    with pytest.raises(errors.ProtocolError):
        fp.parse_fetch(line, literals)


def test_dates() -> None:
    assert fp.parse_date("Mon, 7 Feb 1994 21:52:25 -0800") == 760686745
    assert fp.parse_date("7 Feb 94 21:52 GMT") == int(datetime(1994, 2, 7, 21, 52, tzinfo=UTC).timestamp())
    assert fp.parse_date("n'importe quoi") is None
    assert fp.parse_internaldate("17-Jul-1996 02:44:25 -0700") == 837596665


# --- hostile server: a real TLS socket on loopback speaking just enough IMAP ------------------------
@dataclass
class _Endpoint:
    hostname: str
    port: int
    security: str = "implicit"


class _HostileServer:
    """Answers LOGIN/SELECT normally, then sends `payload` as the FETCH response (a scripted peer
    from tests.support.scripted)."""

    def __init__(self, payload: bytes) -> None:
        self.ca = trustme.CA()
        self.client_ctx = ssl.create_default_context()
        self.ca.configure_trust(self.client_ctx)

        def select(peer: Peer, tag: bytes, _rest: str) -> None:
            peer.send(b"* 1 EXISTS\r\n* OK [UIDVALIDITY 7] x\r\n" + tag + b" OK [READ-WRITE] x\r\n")

        def fetch(peer: Peer, tag: bytes, _rest: str) -> None:
            peer.send(payload.replace(b"TAG", tag))

        def script(peer: Peer) -> None:
            peer.send(b"* OK [CAPABILITY IMAP4rev1 UIDPLUS] hostile ready\r\n")
            imap_command_loop(peer, {"LOGIN": lambda p, tag, _r: p.send(tag + b" OK in\r\n"),
                                     "SELECT": select, "UID": fetch, "FETCH": fetch},
                              capabilities=b"IMAP4rev1 UIDPLUS")

        self._server = ScriptedServer(script, tls=server_tls_context(self.ca)).__enter__()
        self.port = self._server.port

    def close(self) -> None:
        self._server.__exit__(None, None, None)


def _session(server: _HostileServer) -> ImapSession:
    from acmail_desktop.core.otp import password_credential

    session = ImapSession(_Endpoint("127.0.0.1", server.port), server.client_ctx, timeout=5)
    session.connect()
    session.login(password_credential("u", "p"))
    session.select("INBOX")
    return session


def _fetch(session: ImapSession, how: str, items: str = "BODY.PEEK[]", **kw: object) -> list[object]:
    """The two ways to read a FETCH: response by response, or as wire chunks (the header sync)."""
    if how == "responses":
        return list(session.raw_uid_fetch("1", items, **kw))  # type: ignore[arg-type]
    return list(session.raw_fetch_chunks("1", items, **kw))  # type: ignore[arg-type]


READERS = pytest.mark.parametrize("how", ["responses", "chunks"])


@READERS
def test_huge_literal_is_refused_without_allocating(how: str) -> None:
    server = _HostileServer(b"* 1 FETCH (UID 1 BODY[] {99999999999}\r\nabc")
    try:
        session = _session(server)
        with pytest.raises(errors.ProtocolError, match="literal"):
            _fetch(session, how, max_literal=1 << 20)
        with pytest.raises(errors.SessionLost):  # the stream was out of step: the session is closed
            session.select("INBOX")
    finally:
        server.close()


@READERS
def test_truncated_literal_and_garbage_line(how: str) -> None:
    server = _HostileServer(b"* 1 FETCH (UID 1 BODY[] {10}\r\nabc")
    try:
        session = _session(server)
        session.timeout = 1
        with pytest.raises(errors.NetworkError):
            _fetch(session, how)
    finally:
        server.close()
    server = _HostileServer(b"garbage without a tag\r\n")
    try:
        session = _session(server)
        with pytest.raises(errors.ProtocolError):
            _fetch(session, how, "FLAGS")
    finally:
        server.close()
    server = _HostileServer(b"* 1 FETCH (UID 1 FLAGS ())\r\nTAG NO [SERVERBUG] nope\r\n")
    try:
        session = _session(server)
        with pytest.raises(errors.ProtocolError, match="refused"):
            _fetch(session, how, "FLAGS")
    finally:
        server.close()


@READERS
def test_bye_and_endless_line_end_the_fetch(how: str) -> None:
    server = _HostileServer(b"* 1 FETCH (UID 1 FLAGS ())\r\n* BYE shutting down\r\n")
    try:
        with pytest.raises(errors.SessionLost, match="BYE"):
            _fetch(_session(server), how, "FLAGS")
    finally:
        server.close()
    server = _HostileServer(b"* 1 FETCH (UID 1 FLAGS (" + b"x" * 1_100_000)
    try:
        session = _session(server)
        session.timeout = 5
        with pytest.raises(errors.ProtocolError, match="too long"):
            _fetch(session, how, "FLAGS")
    finally:
        server.close()


def test_chunks_carry_the_same_responses_across_tls_records() -> None:
    """3,000 header responses (~1 MB, so literals straddle TLS records and reads): the chunked
    reader gives the header sync exactly what the response-by-response reader gives."""
    from acmail_desktop.core.imap.headers import HeaderCollector
    from tests.support.imap_wire import header_response, wire

    responses = [header_response(n, n, f"Réunion n°{n}") for n in range(1, 3001)]  # ("TAG" is replaced)
    server = _HostileServer(wire(responses) + b"TAG OK done\r\n")
    try:
        session = _session(server)
        by_response, by_chunk = HeaderCollector(), HeaderCollector()
        for text, literals in session.raw_uid_fetch("1:*", fp.HEADER_ITEMS):
            by_response.feed(text, literals)
        chunks = list(session.raw_fetch_chunks("1:*", fp.HEADER_ITEMS))
        assert len(chunks) > 1  # several runs of whole responses, not one buffer
        for chunk in chunks:
            by_chunk.feed_chunk(chunk)
        assert len(by_chunk.rows) == 3000
        assert by_chunk.rows == by_response.rows
        session.select("INBOX")  # still in step with the server
    finally:
        server.close()


def test_raw_fetch_refuses_injection() -> None:
    session = ImapSession(_Endpoint("127.0.0.1", 1), ssl.create_default_context())
    with pytest.raises(errors.ProtocolError):
        list(session.raw_uid_fetch("1\r\nA1 LOGOUT", "FLAGS"))


def test_sync_handles_unsolicited_responses_interleaved(tmp_path) -> None:  # type: ignore[no-untyped-def]
    from acmail_desktop.core.imap.sync import FolderSync
    from acmail_desktop.core.store import Store

    header = b"From: a@b.fr\r\nSubject: =?utf-8?q?Arriv=C3=A9e?=\r\n\r\n"
    payload = (b"* 1 FETCH (UID 5 FLAGS (\\Seen) INTERNALDATE \"01-Sep-2026 06:30:05 +0000\" RFC822.SIZE 10 "
               + SECTION + b" {%d}\r\n" % len(header) + header + b")\r\n"
               b"* 3 FETCH (FLAGS (\\Flagged) UID 3)\r\n* VANISHED 4\r\n* 9 EXISTS\r\n* 2 EXPUNGE\r\n"
               b"TAG OK done\r\n")
    server = _HostileServer(payload)
    try:
        session = _session(server)
        with Store(tmp_path / "c.sqlite3") as store:
            old = [fp.header_row(fp.parse_fetch(*_wire(n, [(b"UID", str(uid).encode()), (b"FLAGS", b"()")],
                                                       b"Subject: old\r\n\r\n"))) for n, uid in ((1, 3), (2, 4))]
            store.put_headers("INBOX", old)
            result = FolderSync(session, store).sync("INBOX")
            assert result.mode == "full" and result.new == 1
            assert store.uids("INBOX") == [3, 5]
            assert store.flags_of("INBOX") == {3: (fp.FLAGGED, ""), 5: (fp.SEEN, "")}
            assert store.message("INBOX", 5)["subject"] == "Arrivée"
    finally:
        server.close()


@settings(max_examples=200, deadline=None)
@given(seq=st.integers(1, 10**6), uid=st.integers(1, 2**32 - 1), flags=flags_st,
       shape=st.sampled_from(["uf", "fu", "ufm", "umf", "mfu"]), modseq=st.integers(1, 2**63 - 1))
def test_fast_flags_agrees_with_the_general_parser(seq, uid, flags, shape, modseq) -> None:  # type: ignore[no-untyped-def]
    parts = {"u": b"UID %d" % uid, "f": b"FLAGS (" + b" ".join(flags) + b")", "m": b"MODSEQ (%d)" % modseq}
    text = b"* %d FETCH (%s)" % (seq, b" ".join(parts[c] for c in shape))
    fast = fp.fast_flags(text)
    data = fp.parse_fetch(text, [])
    if shape == "mfu":
        assert fast is None  # an unusual order: left to the general parser
    else:
        assert fast == (data[b"UID"], fp.flags_bits(data[b"FLAGS"]))
    assert fp.fast_flags(text + b" x") is None and fp.fast_flags(text.replace(b"(", b"{", 1)) is None


def test_obsolete_space_before_the_colon_is_read_like_the_server_envelope() -> None:
    """RFC 5322 4.5.1 obs-field: "Subject     : x" is the Subject (Dovecot's ENVELOPE says so)."""
    block = (b"From  : Jean <jean@ac-local.fr>\r\nSubject     : R\xc3\xa9union\r\nDate\t: 2 Nov 2026 08:00 +0100\r\n"
             b"Message-ID : <a@b>\r\nX-Note:  : kept\r\n\r\n")
    headers = fp.parse_header_block(block)
    assert headers["subject"] == "Réunion" and headers["from"] == "Jean <jean@ac-local.fr>"
    assert headers["message-id"] == "<a@b>" and headers["date"].startswith("2 Nov")
    assert fp.parse_header_block(block.replace(b"R\xc3\xa9union", b"R\xe9union"))["subject"] == "Réunion"
    row = fp.row_from_items(7, (b"\\Seen",), None, 10, block)
    assert row[5] == "Réunion" and row[6:8] == ("Jean", "jean@ac-local.fr") and row[10] == "<a@b>"
