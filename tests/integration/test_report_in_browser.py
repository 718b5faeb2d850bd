"""The report as a reader sees it: rendered by headless Chromium (Debian's ``chromium``).

Two runs are trained in a temporary folder (the demo's breast-cancer table, a tiny image set)
and their report.html opened at 1,400 px and 800 px: no horizontal overflow, every <img>
decoded, no console or resource errors. The report itself holds no script (and forbids them
with its Content-Security-Policy), so the check runs on a copy with a measuring script added;
the copy and full-page screenshots are kept in ``<run>/screenshots/`` (CI artefacts). Skipped
only when no Chromium is installed (``make install`` installs it where apt is available).
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest

WIDTHS = (1400, 800)
CHROMIUM = next((shutil.which(name) for name in ("chromium", "chromium-browser", "google-chrome")
                 if shutil.which(name)), None)
pytestmark = pytest.mark.skipif(CHROMIUM is None, reason="Chromium is not installed (apt-get install chromium)")

_CSP = re.compile(r'<meta http-equiv="Content-Security-Policy"[^>]*>')
# recorded from the first moment: script errors, console.error, failed resources, CSP refusals
_EARLY = """<script>
window.__mednn = {errors: []};
addEventListener('error', e => __mednn.errors.push(e.message || ('failed to load ' + (e.target && e.target.tagName))), true);
addEventListener('securitypolicyviolation', e => __mednn.errors.push('CSP: ' + e.violatedDirective));
const consoleError = console.error;
console.error = (...a) => { __mednn.errors.push('console: ' + a.join(' ')); consoleError(...a); };
</script>"""
_MEASURE = """<script>
addEventListener('load', () => {
  // at "load" every inline image has been fetched and decoded (or has failed)
  const images = Array.from(document.images);
  {
    const root = document.documentElement;
    const wide = Array.from(document.querySelectorAll('body *')).filter(el => {
      const r = el.getBoundingClientRect(); return r.right > innerWidth + 1 && !el.closest('.table-wrap, pre');
    }).slice(0, 5).map(el => el.tagName + (el.className ? '.' + el.className : ''));
    const out = {scrollWidth: root.scrollWidth, innerWidth: innerWidth, scrollHeight: root.scrollHeight,
                 images: images.length, undecoded: images.filter(i => !(i.complete && i.naturalWidth > 0)).length,
                 wide: wide, errors: __mednn.errors};
    const pre = document.createElement('pre'); pre.id = 'mednn-check'; pre.textContent = JSON.stringify(out);
    document.body.appendChild(pre);
  }
});
</script>"""


def _chromium(*args: str, profile: Path) -> subprocess.CompletedProcess:
    command = [CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
               "--disable-component-update", "--disable-sync", "--no-first-run", "--hide-scrollbars",
               f"--user-data-dir={profile}", *args]
    return subprocess.run(command, capture_output=True, text=True, timeout=120, check=False)


def check_in_browser(run: Path, profile: Path) -> dict[int, dict]:
    """Open the run's report at each width; return the measurements per width."""
    html = (run / "report.html").read_text(encoding="utf-8")
    assert _CSP.search(html), "the report lost its Content-Security-Policy"
    assert "<script" not in html.lower()
    folder = run / "screenshots"
    folder.mkdir(exist_ok=True)
    probe = folder / "report-checked.html"
    probe.write_text(_CSP.sub("", html, count=1).replace("<head>", "<head>" + _EARLY, 1)
                     .replace("</body>", _MEASURE + "</body>", 1), encoding="utf-8")
    results = {}
    for width in WIDTHS:
        done = _chromium(f"--window-size={width},900", "--virtual-time-budget=10000", "--dump-dom",
                         probe.as_uri(), profile=profile)
        found = re.search(r'<pre id="mednn-check">(.*?)</pre>', done.stdout, re.S)
        assert found, f"Chromium returned no measurement at {width} px: {done.stderr[-2000:]}"
        result = json.loads(found.group(1).replace("&quot;", '"').replace("&amp;", "&")
                            .replace("&lt;", "<").replace("&gt;", ">"))
        # a full-page screenshot of the report itself (not the probe): window as tall as the page
        height = min(int(result["scrollHeight"]) + 20, 16_000)
        shot = folder / f"report-{width}px.png"
        _chromium(f"--window-size={width},{height}", f"--screenshot={shot}", "--virtual-time-budget=5000",
                  (run / "report.html").as_uri(), profile=profile)
        result["screenshot"] = str(shot) if shot.is_file() else None
        results[width] = result
    return results


def _assert_reads_well(results: dict[int, dict]) -> None:
    for width, result in results.items():
        assert result["errors"] == [], (width, result["errors"])
        assert result["images"] > 0 and result["undecoded"] == 0, (width, result)
        assert result["scrollWidth"] <= result["innerWidth"], (width, result["scrollWidth"], result["wide"])
        assert result["screenshot"] and Path(result["screenshot"]).stat().st_size > 10_000


@pytest.fixture(scope="module")
def profile(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("chromium-profile")


def test_demo_report_reads_well_in_chromium(tmp_path, profile):
    pytest.importorskip("shap")
    from mednn.config import load_config
    from mednn.pipeline import train

    run = train(load_config(None, [
        "data.path=breast-cancer", "train.epochs=3", "train.threads=1", "train.progress=false",
        "evaluate.bootstrap=50", "explain.n_samples=3",
    ]), tmp_path / "demo")
    _assert_reads_well(check_in_browser(run, profile))


def test_small_image_report_reads_well_in_chromium(tmp_path, profile, squares_npz):
    pytest.importorskip("captum")
    from mednn.config import load_config
    from mednn.pipeline import train

    # 5 test images: the report must warn that its metrics rest on too few patients
    data = squares_npz(sizes=(("train", 48), ("val", 12), ("test", 5)))
    run = train(load_config(None, [
        f"data.path={data}", "model.name=small_cnn", "model.channels=[4, 8]", "train.epochs=2",
        "train.threads=1", "train.progress=false", "evaluate.bootstrap=20", "explain.n_samples=3",
    ]), tmp_path / "images")
    html = (run / "report.html").read_text(encoding="utf-8")
    assert "Small test set" in html and "filters" in html
    _assert_reads_well(check_in_browser(run, profile))
