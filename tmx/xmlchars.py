"""Characters XML 1.0 cannot carry, and how untm keeps them out of every XML file it writes.

XML 1.0 allows only TAB, LF, CR, U+0020–U+D7FF, U+E000–U+FFFD and U+10000–U+10FFFF. Anything else
(C0 controls such as NUL or form feed, lone surrogates, U+FFFE/U+FFFF) makes a TMX or XLIFF file
unreadable to CAT tools (OmegaT rejects the whole TM). Writers call `clean_xml_text`, which removes
those characters and reports how many it removed, so the caller can count them.
"""

from __future__ import annotations

import re

_ILLEGAL = re.compile("[^\t\n\r\u0020-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def clean_xml_text(text: str) -> tuple[str, int]:
    """Return `text` without XML-illegal characters, and the number of characters removed."""
    cleaned, count = _ILLEGAL.subn("", text)
    return cleaned, count


def is_xml_text(text: str) -> bool:
    """True when every character of `text` may appear in an XML 1.0 document."""
    return _ILLEGAL.search(text) is None
