"""Display-name spoofing and mixed-script domains (issue 8, item 14)."""

import re
import subprocess
import sys

from hypothesis import given
from hypothesis import strategies as st

from acmail_desktop.core.addresses import SenderWarning, describe_sender, mixed_script


def test_display_name_pretending_to_be_an_address() -> None:
    shown = describe_sender("support@ac-versailles.fr", "x@evil.tld")
    assert SenderWarning.NAME_HAS_OTHER_ADDRESS in shown.warnings
    assert shown.text == "support@ac-versailles.fr <x@evil.tld>"


def test_honest_sender_has_no_warning() -> None:
    shown = describe_sender("François Durand", "francois.durand@ac-aix-marseille.fr")
    assert shown.warnings == () and shown.text.endswith("<francois.durand@ac-aix-marseille.fr>")
    assert describe_sender("x@a.fr", "x@a.fr").warnings == ()


def test_mixed_script_domain_shown_in_punycode() -> None:
    cyrillic_a = "\u0430"
    shown = describe_sender("Rectorat", f"dsden@{cyrillic_a}c-aix-marseille.fr")
    assert SenderWarning.MIXED_SCRIPT_DOMAIN in shown.warnings
    assert shown.address.startswith("dsden@xn--") and cyrillic_a not in shown.address
    # The same domain arriving already in punycode is decoded, checked and kept in punycode.
    shown_ascii = describe_sender("", "dsden@" + f"{cyrillic_a}c-aix-marseille.fr".encode("idna").decode())
    assert SenderWarning.MIXED_SCRIPT_DOMAIN in shown_ascii.warnings


def test_single_script_idn_is_readable() -> None:
    shown = describe_sender("", "contact@éducation.fr")
    assert shown.address == "contact@éducation.fr" and shown.warnings == ()
    assert not mixed_script("éducation") and mixed_script("p\u0430ypal")


def test_invisible_characters_removed_from_name() -> None:
    assert describe_sender("Adm\u202ein", "a@b.fr").name == "Admin"


@given(st.text(max_size=40), st.text(max_size=40))
def test_never_raises(name: str, address: str) -> None:
    shown = describe_sender(name, address)
    local = address.rpartition("@")[0]
    # Invisible and control characters are written out (\\u202e), never applied to the display.
    written_out = re.sub(r"\\u([0-9a-f]{4})", lambda m: chr(int(m.group(1), 16)), shown.address)
    assert local in written_out, "the real address (its local part at least) is always shown"


def test_latin_letters_known_without_the_unicode_data() -> None:
    """The fast path (letter named LATIN) agrees with Scripts.txt for every letter it accepts."""
    from confusable_homoglyphs import categories

    from acmail_desktop.core.addresses import _is_latin_letter

    checked = 0
    for code in range(0x80, 0x110000):
        char = chr(code)
        if char.isalpha() and _is_latin_letter(char):
            assert categories.aliases_categories(char)[0] == "LATIN", hex(code)
            checked += 1
    assert checked > 1000  # é, ß, œ, ı, the Latin Extended blocks...


def test_french_names_never_load_the_unicode_data() -> None:
    """Issue 23: the message list describes every sender it paints, on the GUI thread; a French name
    must not import the confusables data there (a 40-180 ms stall of a cold sync), while a
    Cyrillic letter hidden in a Latin name is still caught."""
    code = (
        "import sys\n"
        "from acmail_desktop.core.addresses import describe_sender\n"
        "for name in ('Frédéric Lefèvre', 'Hélène Æsøp-Müller', 'Noël Çağlar', 'Ōtsuka Łukasz'):\n"
        "    assert not describe_sender(name, 'x@ac-local.fr').warnings, name\n"
        "assert 'confusable_homoglyphs' not in sys.modules, 'loaded for a Latin name'\n"
        "assert describe_sender('P\\u0430ul Martin', 'x@ac-local.fr').warnings\n"
        "assert 'confusable_homoglyphs' in sys.modules\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True, timeout=60)
