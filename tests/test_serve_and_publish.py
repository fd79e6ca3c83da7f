"""Serving and publishing: `iecmh-atlas serve` rebuilds once per data edit, and a build for another address gives
that address in the sitemap and canonical links, as the publishing workflow builds it."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from conftest import ROOT, edit
from test_cli import project  # noqa: F401 - the throwaway project fixture


def test_serve_rebuilds_once_when_a_yaml_file_changes(project: Path) -> None:
    import socket
    import threading
    import time
    import urllib.request

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    server = subprocess.Popen([sys.executable, "-m", "generator", "serve", "--dev-addr", f"127.0.0.1:{port}"],
                              cwd=project, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True,
                              env={"PATH": "/usr/bin:/bin", "PYTHONPATH": str(project), "NO_MKDOCS_2_WARNING": "1"})
    log: list[str] = []
    reader = threading.Thread(target=lambda: log.extend(iter(server.stderr.readline, "")), daemon=True)
    reader.start()
    url = f"http://127.0.0.1:{port}/atlas/categories/alpha/"

    def fetch() -> str:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.read().decode("utf-8")

    def wait_for(needle: str) -> bool:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                if needle in fetch():
                    return True
            except OSError:
                pass
            time.sleep(0.5)
        return False

    def builds() -> int:
        return sum("Building documentation" in line for line in log)

    try:
        assert wait_for("Stays open and curious."), "the server never served the page"
        before = builds()
        edit(project / "competencies" / "categories" / "alpha.yml", "text: Stays open and curious.",
             "text: Stays open, curious and playful.")
        assert wait_for("Stays open, curious and playful."), "the page was not regenerated after the YAML change"
        assert "Stays open and curious." not in fetch()
        time.sleep(3)  # a second rebuild, if the edit caused one, would have started by now
        assert builds() - before == 1, log
        assert not (project / "docs" / "atlas").exists()
    finally:
        server.terminate()
        server.wait(timeout=20)



def test_build_for_another_address_and_the_publishing_workflow(project: Path) -> None:

    import yaml

    env = {"PATH": "/usr/bin:/bin", "PYTHONPATH": str(project), "NO_MKDOCS_2_WARNING": "1",
           "ATLAS_SITE_URL": "https://example.org/atlas/"}
    result = subprocess.run([sys.executable, "-m", "generator", "build"], cwd=project, capture_output=True, text=True,
                            env=env)
    assert result.returncode == 0, result.stderr
    sitemap = (project / "site" / "sitemap.xml").read_text(encoding="utf-8")
    assert "<loc>https://example.org/atlas/atlas/categories/alpha/</loc>" in sitemap
    page = (project / "site" / "atlas" / "categories" / "alpha" / "index.html").read_text(encoding="utf-8")
    assert '<link rel="canonical" href="https://example.org/atlas/atlas/categories/alpha/">' in page
    workflow = yaml.safe_load((ROOT / ".github" / "workflows" / "pages.yml").read_text(encoding="utf-8"))
    steps = workflow["jobs"]["build"]["steps"]
    build = next(s for s in steps if s.get("run") == "make site")
    assert build["env"]["ATLAS_SITE_URL"].startswith("https://")
    upload = next(i for i, s in enumerate(steps) if s.get("uses", "").startswith("actions/upload-pages-artifact"))
    assert steps[upload]["with"]["path"] == "site"
    offline = next(i for i, s in enumerate(steps) if "make offline" in s.get("run", ""))
    assert offline < upload and "site/" in steps[offline]["run"]
