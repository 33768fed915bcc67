"""`untm review` serving the editor: the installed script as a user runs it (align ZH EN into a
session and serve; reopen; Ctrl-C saves and exits 0), and its one-line errors."""

from __future__ import annotations

import json
import socket
import urllib.error
import urllib.request
from pathlib import Path

import pytest
from conftest import SEED_EN, SEED_ZH
from review_helpers import UNTM, ReviewServer, children, gold_session
from typer.testing import CliRunner

from untm.cli import app
from untm.review import load_session, save_session


def _one_line_error(output: str) -> str:
    lines = [line for line in output.splitlines() if line.strip()]
    assert len(lines) == 1, output
    assert lines[0].startswith("untm: error: ") and "Traceback" not in output
    return lines[0]


@pytest.fixture
def session_file(tmp_path: Path) -> Path:
    path = tmp_path / "seed.review.json"
    save_session(gold_session(), path)
    return path


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["a", "b", "c"], "give ZH EN"),
        (["{session}", "--port", "70000"], "port 70000 is outside"),
        (["{session}", "-o", "{tmp}/x.pdf"], "unknown output format 'pdf'"),
        (["{session}", "-o", "{tmp}/nofolder/x.tmx"], "output folder does not exist"),
        (["{session}", "-o", "{session}"], "would overwrite an input"),
        (["{session}", "-o", "{tmp}/a.tmx", "-o", "{tmp}/a.tmx"], "same output is given twice"),
        (["{session}", "--format", "tsv"], "go with --export"),
        (["{tmp}/none.review.json", "--no-browser"], "file not found"),
        (["{zh}", "{en}", "--export", "{tmp}/x.tmx"], "--export works on one SESSION"),
        (["{zh}", "{en}", "-o", "{session_out}"], "already there; reopen it"),
    ],
)
def test_errors_are_one_line_with_exit_2_and_write_nothing(
    session_file: Path, tmp_path: Path, args: list[str], message: str
) -> None:
    before = sorted(p.name for p in tmp_path.iterdir())
    values = {"session": str(session_file), "tmp": str(tmp_path), "zh": str(SEED_ZH),
              "en": str(SEED_EN), "session_out": str(tmp_path / "seed.tmx")}  # fmt: skip
    result = CliRunner().invoke(app, ["review", *(a.format(**values) for a in args)])
    assert result.exit_code == 2, result.output
    assert message in _one_line_error(result.output)
    assert sorted(p.name for p in tmp_path.iterdir()) == before


def _get(url: str) -> tuple[int, bytes]:
    try:
        with urllib.request.urlopen(url, timeout=10) as resp:
            return resp.status, resp.read()
    except urllib.error.HTTPError as exc:
        return exc.code, exc.read()


def _other_address() -> str | None:
    """A non-loopback address of this machine, if it has one."""
    try:
        with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as s:
            s.connect(("192.0.2.1", 9))  # no packet is sent: only picks the outgoing interface
            address = str(s.getsockname()[0])
    except OSError:
        return None
    return None if address.startswith("127.") else address


@pytest.mark.skipif(not UNTM.exists(), reason="the untm script is not installed in this env")
def test_review_zh_en_aligns_into_a_session_serves_on_loopback_and_saves_on_ctrl_c(
    tmp_path: Path,
) -> None:
    (tmp_path / "out").mkdir()
    server = ReviewServer(SEED_ZH, SEED_EN, "-o", "out/seed.tmx", cwd=tmp_path)
    try:
        url, base, token, port = server.url, server.base, server.token, server.port
        assert url.startswith("http://127.0.0.1:") and "/?token=" in url
        session = tmp_path / "out" / "seed.review.json"
        # the seed's alignment, as many links as the aligner made (test_pipeline checks them against
        # the gold): this test is about serving and saving, so it pins no count of its own
        made = len(load_session(session).links)
        assert made > 50
        status, body = _get(f"{base}/api/state?token={token}")
        assert status == 200 and len(json.loads(body)["links"]) == made
        assert _get(f"{base}/api/state")[0] == 403
        assert _get(f"{base}/api/state?token=x{token}")[0] == 403
        other = _other_address()
        if other is not None:  # not reachable from another interface
            with pytest.raises(OSError), socket.create_connection((other, port), timeout=2):
                pass
        request = urllib.request.Request(
            f"{base}/api/op?token={token}", data=b'{"op": "merge", "link": 5}', method="POST",
            headers={"Content-Type": "application/json", "Origin": base},
        )  # fmt: skip
        with urllib.request.urlopen(request, timeout=10) as resp:
            assert resp.status == 200
        assert len(load_session(session).links) == made - 1  # the merge saved as it was made
        assert _get(f"{base}/api/search?q=Nairobi&token={token}")[0] == 200
        searcher = children(server.proc.pid)  # the search process, started with the server
        assert len(searcher) == 1
    finally:
        code, said = server.stop()
    assert code == 0, said
    assert f"session saved to {Path('out') / 'seed.review.json'}" in said
    assert "Traceback" not in said
    assert not Path(f"/proc/{searcher[0]}").exists()  # ended with the server
    reopened = load_session(tmp_path / "out" / "seed.review.json")
    assert len(reopened.links) == made - 1 and reopened.revision == 1
    assert not (tmp_path / "out" / "seed.tmx").exists()  # nothing exported unless asked


def test_a_taken_port_fails_before_aligning(tmp_path: Path) -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen(1)
        port = taken.getsockname()[1]
        args = [str(SEED_ZH), str(SEED_EN), "-o", str(tmp_path / "o.tmx"), "--port", str(port)]
        result = CliRunner().invoke(app, ["review", *args])
    assert result.exit_code == 2
    assert f"cannot listen on 127.0.0.1:{port}" in _one_line_error(result.output)
    assert list(tmp_path.iterdir()) == []  # no session: nothing was aligned
