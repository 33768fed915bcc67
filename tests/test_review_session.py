"""Review sessions on the seed pair's gold alignment: operations, undo/redo, errors, file."""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path

import pytest
from conftest import GOLD, needs_shared
from review_helpers import gold_result, gold_session

from untm.errors import ReviewError, SessionFileError, UntmError
from untm.review import (
    Bookmark,
    Confirm,
    ConfirmUpTo,
    Detach,
    EditText,
    JoinSegments,
    Merge,
    ShiftFirst,
    ShiftLast,
    SplitLink,
    SplitSegment,
    Status,
    apply,
    change_view,
    check_session,
    dumps_session,
    find_link,
    links_view,
    load_session,
    loads_session,
    op_from_json,
    op_to_json,
    plot_view,
    redo,
    save_session,
    search,
    summary_view,
    undo,
    utf16_offset_to_index,
)
from untm.review.session import Session, new_session

pytestmark = needs_shared(GOLD)


@pytest.fixture(scope="module")
def session() -> Session:
    return gold_session()


def texts(s: Session, k: int) -> tuple[list[str], list[str]]:
    return s.link_texts(k, "src"), s.link_texts(k, "tgt")


def test_review_order_follows_the_links_where_the_english_crosses(session: Session) -> None:
    # gold links [16]:[21] [17]:[22] [18]:[19] [19]:[20]: the English footnotes stand elsewhere
    result = gold_result()
    assert len(session.links) == len(result.links)
    for k, link in enumerate(result.links):
        src, tgt = texts(session, k)
        assert src == [result.src_segments[i].text for i in link.src]
        assert tgt == [result.tgt_segments[j].text for j in link.tgt]
    origins = [seg.origin for seg in session.tgt.segments]
    assert origins[19:23] == [21, 22, 19, 20]
    assert all(link.status is Status.AUTO for link in session.links)
    check_session(session)


def test_shift_first_and_last_move_one_segment_and_mark_both_links_edited(
    session: Session,
) -> None:
    before = texts(session, 4), texts(session, 5)
    s = apply(session, ShiftFirst(link=5, side="tgt"))
    assert texts(s, 4)[1] == before[0][1] + before[1][1]
    assert texts(s, 5) == (before[1][0], [])
    assert s.links[4].status is s.links[5].status is Status.EDITED
    s = apply(s, ShiftLast(link=4, side="tgt"))
    assert texts(s, 4) == before[0] and texts(s, 5) == before[1]


def test_a_link_emptied_by_a_shift_disappears(session: Session) -> None:
    assert session.links[0].kind == "0-1"
    s = apply(session, ShiftLast(link=0, side="tgt"))
    assert len(s.links) == len(session.links) - 1
    assert s.links[0].kind == "1-2"


def test_merge_split_detach(session: Session) -> None:
    s = apply(session, Merge(link=5))
    assert s.links[5].kind == "2-2" and len(s.links) == len(session.links) - 1
    s = apply(s, SplitLink(link=5, src_at=1, tgt_at=1))
    assert [link.kind for link in s.links] == [link.kind for link in session.links]
    assert s.state != session.state  # statuses now say edited
    s = apply(s, Detach(link=5, side="src"))
    assert (s.links[5].kind, s.links[6].kind) == ("0-1", "1-0")
    with pytest.raises(ReviewError, match="already a null link"):
        apply(s, Detach(link=5, side="tgt"))


def test_split_segment_renumbers_and_join_restores(session: Session) -> None:
    k = 10
    position = session.span(k).src_start
    text = session.src.segments[position].text
    cut = text.index("。") + 1 if "。" in text[:-1] else len(text) // 2
    s = apply(session, SplitSegment(side="src", segment=position, offset=cut))
    assert len(s.src.segments) == len(session.src.segments) + 1
    assert s.links[k].src == session.links[k].src + 1
    assert "".join(s.link_texts(k, "src")) == text
    assert s.span(k + 1).src_start == session.span(k + 1).src_start + 1
    assert s.src.segments[position].origin == s.src.segments[position + 1].origin
    check_session(s)
    joined = apply(s, JoinSegments(side="src", segment=position))
    assert joined.src.segments[position].text == text
    assert joined.links[k].src == session.links[k].src


def test_edit_text_confirm_bookmark(session: Session) -> None:
    s = apply(session, EditText(side="tgt", segment=3, text="Corrected text."))
    assert s.tgt.segments[3].text == "Corrected text."
    assert s.links[s.link_of("tgt", 3)].status is Status.EDITED
    s = apply(s, Confirm(link=2))
    assert s.links[2].status is Status.CONFIRMED
    s = apply(s, ConfirmUpTo(link=6))
    assert all(link.status is Status.CONFIRMED for link in s.links[:7])
    assert s.links[7].status is Status.AUTO
    s = apply(s, Bookmark(link=7))
    assert s.links[7].bookmark
    assert find_link(s, "bookmark") == 7
    assert find_link(s, "unconfirmed", 0) == 7


@pytest.mark.parametrize(
    ("op", "message"),
    [
        (ShiftFirst(link=0, side="src"), "no previous link"),
        (ShiftLast(link=10_000, side="src"), "no link 10000"),
        (ShiftFirst(link=2, side="src"), "link 2 has no source segment"),  # gold [ ]:[2]
        (Merge(link=-1), "no link -1"),
        (SplitLink(link=5, src_at=0, tgt_at=0), "leaves one part empty"),
        (SplitLink(link=5, src_at=2, tgt_at=0), "use 0..1"),
        (EditText(side="src", segment=0, text="  "), "cannot be empty"),
        (EditText(side="src", segment=0, text="a\nb"), "line break"),
        (SplitSegment(side="tgt", segment=5, offset=0), "cannot split"),
        (JoinSegments(side="tgt", segment=5), "last of its link"),
        (EditText(side="tgt", segment=99_999, text="x"), "no target segment"),
    ],
)
def test_invalid_requests_raise_and_change_nothing(
    session: Session, op: object, message: str
) -> None:
    snapshot = dumps_session(session)
    with pytest.raises(ReviewError, match=message):
        apply(session, op)  # type: ignore[arg-type]
    assert dumps_session(session) == snapshot


def test_confirm_twice_and_empty_undo_redo_are_errors(session: Session) -> None:
    s = apply(session, Confirm(link=3))
    with pytest.raises(ReviewError, match="already confirmed"):
        apply(s, Confirm(link=3))
    with pytest.raises(ReviewError, match="nothing to undo"):
        undo(session)
    with pytest.raises(ReviewError, match="nothing to redo"):
        redo(s)
    s = apply(s, ConfirmUpTo(link=3))
    with pytest.raises(ReviewError, match="links 0 to 2 are all confirmed"):
        apply(s, ConfirmUpTo(link=2))


def test_undo_redo_and_a_new_step_drops_the_redo_tail(session: Session) -> None:
    a = apply(session, Merge(link=3))
    b = apply(a, Confirm(link=0))
    assert undo(b).state == a.state and undo(undo(b)).state == session.state
    assert redo(undo(b)).state == b.state
    c = apply(undo(b), Bookmark(link=1))
    assert len(c.history) == 2 and not c.can_redo
    assert [b.revision, undo(b).revision] == [2, 3]
    assert change_view(b)["start"] == 0 and change_view(b)["stop"] == 1
    assert summary_view(undo(b))["redo"] == {"op": "confirm", "link": 0}


def test_op_json_round_trip_and_bad_requests() -> None:
    for op in (ShiftFirst(3, "tgt"), SplitLink(2, 1, 0), EditText("src", 4, "文本"), Merge(0)):
        assert op_from_json(op_to_json(op)) == op
    assert op_from_json('{"op": "realign"}') == op_from_json('{"op":"realign","keep_edited":true}')
    for bad, message in [
        ("[1]", "must be a JSON object"),
        ('{"op": "explode"}', "unknown operation"),
        ('{"op": "merge"}', "needs 'link'"),
        ('{"op": "merge", "link": true}', "must be an integer"),
        ('{"op": "merge", "link": "3"}', "must be an integer"),
        ('{"op": "merge", "link": 3, "path": "/etc/passwd"}', "unknown field 'path'"),
        ('{"op": "detach", "link": 3, "side": "fr"}', "must be \"src\" or \"tgt\""),
        ("{", "not JSON"),
    ]:
        with pytest.raises(ReviewError, match=message):
            op_from_json(bad)


def test_views(session: Session) -> None:
    view = links_view(session, 18, 22)
    assert [link["n"] for link in view["links"]] == [18, 19, 20, 21]
    assert view["links"][0]["src"][0]["i"] == session.span(18).src_start
    assert json.loads(json.dumps(view)) == view
    plot = plot_view(session)
    assert len(plot["score"]) == len(session.links) and set(plot["status"]) == {"a"}
    summary = summary_view(session)
    assert summary["sides"]["src"]["segments"] == len(session.src.segments)
    assert links_view(session, 10_000)["links"] == []


def test_furniture_of_a_pdf_side_is_placed_by_page() -> None:
    """As on the static review page: the PDF reader records a furniture item's page."""
    result = gold_result()
    pdf = dataclasses.replace(result, settings={**result.settings, "src": "report.PDF"})
    sides = summary_view(new_session(pdf))["sides"]
    assert (sides["src"]["furniture_place"], sides["tgt"]["furniture_place"]) == ("page", "line")


def test_low_confidence_means_a_link_with_both_sides(session: Session) -> None:
    """A null link with a low score is a null link, not a low-confidence one: the jump and the
    count agree with the editor's page and the static review page."""
    null_at = find_link(session, "null")
    assert null_at is not None
    pair_at = next(k for k, link in enumerate(session.links) if not link.is_null)
    links = list(session.links)
    for k in (null_at, pair_at):
        links[k] = dataclasses.replace(links[k], score=0.1)
    lowered = dataclasses.replace(session, links=tuple(links))
    assert find_link(lowered, "low") == pair_at
    assert find_link(lowered, "low", pair_at) == pair_at  # going round: the only one
    assert summary_view(lowered)["low"] == 1


def test_find_and_search(session: Session) -> None:
    assert find_link(session, "null") == 0
    assert find_link(session, "null", 0) == 2
    assert find_link(session, "null", 0, backward=True) == max(
        k for k, link in enumerate(session.links) if link.is_null
    )
    assert find_link(session, "low") is None  # gold links have score 1
    with pytest.raises(ReviewError, match="cannot look for"):
        find_link(session, "wrong")
    hits = search(session, r"UN-Habitat|人居署")
    assert hits and {h.side for h in hits} == {"src", "tgt"}
    first = hits[0]
    text = session.side(first.side).segments[first.segment].text
    assert text[first.start : first.end] in ("UN-Habitat", "人居署")
    assert search(session, "人居署", sides=("tgt",)) == []
    assert search(session, "un-habitat", ignore_case=False) == []
    assert len(search(session, "e", limit=5)) == 5
    for bad in ("(", "a{2,1}", "x" * 2000, ""):
        with pytest.raises(ReviewError):
            search(session, bad)
    with pytest.raises(ReviewError, match="longer than"):
        search(session, r"(\w+\s?)*$", seconds=0.05)


def test_utf16_offsets() -> None:
    text = "a𠀀b"  # one astral character: two UTF-16 units
    assert [utf16_offset_to_index(text, n) for n in (0, 1, 3, 4)] == [0, 1, 2, 3]


def test_save_load_round_trip_with_history(session: Session, tmp_path: Path) -> None:
    s = apply(session, SplitSegment(side="tgt", segment=5, offset=10))
    s = apply(s, Merge(link=7))
    s = apply(s, Bookmark(link=9))
    s = undo(s)
    path = tmp_path / "seed.review.json"
    save_session(s, path)
    loaded = load_session(path)
    assert loaded == s
    assert redo(loaded).state == redo(s).state
    assert dumps_session(loaded) == path.read_text(encoding="utf-8")


def _corrupt(text: str, change: object) -> str:
    data = json.loads(text)
    change(data)  # type: ignore[operator]
    return json.dumps(data)


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (lambda d: d.update(format="other"), "not a review session"),
        (lambda d: d.update(version=99), "unsupported session version 99"),
        (lambda d: d["links"].pop(), "links: the links cover"),
        (lambda d: d["links"][3].update(status="great"), r"links\[3\].status: expected one of"),
        (lambda d: d["links"][3].update(score=2), r"links\[3\].score"),
        (lambda d: d["links"][3].update(src=-1), r"links\[3\].src"),
        (lambda d: d["links"][3].update(src=0, tgt=0), r"links\[3\]: a link needs"),
        (lambda d: d["src"]["segments"][2].pop("text"), r"src.segments\[2\].text: missing"),
        (lambda d: d["src"]["segments"][2].update(kind="x"), r"src.segments\[2\].kind"),
        (lambda d: d["history"].update(done=5), "history"),
        (lambda d: d["history"]["steps"][0]["links"].update(start=40), r"steps\[0\]"),
        (lambda d: d["history"]["steps"][0].update(op={"op": "nuke"}), r"steps\[0\].op"),
        (lambda d: d.update(settings=[1]), "settings"),
        (lambda d: d.pop("revision"), "revision: missing"),
    ],
)
def test_a_corrupt_session_file_is_one_typed_error(
    session: Session, tmp_path: Path, change: object, message: str
) -> None:
    s = apply(session, Merge(link=3))
    path = tmp_path / "bad.json"
    path.write_text(_corrupt(dumps_session(s), change), encoding="utf-8")
    with pytest.raises(SessionFileError, match=message) as info:
        load_session(path)
    assert str(info.value).startswith(str(path)) and "\n" not in str(info.value)


def test_unreadable_session_files(tmp_path: Path) -> None:
    cases = [(b"{", "bad JSON"), (b"\xff\xfe", "not UTF-8"), (b"[]", "not a review")]
    for content, message in cases:
        path = tmp_path / "x.json"
        path.write_bytes(content)
        with pytest.raises(SessionFileError, match=message):
            load_session(path)
    with pytest.raises(UntmError, match="file not found"):
        load_session(tmp_path / "missing.json")
    with pytest.raises(SessionFileError):
        loads_session('{"format": "untm-review-session", "version": 1}')


def test_edited_text_that_could_not_be_saved_is_refused(session: Session) -> None:
    for bad in ("tab\there", "lone \ud800 surrogate", "zero\u200bwidth", "non\ufffe"):
        with pytest.raises(ReviewError, match="control or format character"):
            apply(session, EditText(side="tgt", segment=1, text=bad))
    edited = apply(session, EditText(side="tgt", segment=1, text="私用区 \ue000 and 𠀀 are kept"))
    assert loads_session(dumps_session(edited)) == edited


def test_search_sides_are_checked(session: Session) -> None:
    with pytest.raises(ReviewError, match="search sides"):
        search(session, "a", sides=("fr",))  # type: ignore[arg-type]


def test_session_from_files_records_names_paths_and_settings() -> None:
    from untm.pipeline import AlignOptions
    from untm.review import session_from_files

    zh, en = GOLD / "000_a932ec9d51e334cb.zh", GOLD / "000_a932ec9d51e334cb.en"
    s = session_from_files(zh, en, AlignOptions(presegmented=True, mode="fast"))
    check_session(s)
    assert (s.src.name, s.tgt.name) == (zh.name, en.name)
    assert (s.src.path, s.tgt.path) == (str(zh), str(en))
    assert s.settings_dict()["mode"] == "fast" and s.src.locale == "zh-CN"
    assert len(s.src.segments) == len(zh.read_text(encoding="utf-8").splitlines())
