"""Charset labels to Python codecs the way browsers read them (the WHATWG Encoding Standard).

Mail software labels text with the legacy name while writing the superset: "gb2312" bodies hold GBK
characters, "iso-8859-1" ones hold Windows quotes and the euro sign, "ks_c_5601-1987" is Windows'
cp949. Decoding with the strict legacy codec shows U+FFFD where every browser and webmail shows the
right character, so every body and every encoded word is decoded through `decode_text`.
"""

from __future__ import annotations

import codecs
from functools import lru_cache

# Label (lower case) -> the codec a browser really uses (WHATWG "encodings" table, Python names).
_SUPERSETS = {
    "us-ascii": "cp1252", "ascii": "cp1252", "ansi_x3.4-1968": "cp1252", "iso-ir-6": "cp1252",
    "iso-8859-1": "cp1252", "iso8859-1": "cp1252", "iso_8859-1": "cp1252", "latin1": "cp1252",
    "latin-1": "cp1252", "l1": "cp1252", "cp819": "cp1252", "ibm819": "cp1252", "x-cp1252": "cp1252",
    "iso-8859-9": "cp1254", "iso8859-9": "cp1254", "latin5": "cp1254", "l5": "cp1254",
    "iso-8859-11": "cp874", "tis-620": "cp874", "windows-874": "cp874",
    "gb2312": "gb18030", "gbk": "gb18030", "x-gbk": "gb18030", "gb_2312-80": "gb18030", "cp936": "gb18030",
    "chinese": "gb18030", "csgb2312": "gb18030", "euc-cn": "gb18030", "x-euc-cn": "gb18030",
    "ks_c_5601-1987": "cp949", "ks_c_5601-1989": "cp949", "ksc5601": "cp949", "ksc_5601": "cp949",
    "euc-kr": "cp949", "korean": "cp949", "csksc56011987": "cp949", "windows-949": "cp949",
    "shift_jis": "cp932", "shift-jis": "cp932", "sjis": "cp932", "x-sjis": "cp932", "ms_kanji": "cp932",
    "windows-31j": "cp932", "csshiftjis": "cp932",
    "big5": "big5hkscs", "big5-hkscs": "big5hkscs", "x-x-big5": "big5hkscs", "cn-big5": "big5hkscs",
    "iso-8859-8-i": "iso-8859-8", "csiso88598i": "iso-8859-8", "logical": "iso-8859-8",
    "unicode-1-1-utf-8": "utf-8", "utf8": "utf-8", "x-unicode20utf8": "utf-8",
    "x-mac-roman": "mac_roman", "macintosh": "mac_roman", "mac": "mac_roman",
    "x-mac-cyrillic": "mac_cyrillic", "x-mac-ukrainian": "mac_cyrillic",
    "koi": "koi8_r", "koi8": "koi8_r", "koi8-u": "koi8_u", "koi8-ru": "koi8_u",
}
# Labels that name no text encoding a mail body can be trusted with.
_REFUSED = {"unknown-8bit", "x-unknown", "unknown", "default", "8bit", "binary", "x-user-defined",
            "replacement", "hz-gb-2312", "iso-2022-cn", "iso-2022-cn-ext"}


@lru_cache(maxsize=256)
def python_codec(label: str | None) -> str | None:
    """The codec to decode text labelled `label` with, or None when the label is unusable."""
    if not label:
        return None
    name = label.strip().strip("\"'").lower().split("*", 1)[0]  # RFC 2231 language suffix
    if not name or name in _REFUSED or len(name) > 40:
        return None
    name = _SUPERSETS.get(name, name)
    try:
        codec = codecs.lookup(name)
    except (LookupError, ValueError, TypeError):  # unknown, or a NUL in the label
        return None
    if not getattr(codec, "_is_text_encoding", True):  # base64_codec, rot13...: not charsets
        return None
    return _SUPERSETS.get(codec.name, codec.name)


def decode_text(data: bytes, label: str | None) -> str:
    """Bytes labelled `label` -> text, never an exception: an unusable label is read as UTF-8 when
    the bytes are valid UTF-8, else as windows-1252 (what a browser does with unlabelled mail)."""
    codec = python_codec(label)
    if codec is not None:
        return data.decode(codec, "replace")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return data.decode("cp1252", "replace")
