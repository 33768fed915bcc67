"""`untm tmx validate|stats|merge|convert` and `untm tm lookup` through the real CLI app."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from tests.test_tmx_gold import gold_units
from untm.cli import app
from untm.tmx.tmx14 import read_tmx, write_tmx
from untm.tmx.tsv import read_tsv
from untm.tmx.unit import TranslationUnit
from untm.tmx.xliff import read_xliff

runner = CliRunner()


def run(*args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, list(args))
    return result.exit_code, result.stdout, result.stderr


@pytest.fixture()
def small_tmx(tmp_path: Path) -> Path:
    path = tmp_path / "small.tmx"
    write_tmx(path, [
        TranslationUnit("联合国环境规划署", "UNEP", tuid="1", props=(("x-score", "0.9"),)),
        TranslationUnit("人居署", "UN-Habitat", tuid="2", props=(("x-score", "0.4"),)),
    ])
    return path


def test_validate_ok_and_invalid(tmp_path: Path, small_tmx: Path) -> None:
    code, out, _ = run("tmx", "validate", str(small_tmx))
    assert code == 0 and "valid TMX 1.4b" in out
    bad = tmp_path / "bad.tmx"
    bad.write_text(small_tmx.read_text("utf-8").replace('xml:lang="en-US"', 'lang="en-US"', 1)
                   .replace("<seg>人居署</seg>", "<seg> </seg>"), "utf-8")
    code, out, err = run("tmx", "validate", str(bad))
    assert code == 1
    assert "DTD warning: Element tuv required attribute xml:lang has no prefix" in out
    assert "empty <seg> (zh-CN)" in out
    assert "problem(s)" in err and "Traceback" not in out + err
    code, out, _ = run("tmx", "validate", "--json", str(bad))
    assert code == 1 and json.loads(out)["valid"] is False


def test_validate_missing_and_malformed(tmp_path: Path) -> None:
    code, _, err = run("tmx", "validate", str(tmp_path / "nope.tmx"))
    assert code == 2 and err.strip() == f"untm: error: {tmp_path / 'nope.tmx'}: file not found"
    broken = tmp_path / "broken.tmx"
    broken.write_text("<tmx>\n<header>\n</tmx>", "utf-8")
    code, out, _ = run("tmx", "validate", str(broken))
    assert code == 1 and "line 3: malformed XML" in out


def test_stats(small_tmx: Path) -> None:
    code, out, _ = run("tmx", "stats", "--json", str(small_tmx))
    data = json.loads(out)
    assert code == 0 and data["units"] == 2 and data["scores"]["scored"] == 2
    code, out, _ = run("tmx", "stats", str(small_tmx))
    assert code == 0 and "units: 2" in out and "x-score: 2 scored" in out


def test_merge(tmp_path: Path, small_tmx: Path) -> None:
    other = tmp_path / "other.tmx"
    write_tmx(other, [
        TranslationUnit("人居署", "UN-Habitat", tuid="9", props=(("x-score", "0.8"),)),
        TranslationUnit("秘书长", "Secretary-General"),
    ])
    out = tmp_path / "merged.tmx"
    code, stdout, _ = run("tmx", "merge", str(small_tmx), str(other), "-o", str(out), "--json")
    assert code == 0
    assert json.loads(stdout)["duplicates_removed"] == 1
    units = read_tmx(out).units
    assert [(u.source, u.tuid, u.prop("x-score")) for u in units] == [
        ("联合国环境规划署", "1", "0.9"), ("人居署", "9", "0.8"), ("秘书长", None, None)]
    code, _, err = run("tmx", "merge", str(small_tmx), "-o", str(small_tmx))
    assert code == 2 and "overwrite an input" in err
    code, _, err = run("tmx", "merge", str(small_tmx), "-o", str(tmp_path / "no" / "m.tmx"))
    assert code == 2 and "output folder does not exist" in err
    assert not (tmp_path / "no").exists()


def test_convert(tmp_path: Path, small_tmx: Path) -> None:
    for name, reader in (("o.tsv", read_tsv), ("o.xlf", read_xliff)):
        code, out, _ = run("tmx", "convert", str(small_tmx), "-o", str(tmp_path / name))
        assert code == 0, out
        assert [(u.source, u.target) for u in reader(tmp_path / name)] == [
            ("联合国环境规划署", "UNEP"), ("人居署", "UN-Habitat")]
    code, _, err = run("tmx", "convert", str(small_tmx), "-o", str(tmp_path / "o.doc"))
    assert code == 2 and "unknown output format" in err


def test_lookup_errors(tmp_path: Path, small_tmx: Path) -> None:
    code, _, err = run("tm", "lookup", "人居", "--tm", str(tmp_path / "none.tmx"))
    assert code == 2 and "file not found" in err
    junk = tmp_path / "junk.tmx"
    junk.write_bytes(b"\x00\x01binary junk")
    code, out, err = run("tm", "lookup", "人居", "--tm", str(junk))
    assert code == 2 and err.startswith(f"untm: error: {junk}") and "Traceback" not in out + err
    code, _, err = run("tm", "lookup", "  ", "--tm", str(small_tmx))
    assert code == 2 and "empty lookup text" in err


def test_lookup_edited_seed_sentence(tmp_path: Path) -> None:
    units = gold_units()
    tmx = tmp_path / "gold.tmx"
    write_tmx(tmx, units)
    (target,) = [u for u in units if "三十多年" in u.source]
    query = target.source.replace("三十多年", "四十年").replace("（人居署）", "")
    code, out, _ = run("tm", "lookup", query, "--tm", str(tmx), "--top", "3", "--json")
    assert code == 0
    matches = json.loads(out)
    assert len(matches) == 3
    assert set(matches[0]) == {"source", "target", "score"}
    assert matches[0]["source"] == target.source and matches[0]["target"] == target.target
    assert 0 < matches[0]["score"] < 100
    assert matches[0]["score"] >= matches[1]["score"] >= matches[2]["score"]
    code, out, _ = run("tm", "lookup", query, "--tm", str(tmx), "-n", "1")
    assert code == 0 and target.target in out and "%" in out


BAD_INPUTS = {
    "missing": None,
    "empty": b"",
    "binary": bytes(range(256)) * 8,
    "folder": "dir",
    "not-tmx": b"<?xml version='1.0'?>\n<html><body/></html>",
}


@pytest.mark.parametrize("kind", sorted(BAD_INPUTS))
@pytest.mark.parametrize("command", ["validate", "stats", "merge", "convert", "lookup"])
def test_bad_inputs_give_one_clean_line_and_no_output(
    tmp_path: Path, command: str, kind: str
) -> None:
    bad = tmp_path / f"{kind}.tmx"
    content = BAD_INPUTS[kind]
    if content == "dir":
        bad.mkdir()
    elif isinstance(content, bytes):
        bad.write_bytes(content)
    out = tmp_path / "out.tmx"
    args = {
        "validate": ["tmx", "validate", str(bad)],
        "stats": ["tmx", "stats", str(bad)],
        "merge": ["tmx", "merge", str(bad), "-o", str(out)],
        "convert": ["tmx", "convert", str(bad), "-o", str(out)],
        "lookup": ["tm", "lookup", "人居署", "--tm", str(bad)],
    }[command]
    code, stdout, stderr = run(*args)
    assert code in (1, 2)
    assert "Traceback" not in stdout + stderr
    message = stdout if command == "validate" and kind not in ("missing", "folder") else stderr
    first = message.strip().splitlines()[0]
    assert str(bad) in first
    if command != "validate":
        assert len(stderr.strip().splitlines()) == 1
    assert not out.exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == [bad.name] * (kind != "missing")


def test_multilingual_tmx_languages_are_chosen_and_leftovers_reported(tmp_path: Path) -> None:
    tmx = tmp_path / "un6.tmx"
    tmx.write_text(
        """<tmx version="1.4"><header creationtool="x" creationtoolversion="1" segtype="sentence"
 o-tmf="x" adminlang="en" srclang="en-US" datatype="plaintext"/><body>
<tu><tuv xml:lang="en-US"><seg>Secretary-General</seg></tuv><tuv xml:lang="fr-FR">
<seg>Secrétaire général</seg></tuv><tuv xml:lang="zh-CN"><seg>秘书长</seg></tuv></tu>
</body></tmx>""",
        "utf-8",
    )
    out = tmp_path / "zh-en.tmx"
    code, _, err = run("tmx", "convert", str(tmx), "-o", str(out), "--src-lang", "zh",
                       "--tgt-lang", "en")
    assert code == 0 and "1 <tuv>(s) in other languages left out" in err
    (unit,) = read_tmx(out).units
    assert (unit.source, unit.target, unit.src_lang) == ("秘书长", "Secretary-General", "zh-CN")
    code, out_text, _ = run("tm", "lookup", "秘书长", "--tm", str(tmx), "--src-lang", "zh-CN",
                            "--tgt-lang", "fr", "--json")
    assert code == 0 and json.loads(out_text)[0]["target"] == "Secrétaire général"
    code, out_text, _ = run("tmx", "stats", str(tmx), "--json", "--tgt-lang", "zh")
    assert json.loads(out_text)["language_pairs"] == {"en-US→zh-CN": 1}


@pytest.mark.parametrize("command", ["validate", "stats", "merge", "convert", "lookup"])
def test_external_entity_never_leaks_through_any_command(tmp_path: Path, command: str) -> None:
    xxe = tmp_path / "xxe.tmx"
    xxe.write_text(
        '<?xml version="1.0"?>\n<!DOCTYPE tmx [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>\n'
        '<tmx version="1.4"><header srclang="zh-CN"/><body><tu><tuv xml:lang="zh-CN">'
        '<seg>&xxe;人居署</seg></tuv><tuv xml:lang="en"><seg>&xxe;</seg></tuv></tu></body></tmx>',
        "utf-8",
    )
    out = tmp_path / "out.tsv"
    args = {
        "validate": ["tmx", "validate", "--json", str(xxe)],
        "stats": ["tmx", "stats", "--json", str(xxe)],
        "merge": ["tmx", "merge", str(xxe), "-o", str(tmp_path / "m.tmx")],
        "convert": ["tmx", "convert", str(xxe), "-o", str(out)],
        "lookup": ["tm", "lookup", "人居署", "--tm", str(xxe), "--json"],
    }[command]
    code, stdout, stderr = run(*args)
    assert code in (1, 2)
    assert "entities" in stdout + stderr
    assert "root:" not in stdout + stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == ["xxe.tmx"]
