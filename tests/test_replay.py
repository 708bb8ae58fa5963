"""Replay in report.html: a player per answer, words and timeline seek, the word follows.

A real answer (jfk.flac through tiny.en) is saved in a real session; its page is rendered, the
session folder copied elsewhere (as a user would), and the copy driven in headless Chromium by
a small script that clicks and posts what happened to a listener on 127.0.0.1 (real time, not
Chromium's virtual time: under load a virtual-time budget ran out before the audio had loaded).
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from tools import require_tool

from voice_coach import pipeline
from voice_coach.audio import load_audio, write_wav
from voice_coach.config import Config
from voice_coach.report import render_session_html
from voice_coach.store import Store

# Runs in the page after load: click the 6th word, click the timeline at 8.0 s, then move the
# audio to 3.0 s as playback would; record currentTime and the highlighted word after each, and
# post the record to RESULT_URL (a text/plain POST: no preflight from a file:// page).
PROBE_JS = """
window.addEventListener('load', function(){
  var sec=document.querySelector('section[data-audio]');
  var a=document.getElementById(sec.getAttribute('data-audio'));
  var res={};
  function out(){fetch('RESULT_URL',{method:'POST',mode:'no-cors',body:JSON.stringify(res)});}
  function curS(){var c=sec.querySelectorAll('.w.cur');res.n_cur=c.length;
    return c.length?parseFloat(c[0].getAttribute('data-s')):null;}
  function go(){
    res.ready=a.readyState; res.duration=a.duration; res.src=a.currentSrc.slice(0,30);
    var w=sec.querySelectorAll('.w[data-s]')[5]; w.click();
    res.word_s=parseFloat(w.getAttribute('data-s')); res.after_word=a.currentTime;
    res.cur_word=curS(); a.pause();
    var tl=sec.querySelector('.tl'), r=tl.getBoundingClientRect();
    var x0=+tl.getAttribute('data-x0'), x1=+tl.getAttribute('data-x1'), T=+tl.getAttribute('data-t');
    var f=x0+(x1-x0)*8.0/T;
    tl.dispatchEvent(new MouseEvent('click',{clientX:r.left+f*r.width,clientY:r.top+r.height/2,
                                             bubbles:true}));
    res.after_tl=a.currentTime; res.cur_tl=curS(); a.pause();
    a.addEventListener('seeked', function once(){a.removeEventListener('seeked', once);
      setTimeout(function(){res.follow_t=a.currentTime; res.cur_follow=curS(); out();}, 50);});
    a.currentTime=3.0;
  }
  if (a.readyState>=1) go(); else a.addEventListener('loadedmetadata', go);
});
"""


class _ResultListener:
    """An HTTP listener on 127.0.0.1 that keeps the body of the first POST it receives."""

    def __init__(self) -> None:
        self._got: list[str] = []
        self._event = threading.Event()
        outer = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:  # noqa: N802 (http.server's name)
                n = int(self.headers.get("Content-Length", 0))
                outer._got.append(self.rfile.read(n).decode())
                self.send_response(204)
                self.end_headers()
                outer._event.set()

            def log_message(self, *args) -> None:
                pass

        self._server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self._server.server_address[1]}/result"

    def __enter__(self) -> _ResultListener:
        threading.Thread(target=self._server.serve_forever, daemon=True).start()
        return self

    def __exit__(self, *exc) -> None:
        self._server.shutdown()
        self._server.server_close()

    def wait(self, timeout_s: float) -> str | None:
        """The posted body, or None when nothing came within `timeout_s` (real) seconds."""
        return self._got[0] if self._event.wait(timeout_s) else None


def _chromium_errors(stderr: str) -> str:
    """Chromium's stderr without its harmless D-Bus complaints (no bus in a container)."""
    lines = [x for x in stderr.splitlines() if "dbus" not in x and x.strip()]
    return "\n".join(lines[-20:]) or "(Chromium printed nothing else)"


@pytest.fixture(scope="module")
def session_dir(tmp_path_factory) -> Path:
    from voice_coach.transcriber import load_transcriber

    root = tmp_path_factory.mktemp("rec")
    store = Store(root)
    session = store.new_session("practice", "replay", {})
    audio = load_audio(Path(__file__).parent / "data" / "audio" / "jfk.flac")
    wav = write_wav(session.answer_wav_path(1), audio)
    report = pipeline.analyze_audio(audio, cfg=Config(), transcriber=load_transcriber(),
                                    audio_path=wav)
    session.save_answer(1, report)
    session.finish("complete")
    data = store.load_session(session.id)
    session.write_file("report.html", render_session_html(data))
    return session.path


def _starts(page: str) -> list[float]:
    return [float(x) for x in re.findall(r'class="w(?: filler)?" data-s="([0-9.]+)"', page)]


def _word_at(starts: list[float], t: float) -> float:
    return max(s for s in starts if s <= t + 1e-3)


@pytest.mark.slow
def test_page_has_a_player_words_with_times_and_no_external_resources(session_dir):
    page = (session_dir / "report.html").read_text()
    assert '<audio id="audio-1"' in page
    assert 'src="data:audio/webm;base64,' in page  # plays from a lone copy of the page …
    assert 'src="answer-01.wav"' in page  # … and the WAV beside it is the fallback
    assert len(_starts(page)) >= 20 and _starts(page) == sorted(_starts(page))
    assert not re.search(r'(src|href)="(https?:)?//', page)  # offline: nothing fetched


@pytest.mark.slow
def test_clicks_seek_and_the_highlighted_word_follows_in_chromium(session_dir, tmp_path):
    browser = require_tool("chromium", "chromium-browser", "google-chrome",
                           install="apt-get install -y chromium")
    copy = tmp_path / "copied-session"  # the folder copied somewhere else
    shutil.copytree(session_dir, copy)
    page = (copy / "report.html").read_text()
    probe = copy / "probe.html"
    with _ResultListener() as listener:
        probe.write_text(page.replace(
            "</body>", f"<script>{PROBE_JS.replace('RESULT_URL', listener.url)}</script></body>"))
        proc = subprocess.Popen(
            [browser, "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
             "--disable-background-networking", f"--user-data-dir={tmp_path / 'profile'}",
             "--autoplay-policy=no-user-gesture-required", "--remote-debugging-port=0",
             probe.as_uri()], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
        try:
            got = listener.wait(timeout_s=120)
        finally:
            proc.kill()
            _, err = proc.communicate()
    assert got is not None, "the page never reported: " + _chromium_errors(err)
    res = json.loads(got)
    starts = _starts(page)
    assert res["ready"] >= 1 and abs(res["duration"] - 11.0) < 0.1
    assert res["src"].startswith("data:audio/webm")  # the embedded recording plays
    # a click on a word moves the audio there and highlights that word (only that one)
    assert res["after_word"] == pytest.approx(res["word_s"], abs=0.01)
    assert res["cur_word"] == res["word_s"] and res["n_cur"] == 1
    # a click on the timeline at the 8.0 s position seeks there (within one pixel ≈ 0.02 s)
    assert res["after_tl"] == pytest.approx(8.0, abs=0.05)
    assert res["cur_tl"] == _word_at(starts, res["after_tl"])
    # when the audio moves on its own (as playback does), the highlight follows it
    assert res["follow_t"] == pytest.approx(3.0, abs=0.01)
    assert res["cur_follow"] == _word_at(starts, 3.0)
