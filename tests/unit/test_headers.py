"""The header sync's wire-bytes path (`imap.headers`) against the response-by-response path, and the
helper processes of `imap.loader` on a real cache file."""

from __future__ import annotations

import itertools

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from acmail_desktop.core import errors
from acmail_desktop.core.imap import fetchparse as fp
from acmail_desktop.core.imap.headers import HeaderCollector, split_response
from acmail_desktop.core.imap.loader import HeaderLoader
from acmail_desktop.core.store import Store
from tests.support.imap_wire import header_response, loader_processes, wire


def other_response(kind: int, n: int) -> tuple[bytes, list[bytes]]:
    return [(b"* %d FETCH (FLAGS (\\Flagged) UID %d)" % (n, n), []), (b"* VANISHED %d:%d" % (n, n + 2), []),
            (b"* %d EXISTS" % n, []), (b"* %d EXPUNGE" % n, [])][kind]


def collected(collector: HeaderCollector) -> tuple[object, ...]:
    return collector.rows, collector.flag_updates, collector.vanished


response_st = st.one_of(
    st.tuples(st.just("header"), st.integers(1, 10**6),
              st.text(st.characters(blacklist_categories=("Cc", "Cs")), max_size=30),
              st.booleans(), st.booleans(), st.sampled_from([b"", b"\\Seen", b"\\Seen $Label1 \\Flagged"])),
    st.tuples(st.just("other"), st.integers(0, 3), st.integers(1, 10**6)))


@settings(max_examples=150, deadline=None)
@given(items=st.lists(response_st, max_size=30), cuts=st.lists(st.integers(0, 40), max_size=6),
       min_uid=st.sampled_from([0, 500_000]))
def test_wire_path_agrees_with_the_response_path(items, cuts, min_uid) -> None:  # type: ignore[no-untyped-def]
    responses = []
    for seq, item in enumerate(items, 1):
        if item[0] == "header":
            _, uid, subject, reorder, tricky, flags = item
            responses.append(header_response(seq, uid, subject, flags=flags, reorder=reorder, tricky=tricky))
        else:
            responses.append(other_response(item[1], item[2]))
    by_response = HeaderCollector(min_uid)
    for text, literals in responses:
        by_response.feed(text, literals)
    by_chunk = HeaderCollector(min_uid)
    # `raw_command_chunks` cuts only between responses: any such cut must give the same result.
    bounds = sorted({0, len(responses), *(c for c in cuts if c <= len(responses))})
    for start, end in itertools.pairwise(bounds):
        by_chunk.feed_chunk(wire(responses[start:end]))
    assert collected(by_chunk) == collected(by_response)
    assert all(row[0] >= min_uid for row in by_chunk.rows)


def test_split_response_matches_raw_command_shape() -> None:
    text, literals = header_response(3, 42, "Réunion", tricky=True)
    data = wire([(text, literals), (b"* 4 EXISTS", [])])
    assert split_response(data, 0) == (text, literals, len(wire([(text, literals)])))
    with pytest.raises(errors.ProtocolError):
        split_response(data[:60], 0)  # cut inside the literal


def test_broken_response_in_a_chunk_is_a_protocol_error() -> None:
    with pytest.raises(errors.ProtocolError):
        HeaderCollector().feed_chunk(b"* 1 FETCH (UID 1 FLAGS (\\Seen) RFC822.SIZE (x))\r\n")


# --- the helper processes --------------------------------------------------------------------------
def _rows(store: Store) -> list[object]:
    return store._q("SELECT uid, flags, subject, from_name, from_addr, date, message_id FROM messages ORDER BY uid")


def test_loader_processes_store_what_the_thread_would(tmp_path) -> None:  # type: ignore[no-untyped-def]
    responses = [header_response(n, n, f"Conseil de classe n°{n}") for n in range(1, 1201)]
    responses.insert(600, other_response(0, 7))  # an unsolicited flag change on the way
    chunks = [wire(responses[i:i + 100]) for i in range(0, len(responses), 100)]
    with Store(tmp_path / "helpers.sqlite3") as store:
        bulk = store.begin_bulk_load("INBOX", 1200)
        loader = HeaderLoader(store.path, "INBOX", bulk=bulk, commit_every=250)
        seen = []
        for chunk in chunks:
            loader.feed(chunk)
            if loader.progress():
                seen.append(loader.stored)
        assert loader.finish() == 1200
        store.end_bulk_load()
        with Store(tmp_path / "thread.sqlite3") as reference:
            collector = HeaderCollector()
            for chunk in chunks:
                collector.feed_chunk(chunk)
            reference.put_headers("INBOX", collector.rows)
            reference.set_flags("INBOX", collector.flag_updates)
            assert _rows(store) == _rows(reference)
        assert store.flags_of("INBOX")[7] == (fp.FLAGGED, "")
        assert seen == sorted(seen) and all(n <= 1200 for n in seen)
    assert loader_processes() == []


def test_loader_reports_a_parse_error_typed_and_leaves_no_process(tmp_path) -> None:  # type: ignore[no-untyped-def]
    with Store(tmp_path / "c.sqlite3") as store:
        loader = HeaderLoader(store.path, "INBOX", bulk=False, commit_every=100)
        loader.feed(wire([header_response(1, 1, "ok")]))
        loader.feed(b"* 2 FETCH (UID 2 FLAGS (\\Seen) RFC822.SIZE (x))\r\n")
        with pytest.raises(errors.ProtocolError):
            loader.finish(timeout=60)
        loader.close()
        assert store.count("INBOX") == 0  # nothing half-done is committed after the error
    assert loader_processes() == []


def test_loader_reports_a_cache_error(tmp_path) -> None:  # type: ignore[no-untyped-def]
    with Store(tmp_path / "c.sqlite3") as store:
        store.conn.execute("DROP TABLE messages_fts")  # the writer's FTS insert now fails
        loader = HeaderLoader(store.path, "INBOX", bulk=False, commit_every=100)
        loader.feed(wire([header_response(1, 1, "ok")]))
        with pytest.raises(errors.StoreError):
            loader.finish(timeout=60)
    assert loader_processes() == []


def test_closing_a_loader_midway_stops_its_processes(tmp_path) -> None:  # type: ignore[no-untyped-def]
    with Store(tmp_path / "c.sqlite3") as store:
        loader = HeaderLoader(store.path, "INBOX", bulk=False, commit_every=100)
        loader.feed(wire([header_response(n, n, "x") for n in range(1, 50)]))
        loader.close()  # e.g. the session was lost: the sync's finally closes the loader
    assert loader_processes() == []


def test_a_killed_writer_is_a_cache_error_not_a_hang(tmp_path) -> None:  # type: ignore[no-untyped-def]
    with Store(tmp_path / "c.sqlite3") as store:
        loader = HeaderLoader(store.path, "INBOX", bulk=False, commit_every=100)
        loader._writer.process.kill()  # e.g. the system's out-of-memory killer
        loader._writer.process.join(5)
        chunk = wire([header_response(n, n, "x" * 200) for n in range(1, 400)])
        with pytest.raises(errors.StoreError):
            for _ in range(50):  # the parser notices at its first batch; the pipes then close
                loader.feed(chunk)
            loader.finish(timeout=30)
        loader.close()
    assert loader_processes() == []
