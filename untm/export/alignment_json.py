"""The untm-alignment JSON document: segments, links with scores, furniture and the summary.

It holds everything an alignment found (also what a TMX leaves out), for scripts and for
re-reading: written from an alignment only.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from untm.export.model import AlignmentExport, OutputFormat, Written

if TYPE_CHECKING:
    from untm.aligner.model import AlignmentResult, Furniture, Segment
    from untm.pipeline import AlignOptions, LinkProps


def result_json(
    result: AlignmentResult,
    *,
    source_name: str,
    options: AlignOptions,
    link_props: LinkProps | None = None,
) -> str:
    """The JSON export: segments, links with scores (and `link_props` as "props", when given),
    furniture and the summary."""
    from untm.pipeline import summarize

    def segs(items: Sequence[Segment]) -> list[dict[str, Any]]:
        return [
            {"index": s.index, "text": s.text, "paragraph": s.paragraph, "kind": s.kind.value}
            for s in items
        ]

    def furn(items: Sequence[Furniture]) -> list[dict[str, Any]]:
        return [{"kind": f.kind, "text": f.text, "line": f.line} for f in items]

    data = {
        "format": "untm-alignment",
        "version": 1,
        "document": source_name,
        "languages": {"src": options.src_locale, "tgt": options.tgt_locale},
        "settings": dict(result.settings),
        "src_segments": segs(result.src_segments),
        "tgt_segments": segs(result.tgt_segments),
        "links": [
            {
                "src": list(link.src),
                "tgt": list(link.tgt),
                "score": round(link.score, 4),
                "type": link.kind,
                **({"props": dict(link_props[number])} if link_props is not None else {}),
            }
            for number, link in enumerate(result.links)
        ],
        "furniture": {"src": furn(result.src_furniture), "tgt": furn(result.tgt_furniture)},
        "summary": summarize(result).to_dict(),
    }
    return json.dumps(data, ensure_ascii=False, indent=1) + "\n"


def write_alignment(export: AlignmentExport, path: Path) -> Written:
    from untm.fileio import write_text_atomic

    text = result_json(
        export.result,
        source_name=export.source_name,
        options=export.options,
        link_props=export.link_props,
    )
    write_text_atomic(path, text)
    return Written()


FORMAT = OutputFormat("json", (".json",), "the whole alignment as JSON", write_alignment)
