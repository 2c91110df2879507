"""A TCP proxy on 127.0.0.1 that behaves like a school's network link: delay and rate per direction.

Why: AcMail's users are not on loopback. A school link (40 ms round trip, 20 Mbit/s down, 5 up) or a
rural one (100 ms, 4/1 Mbit/s) changes which costs dominate — round trips and bytes, not CPU. The
benchmarks put this proxy in front of the test Dovecot and SMTP server so that each figure can be
set beside the link's own limit, computed from what the proxy counted in the same run.

The model is a store-and-forward link per direction: a chunk read from one side waits until the link
is free, occupies it for `len × 8 / rate` seconds, then arrives `rtt / 2` later. Order is kept, and a
burst of data is paced like a real bottleneck (no buffering trick makes a big FETCH free).

The proxy also counts, per connection and in total, the bytes each way and the *turns*: how many times
the traffic changed direction from client→server to server→client. A turn is one round trip the
client waited for, so `turns × rtt + bytes / rate` is the lower bound of any client on this link.
"""

from __future__ import annotations

import heapq
import socket
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field

CHUNK = 16 * 1024


@dataclass(frozen=True)
class LinkProfile:
    """One kind of link: round-trip time in seconds, rates in bits per second."""

    name: str
    rtt: float
    down_bps: float
    up_bps: float


SCHOOL = LinkProfile("école", 0.040, 20e6, 5e6)
RURAL = LinkProfile("zone rurale", 0.100, 4e6, 1e6)


@dataclass
class LinkCounters:
    """What crossed the link: bytes each way and client→server→client turns (round trips waited)."""

    bytes_up: int = 0
    bytes_down: int = 0
    turns: int = 0
    _last: str = field(default="", repr=False)

    def add(self, direction: str, size: int) -> None:
        if direction == "up":
            self.bytes_up += size
        else:
            self.bytes_down += size
            if self._last == "up":
                self.turns += 1
        self._last = direction

    def limit_seconds(self, link: LinkProfile) -> float:
        """The least time any client needs for this traffic on `link` (round trips + serialisation)."""
        return self.turns * link.rtt + self.bytes_down * 8 / link.down_bps + self.bytes_up * 8 / link.up_bps


class _Pipe:
    """One direction of one connection: a reader thread timestamps chunks, a writer delivers them."""

    def __init__(self, src: socket.socket, dst: socket.socket, rate_bps: float, delay: float,
                 on_bytes: Callable[[int], None], done: threading.Event) -> None:
        self.src, self.dst = src, dst
        self.rate, self.delay = rate_bps, delay
        self.on_bytes = on_bytes
        self.done = done
        self.queue: list[tuple[float, int, bytes]] = []
        self.cond = threading.Condition()
        self.link_free_at = 0.0
        self.seq = 0
        self.eof = False

    def start(self) -> None:
        threading.Thread(target=self._read, daemon=True).start()
        threading.Thread(target=self._write, daemon=True).start()

    def _read(self) -> None:
        try:
            while True:
                data = self.src.recv(CHUNK)
                if not data:
                    break
                now = time.monotonic()
                self.on_bytes(len(data))
                begin = max(now, self.link_free_at)
                self.link_free_at = begin + len(data) * 8 / self.rate
                with self.cond:
                    self.seq += 1
                    heapq.heappush(self.queue, (self.link_free_at + self.delay, self.seq, data))
                    self.cond.notify()
        except OSError:
            pass
        with self.cond:
            self.eof = True
            self.cond.notify()

    def _write(self) -> None:
        try:
            while True:
                with self.cond:
                    while not self.queue and not self.eof:
                        self.cond.wait()
                    if not self.queue:
                        break
                    due, _seq, data = self.queue[0]
                    wait = due - time.monotonic()
                    if wait > 0:
                        self.cond.wait(wait)
                        continue
                    heapq.heappop(self.queue)
                self.dst.sendall(data)
            self.dst.shutdown(socket.SHUT_WR)
        except OSError:
            pass
        finally:
            self.done.set()


class LinkProxy:
    """`with LinkProxy(target_port, SCHOOL) as proxy:` then connect to `proxy.port`.

    `counters` totals every connection; `reset()` zeroes them between measured steps."""

    def __init__(self, target_port: int, link: LinkProfile, target_host: str = "127.0.0.1") -> None:
        self.target = (target_host, target_port)
        self.link = link
        self.counters = LinkCounters()
        self._lock = threading.Lock()
        self._listener = socket.create_server(("127.0.0.1", 0))
        self.port: int = self._listener.getsockname()[1]
        self._open: list[socket.socket] = []
        self._closed = False

    def __enter__(self) -> LinkProxy:
        threading.Thread(target=self._accept, daemon=True).start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def reset(self) -> LinkCounters:
        """Return the counters so far and start new ones."""
        with self._lock:
            old, self.counters = self.counters, LinkCounters()
        return old

    def close(self) -> None:
        self._closed = True
        self._listener.close()
        for sock in self._open:
            try:
                sock.close()
            except OSError:
                pass

    def _count(self, direction: str) -> Callable[[int], None]:
        def add(size: int) -> None:
            with self._lock:
                self.counters.add(direction, size)
        return add

    def _accept(self) -> None:
        while not self._closed:
            try:
                client, _ = self._listener.accept()
            except OSError:
                return
            try:
                server = socket.create_connection(self.target)
            except OSError:
                client.close()
                continue
            for sock in (client, server):
                sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
            self._open += [client, server]
            half = self.link.rtt / 2
            done = threading.Event()
            _Pipe(client, server, self.link.up_bps, half, self._count("up"), done).start()
            _Pipe(server, client, self.link.down_bps, half, self._count("down"), done).start()
