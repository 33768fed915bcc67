"""The TMX `<header>`: the attributes every TMX 1.4b file must carry, with untm's defaults."""

from __future__ import annotations

import os
import time
from dataclasses import dataclass

from untm import __version__


def tmx_timestamp(epoch: float | None = None) -> str:
    """A TMX date (`YYYYMMDDThhmmssZ`, UTC).

    Without `epoch`, uses `SOURCE_DATE_EPOCH` when set (reproducible output), else the current time.
    """
    if epoch is None:
        env = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
        epoch = float(env) if env.isdigit() else time.time()
    return time.strftime("%Y%m%dT%H%M%SZ", time.gmtime(epoch))


@dataclass(frozen=True)
class TmxHeader:
    """The required header attributes of TMX 1.4b, plus header-level props and notes.

    `creationdate=None` means "stamp the time of writing" (see `tmx_timestamp`).
    """

    creationtool: str = "untm"
    creationtoolversion: str = __version__
    segtype: str = "sentence"
    o_tmf: str = "untm"
    adminlang: str = "en-US"
    srclang: str = "zh-CN"
    datatype: str = "plaintext"
    creationdate: str | None = None
    props: tuple[tuple[str, str], ...] = ()
    notes: tuple[str, ...] = ()

    def prop(self, name: str) -> str | None:
        """The value of the first header prop named `name`, or None."""
        for key, value in self.props:
            if key == name:
                return value
        return None
