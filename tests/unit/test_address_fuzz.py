"""Fuzzing the address parser (issue 8, item 20): only our typed errors, never a smuggled recipient."""

from hypothesis import given, settings
from hypothesis import strategies as st

from acmail_desktop.core import errors
from acmail_desktop.core.mime import parse_address_list

PIECES = st.sampled_from(["alice", "@", "ac-x.fr", "<", ">", "(", ")", '"', ",", ";", ":", " ", "\r\n",
                          "bob@evil.tld", "Élise", "\\", "[", "]", ".", "xn--bcher-kva.de", "\t"])


@settings(max_examples=500)
@given(st.lists(PIECES, max_size=12).map("".join) | st.text(max_size=80))
def test_parser_only_raises_typed_errors(text: str) -> None:
    try:
        addresses = parse_address_list(text)
    except (errors.InvalidAddress, errors.HeaderInjection):
        return
    for address in addresses:
        rendered = str(address)
        assert "\r" not in rendered and "\n" not in rendered
        assert rendered.count("@") >= 1
