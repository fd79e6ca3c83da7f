"""The offline bundle: the whole site in one zip that works opened from disk (file://), search included.

Four things differ from the published site, each because browsers treat file:// pages differently:
- search is MkDocs Material's, not Pagefind, which cannot load its index into a page opened from disk; Material's
  search plugin is on for this build only (the Atlas plugin's `offline` option switches it and Pagefind);
- links point at `.html` files (MkDocs Material's offline plugin turns directory URLs off), and the search index
  is also written as a script, since a page opened from disk cannot fetch a JSON file;
- search runs in a Web Worker, which file:// pages cannot start, so the theme loads the `iframe-worker` shim;
  the offline plugin would take it from a CDN, the bundle carries its own copy (the site makes no outside requests);
- browsers refuse ES module scripts from file://, so the Atlas's modules are bundled by esbuild into one classic
  script. The modules themselves stay the source: the bundle is build output.
Both tools come from the npm registry, pinned in package-lock.json (`make offline` installs them).
"""
from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import tempfile
import zipfile
from pathlib import Path

from generator.site.csp import hash_source

BUNDLE_SCRIPT = "assets/js/atlas.offline.js"
"""The classic script that replaces assets/js/atlas.mjs and the modules it loads."""
SHIM_SCRIPT = "assets/vendor/iframe-worker/shim.js"
"""Where the bundle carries the iframe-worker shim."""
ZIP_FOLDER = "iecmh-atlas"
"""The folder inside the zip; users open iecmh-atlas/index.html."""
ZIP_TIME = (2020, 1, 1, 0, 0, 0)
"""Every zip entry gets this time, so the same data gives a byte-identical zip."""
README = """IECMH Competency Atlas, offline copy

Open index.html in this folder with a web browser. Everything works without a connection:
pages, search and the self-assessment. Nothing you enter leaves your computer.

Browsers keep self-assessment answers of pages opened from disk less reliably than for a
website: download the JSON file before you close the page and import it next time.
"""


class OfflineBuildError(RuntimeError):
    """A tool the offline build needs is missing or failed."""


def _node_tool(root: Path, *parts: str) -> Path:
    """A file installed by `npm ci` in the project folder root, or an error saying how to install it."""
    path = root.joinpath("node_modules", *parts)
    if not path.exists():
        raise OfflineBuildError(f"{path} is missing: run `npm ci` in {root} (make offline does it).")
    return path


def _node() -> str:
    """The Node.js executable, or an error saying it is needed."""
    node = shutil.which("node")
    if node is None:
        raise OfflineBuildError("Node.js is needed to build the offline bundle (it runs esbuild and the shim).")
    return node


def bundle_scripts(root: Path, docs_dir: Path, out_file: Path) -> None:
    """Bundle assets/js/atlas.mjs and the modules it imports into one classic script with esbuild."""
    esbuild = _node_tool(root, ".bin", "esbuild")
    entry = docs_dir / "assets" / "js" / "atlas.mjs"
    result = subprocess.run([str(esbuild), str(entry), "--bundle", "--format=iife", "--target=es2020",
                             "--legal-comments=inline", "--log-level=error", f"--outfile={out_file}"],
                            capture_output=True, text=True)
    if result.returncode != 0:
        raise OfflineBuildError("esbuild could not bundle the site's scripts:\n" + result.stderr)


def _vendor_shim(root: Path, site: Path) -> None:
    """Copy the iframe-worker shim and its licence into the site."""
    package = _node_tool(root, "iframe-worker")
    target = site / SHIM_SCRIPT
    target.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(package / "shim" / "index.js", target)
    shutil.copyfile(package / "LICENSE", target.parent / "LICENSE")


_CONFIG_JSON = re.compile(r'<script id="__config" type="application/json">(.*?)</script>', re.S)
_SCRIPT_SRC = "script-src 'self'"


def allow_shim_frames(root: Path, site: Path) -> None:
    """Allow, by hash, the inline script the shim writes into its frame, on every page that has a policy."""
    pages = {}
    for page in sorted(site.rglob("*.html")):
        html = page.read_text(encoding="utf-8")
        found = _CONFIG_JSON.search(html)
        if found and _SCRIPT_SRC in html:
            pages[page] = (html, json.loads(found.group(1))["search"])
    if not pages:
        return
    urls = sorted({url for _, url in pages.values()})
    result = subprocess.run([_node(), str(Path(__file__).with_name("shim_frame.mjs")),
                             str(_node_tool(root, "iframe-worker", "shim", "index.js")), *urls],
                            capture_output=True, text=True)
    if result.returncode != 0:
        raise OfflineBuildError("Could not read the iframe-worker shim's frame script:\n" + result.stderr)
    scripts = json.loads(result.stdout)
    for page, (html, url) in pages.items():
        hashes = " ".join(sorted({hash_source(script) for script in scripts[url]}))
        page.write_text(html.replace(_SCRIPT_SRC, f"{_SCRIPT_SRC} {hashes}", 1), encoding="utf-8")


def build_offline_site(config_file: Path, site_dir: Path) -> None:
    """Build the site for file:// into site_dir (which must not exist): the plugin's offline option, the vendored
    shim, the bundled script."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    root = config_file.resolve().parent
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    config = load_config(str(config_file), site_dir=str(site_dir), strict=True)
    atlas = config.plugins.get("iecmh-atlas")
    if atlas is None:
        raise OfflineBuildError(f"{config_file} does not use the iecmh-atlas plugin")
    atlas.config.offline = True
    # The pipeline runs now (data errors as DataErrors, before anything is built) and the build reuses its result: the
    # plugin's own prepare(), as run_before_build calls it (imported from plugin.py it would close a circle).
    atlas.prepare(config)
    build(config)
    _vendor_shim(root, site_dir)
    bundle_scripts(root, Path(config.docs_dir), site_dir / BUNDLE_SCRIPT)
    for module in (site_dir / "assets" / "js").rglob("*.mjs"):
        module.unlink()  # bundled into atlas.offline.js; a page opened from disk could not load them anyway
    # For web servers and search engines only: no server shows 404.html to a page opened from disk (and its links
    # are absolute), and the policy header and sitemaps are read by hosts and crawlers.
    for name in ("404.html", "csp-header.txt", "sitemap.xml", "sitemap.xml.gz"):
        (site_dir / name).unlink(missing_ok=True)
    allow_shim_frames(root, site_dir)


def zip_folder(folder: Path, zip_path: Path) -> None:
    """Write folder into zip_path under ZIP_FOLDER/, entries sorted and timestamps fixed (byte-identical output)."""
    files = sorted(p for p in folder.rglob("*") if p.is_file())
    with zipfile.ZipFile(zip_path, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        for path in files:
            info = zipfile.ZipInfo(f"{ZIP_FOLDER}/{path.relative_to(folder).as_posix()}", date_time=ZIP_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            archive.writestr(info, path.read_bytes(), compresslevel=9)


def check_tools(root: Path) -> None:
    """An error saying what is missing when esbuild, the shim or Node.js is not there (before anything is built)."""
    for tool in ((".bin", "esbuild"), ("iframe-worker", "shim", "index.js")):
        _node_tool(root, *tool)
    _node()


def build_offline(config_file: Path, zip_path: Path) -> Path:
    """Build the offline site and write it as a zip; nothing is written to zip_path unless every step succeeds."""
    check_tools(config_file.resolve().parent)
    zip_path = zip_path.resolve()
    zip_path.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix=".offline-", dir=zip_path.parent) as tmp:
        site = Path(tmp) / "site"
        build_offline_site(config_file, site)
        (site / "README.txt").write_text(README, encoding="utf-8")
        partial = Path(tmp) / zip_path.name
        zip_folder(site, partial)
        os.replace(partial, zip_path)
    return zip_path
