"""Fuzzing the MIME renderer (issue 8, item 20): whatever the bytes, a rendering or a typed error.

Messages are built from a grammar of real header and MIME shapes, then mutated at the byte level,
so Hypothesis explores both plausible and broken structures.
"""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from acmail_desktop.core.render import InProcessConverter, RenderedMessage, render

HEADER_NAMES = ["From", "To", "Cc", "Subject", "Date", "Message-ID", "Content-Type",
                "Content-Transfer-Encoding", "Content-Disposition", "MIME-Version", "Reply-To"]
CONTENT_TYPES = ["text/plain", "text/html", "multipart/mixed; boundary=B", "multipart/alternative; boundary=B",
                 "message/rfc822", "application/pdf; name=\"x.pdf\"", "text/plain; charset=x-unknown",
                 "text/plain; charset=\"iso-2022-jp\"", "image/png; name*=utf-8''%2e%2e%2fa.png"]
ENCODINGS = ["7bit", "8bit", "base64", "quoted-printable", "x-uuencode", "binary", "bogus"]
VALUES = st.one_of(
    st.text(max_size=60),
    st.sampled_from(["=?utf-8?q?R=C3=A9union?=", "=?iso-8859-1?b?6Q==?=", "=?x?q?broken", "<a@b>",
                     "\"Nom, Prénom\" <a@b.fr>", "undisclosed-recipients:;", "unlisted-recipients:; (no To)",
                     "attachment; filename=\"../../evil.exe\"", "inline"]),
    st.sampled_from(CONTENT_TYPES),
    st.sampled_from(ENCODINGS),
)


@st.composite
def messages(draw: st.DrawFn) -> bytes:
    headers = draw(st.lists(st.tuples(st.sampled_from(HEADER_NAMES), VALUES), max_size=8))
    lines = [f"{name}: {value}" for name, value in headers]
    parts = draw(st.lists(st.tuples(st.sampled_from(CONTENT_TYPES), st.sampled_from(ENCODINGS),
                                    st.binary(max_size=200)), max_size=4))
    body = b"\r\n".join(
        b"--B\r\nContent-Type: " + ct.encode() + b"\r\nContent-Transfer-Encoding: " + enc.encode()
        + b"\r\n\r\n" + payload for ct, enc, payload in parts) + (b"\r\n--B--\r\n" if parts else b"")
    raw = "\r\n".join(lines).encode("utf-8", "surrogateescape") + b"\r\n\r\n" + body
    flips = draw(st.lists(st.tuples(st.integers(0, max(len(raw) - 1, 0)), st.integers(0, 255)), max_size=5))
    data = bytearray(raw)
    for position, value in flips:
        if data:
            data[position] = value
    return bytes(data)


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(messages())
def test_render_never_raises(raw: bytes) -> None:
    rendered = render(raw, converter=InProcessConverter())
    assert isinstance(rendered, RenderedMessage)
    assert "\n" not in rendered.subject and "\r" not in rendered.subject


@settings(max_examples=200, deadline=None)
@given(st.binary(max_size=2000))
def test_render_arbitrary_bytes(raw: bytes) -> None:
    assert isinstance(render(raw, converter=InProcessConverter()), RenderedMessage)
