"""The slow-link proxy of the benchmarks really delays, paces and counts (else its figures lie)."""

from __future__ import annotations

import socket
import threading
import time

from bench.linkproxy import LinkProfile, LinkProxy


def _echo_server() -> tuple[socket.socket, int]:
    listener = socket.create_server(("127.0.0.1", 0))

    def serve() -> None:
        conn, _ = listener.accept()
        with conn:
            while data := conn.recv(65536):
                conn.sendall(data)

    threading.Thread(target=serve, daemon=True).start()
    return listener, listener.getsockname()[1]


def _read_exactly(sock: socket.socket, size: int) -> bytes:
    chunks, got = [], 0
    while got < size:
        chunk = sock.recv(size - got)
        assert chunk, "connection closed early"
        chunks.append(chunk)
        got += len(chunk)
    return b"".join(chunks)


def test_round_trip_costs_the_rtt_and_bytes_cost_their_serialisation_time() -> None:
    listener, port = _echo_server()
    link = LinkProfile("test", rtt=0.100, down_bps=2e6, up_bps=2e6)
    with listener, LinkProxy(port, link) as proxy, socket.create_connection(("127.0.0.1", proxy.port)) as sock:
        started = time.monotonic()
        sock.sendall(b"ping")
        assert _read_exactly(sock, 4) == b"ping"
        small = time.monotonic() - started
        assert 0.095 <= small < 0.3, small  # one round trip, never less

        payload = bytes(range(256)) * 400  # 102,400 bytes: 0.41 s each way at 2 Mbit/s
        started = time.monotonic()
        sock.sendall(payload)
        assert _read_exactly(sock, len(payload)) == payload  # order and content kept
        big = time.monotonic() - started
        # Up and down are paced on their own links and overlap; never faster than one direction + RTT.
        assert big >= len(payload) * 8 / 2e6 + 0.095, big
        counters = proxy.reset()
    assert counters.bytes_up == counters.bytes_down == 4 + len(payload)
    assert counters.turns >= 2  # ping, then the payload (more if the echo overlapped the upload)
    assert counters.limit_seconds(link) >= 2 * 0.1 + 2 * len(payload) * 8 / 2e6
