"""`untm glossary ...` through the real CLI app: exit codes, messages, files."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from untm.cli import app
from untm.glossary.builtin import builtin_concepts
from untm.tmx.unit import TranslationUnit

runner = CliRunner()


@pytest.fixture(autouse=True)
def _private_store(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Never touch the real user glossary: point $UNTM_GLOSSARY at a temporary file."""
    path = tmp_path / "user.sqlite3"
    monkeypatch.setenv("UNTM_GLOSSARY", str(path))
    return path


def _run(*args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, list(args))
    return result.exit_code, result.stdout, result.stderr


@pytest.mark.parametrize(
    ("term", "expected"),
    [
        ("人居署", "UN-Habitat"),
        ("UN-Habitat", "人居署"),
        ("UNEP", "环境署"),
        ("Global Environment Facility", "全环基金"),
        ("CEB", "首协会"),
        ("执行主任", "Executive Director"),
    ],
)
def test_lookup_both_directions(term: str, expected: str) -> None:
    code, out, _ = _run("glossary", "lookup", term)
    assert code == 0
    assert expected in out and "(exact)" in out


def test_lookup_json_and_fuzzy_marked() -> None:
    code, out, _ = _run("glossary", "lookup", "United Nations Enviroment Programme", "--json")
    assert code == 0
    data = json.loads(out)
    assert data["found"] and data["matches"][0]["match"] == "fuzzy"
    assert "环境署" in data["matches"][0]["zh"]


def test_lookup_composed() -> None:
    code, out, _ = _run("glossary", "lookup", "人居署执行主任")
    assert code == 0
    assert "composed of 2 known terms" in out and "Executive Director" in out


def test_lookup_miss_exits_1_with_suggestions() -> None:
    code, out, err = _run("glossary", "lookup", "Global Environment Fund for Cities")
    assert code == 1
    assert "no glossary entry" in err and "did you mean" in err
    assert "Traceback" not in out + err


def test_add_lookup_remove_cycle(tmp_path: Path) -> None:
    store = tmp_path / "mine.sqlite3"
    code, _, _ = _run(
        "glossary",
        "add",
        "城市股",
        "Cities Unit",
        "--en-variant",
        "CU",
        "--domain",
        "unep",
        "--glossary",
        str(store),
    )
    assert code == 0
    code, out, _ = _run("glossary", "lookup", "CU", "--glossary", str(store), "--no-fuzzy")
    assert code == 0 and "城市股" in out and "user" in out
    code, _, _ = _run("glossary", "remove", "Cities Unit", "--glossary", str(store))
    assert code == 0
    code, _, _ = _run("glossary", "lookup", "CU", "--glossary", str(store), "--no-fuzzy")
    assert code == 1
    code, _, err = _run("glossary", "remove", "no such term at all", "--glossary", str(store))
    assert code == 1 and "no glossary entry" in err


def test_remove_builtin_hides_it(_private_store: Path) -> None:
    assert _run("glossary", "remove", "首协会")[0] == 0
    assert _run("glossary", "lookup", "CEB", "--no-fuzzy")[0] == 1
    assert _private_store.exists()


def test_export_tbx_import_into_empty_restores(tmp_path: Path) -> None:
    tbx = tmp_path / "un.tbx"
    code, out, _ = _run("glossary", "export", "-o", str(tbx), "--json")
    assert code == 0 and json.loads(out)["concepts"] == len(builtin_concepts()) >= 150
    empty = tmp_path / "empty.sqlite3"
    code, out, _ = _run("glossary", "import", str(tbx), "--glossary", str(empty), "--json")
    assert code == 0
    summary = json.loads(out)
    assert summary["added"] == len(builtin_concepts()) and summary["skipped_entries"] == 0
    original, restored = tmp_path / "a.csv", tmp_path / "b.csv"
    assert _run("glossary", "export", "-o", str(original))[0] == 0
    assert (
        _run("glossary", "export", "-o", str(restored), "--user-only", "--glossary", str(empty))[0]
        == 0
    )
    assert restored.read_text(encoding="utf-8") == original.read_text(encoding="utf-8")


def test_info_counts_layers(_private_store: Path) -> None:
    code, out, _ = _run("glossary", "info", "--json")
    data = json.loads(out)
    assert code == 0 and data["user"] == 0 and not data["store_exists"]
    assert data["total"] == data["builtin"] == len(builtin_concepts())
    _run("glossary", "add", "测试机构", "Test Agency")
    _run("glossary", "remove", "UNEP")
    data = json.loads(_run("glossary", "info", "--json")[1])
    assert data["user"] == 1 and data["hidden_builtin"] == 1
    assert data["total"] == len(builtin_concepts())
    assert data["store"] == str(_private_store)


def test_export_omegat_tsv(tmp_path: Path) -> None:
    out = tmp_path / "glossary.tsv"
    assert _run("glossary", "export", "-o", str(out))[0] == 0
    first = out.read_text(encoding="utf-8").splitlines()[0].split("\t")
    assert len(first) == 3 and first[2].startswith("[")


@pytest.mark.parametrize(
    "args",
    [
        ["glossary", "import", "{tmp}/missing.tbx"],
        ["glossary", "import", "{tmp}/binary.tsv"],
        ["glossary", "import", "{tmp}/empty.csv"],
        ["glossary", "export", "-o", "{tmp}/no/such/dir/out.tbx"],
        ["glossary", "export", "-o", "{tmp}/out.pdf"],
        ["glossary", "check", "{tmp}/missing.tmx"],
        ["glossary", "check", "{tmp}/binary.tsv"],
        ["glossary", "extract", "{tmp}/empty.csv"],
        ["glossary", "lookup", "x", "--glossary", "{tmp}/binary.tsv"],
        ["glossary", "add", "甲", "A", "--glossary", "{tmp}/no/such/dir/g.sqlite3"],
    ],
)
def test_bad_input_one_line_error(tmp_path: Path, args: list[str]) -> None:
    (tmp_path / "binary.tsv").write_bytes(bytes(range(256)) * 64)
    (tmp_path / "empty.csv").write_bytes(b"")
    argv = [a.replace("{tmp}", str(tmp_path)) for a in args]
    code, out, err = _run(*argv)
    assert code == 2, (out, err)
    lines = err.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("untm: error:")
    assert "Traceback" not in out + err
    assert not (tmp_path / "out.pdf").exists()
    assert not (tmp_path / "no").exists()


def test_check_flags_un_habitat_mistranslation(tmp_path: Path) -> None:
    from untm.tmx.tmx14 import write_tmx

    path = tmp_path / "t.tmx"
    write_tmx(
        path,
        [
            TranslationUnit("人居署和环境署开展合作。", "UN-Habitat and UNEP cooperate.", tuid="1"),
            TranslationUnit(
                "人居署和环境署开展合作。", "The Habitat Programme and UNEP cooperate.", tuid="2"
            ),
        ],
    )
    code, out, _ = _run("glossary", "check", str(path))
    assert code == 1
    assert "2: zh>en '人居署' expects" in out and "UN-Habitat" in out
    code, out, _ = _run("glossary", "check", str(path), "--json")
    data = json.loads(out)
    assert data["issues"] == 1 and data["items"][0]["tuid"] == "2"
    clean = tmp_path / "clean.tmx"
    write_tmx(
        clean, [TranslationUnit("人居署和环境署开展合作。", "UN-Habitat and UNEP cooperate.")]
    )
    assert _run("glossary", "check", str(clean))[0] == 0


def test_extract_on_seed_tmx(tmp_path: Path) -> None:
    from tests.test_glossary_mining import _gold_units
    from untm.tmx.tmx14 import write_tmx

    path = tmp_path / "seed.tmx"
    write_tmx(path, _gold_units())
    store = tmp_path / "g.sqlite3"
    for term in ("绿色城市伙伴关系", "方案发展处", "城市股"):
        assert _run("glossary", "remove", term, "--glossary", str(store))[0] == 0
    code, out, _ = _run(
        "glossary", "extract", str(path), "--top", "20", "--json", "--glossary", str(store)
    )
    assert code == 0
    pairs = {(p["zh"], p["en"]) for p in json.loads(out)["pairs"]}
    assert {
        ("绿色城市伙伴关系", "Greener Cities Partnership"),
        ("方案发展处", "Programme Development Branch"),
        ("城市股", "Cities Unit"),
    } <= pairs
    code, out, _ = _run("glossary", "extract", str(path), "--top", "5", "--glossary", str(store))
    assert code == 0 and "e.g." in out and "units;" in out


def test_import_of_a_bad_concept_id_is_a_clean_error_and_export_still_works(
    tmp_path: Path,
) -> None:
    tsv = tmp_path / "bad.tsv"
    tsv.write_text("人居署\tUN-Habitat\t[a\x01b]\n", encoding="utf-8")
    code, out, err = _run("glossary", "import", str(tsv))
    assert code == 2, (out, err)
    assert err.startswith("untm: error:") and "bad.tsv:1:" in err
    code, out, err = _run("glossary", "export", "-o", str(tmp_path / "x.tbx"))
    assert code == 0, (out, err)
