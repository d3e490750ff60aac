"""JupyterLab for real: start it on a copy of the notebooks, check its API, open a notebook in
Chromium, run the first cells through the user interface and watch the output appear."""

from __future__ import annotations

import json
import os
import secrets
import signal
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import nbformat
import pytest
from playwright.sync_api import sync_playwright

from tests.helpers import CHROMIUM, FLAGS, SCREENSHOTS
from zzreport.data import paths
from zzreport.publish.notebooks import notebook_paths

JUPYTER = Path(sys.executable).with_name("jupyter")


def server_port(runtime: Path) -> int | None:
    """The port the server bound, from the file it writes once it listens (``--port=0``: the
    system picks a free port as the server binds it; a port picked here first could be taken,
    before the server starts, by a kernel of the other test worker, whose ZeroMQ socket then
    answered the status request with a non-HTTP greeting)."""
    for info in runtime.glob("jpserver-*.json"):
        try:
            return int(json.loads(info.read_text(encoding="utf-8"))["port"])
        except (ValueError, KeyError):
            return None  # still being written
    return None


def get(url: str) -> dict:
    with urllib.request.urlopen(url, timeout=10) as response:  # noqa: S310 (loopback only)
        return json.load(response)


@pytest.fixture(scope="module")
def lab(tmp_path_factory):
    """A JupyterLab server on 127.0.0.1 with a token, on an output-free copy of the notebooks
    (the UI autosaves; the committed notebooks must not change). Stops only itself. One
    server for the module: starting one costs about 3 CPU-s, and the API test changes
    nothing the UI test reads."""
    tmp_path = tmp_path_factory.mktemp("lab")
    root = tmp_path / "notebooks"
    root.mkdir()
    for notebook in notebook_paths():
        content = nbformat.read(notebook, as_version=4)
        for cell in content.cells:
            if cell.cell_type == "code":
                cell.outputs, cell.execution_count = [], None
        nbformat.write(content, root / notebook.name)
    # No news, no update check, no toasts: the lab must not reach the internet, and a toast
    # appearing mid-test can take the focus.
    settings = tmp_path / "settings" / "@jupyterlab" / "apputils-extension"
    settings.mkdir(parents=True)
    (settings / "notification.jupyterlab-settings").write_text(
        json.dumps({"fetchNews": "false", "checkForUpdates": False, "doNotDisturbMode": True})
    )
    token = secrets.token_hex(16)
    command = [
        str(JUPYTER),
        "lab",
        "--no-browser",
        "--ip=127.0.0.1",
        "--port=0",
        f"--IdentityProvider.token={token}",
        f"--ServerApp.root_dir={root}",
        f"--LabApp.workspaces_dir={tmp_path / 'workspaces'}",
        f"--LabApp.user_settings_dir={tmp_path / 'settings'}",
    ]
    if os.geteuid() == 0:
        command.append("--allow-root")
    env = {
        **os.environ,
        "JUPYTER_CONFIG_DIR": str(tmp_path / "config"),
        "JUPYTER_RUNTIME_DIR": str(tmp_path / "runtime"),
    }
    log = (tmp_path / "lab.log").open("w")
    server = subprocess.Popen(
        command,
        stdout=log,
        stderr=subprocess.STDOUT,
        env=env,
        cwd=paths.PROJECT_ROOT,
        start_new_session=True,
    )
    try:
        deadline = time.monotonic() + 90
        while True:
            port = server_port(tmp_path / "runtime")
            try:
                if port is None:
                    raise ConnectionRefusedError("the server has not said its port yet")
                base = f"http://127.0.0.1:{port}"
                get(f"{base}/api/status?token={token}")
                break
            except OSError:
                if server.poll() is not None or time.monotonic() > deadline:
                    raise RuntimeError((tmp_path / "lab.log").read_text()) from None
                time.sleep(0.5)
        yield base, token, tmp_path / "lab.log"
    finally:
        os.killpg(server.pid, signal.SIGTERM)  # its own session: the server and its kernels
        try:
            server.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(server.pid, signal.SIGKILL)
            server.wait()
        log.close()


def test_lab_lists_the_notebooks_and_the_kernel(lab) -> None:
    base, token, _ = lab
    listed = {item["name"] for item in get(f"{base}/api/contents?token={token}")["content"]}
    assert {p.name for p in notebook_paths()} <= listed
    assert "python3" in get(f"{base}/api/kernelspecs?token={token}")["kernelspecs"]


def wait_for_one_idle_kernel(base: str, token: str, timeout: float = 90) -> None:
    """Wait until the server has settled on one idle kernel. On a loaded machine JupyterLab
    may start a second kernel for the new session and shut the first down; a cell sent to the
    first is lost, and the next cells fail on names it should have defined."""
    deadline, settled = time.monotonic() + timeout, 0
    while settled < 3:
        kernels = get(f"{base}/api/kernels?token={token}")
        settled = (
            settled + 1 if (len(kernels) == 1 and kernels[0]["execution_state"] == "idle") else 0
        )
        if time.monotonic() > deadline:
            raise AssertionError(f"the server never settled on one idle kernel: {kernels}")
        time.sleep(1)


def test_running_cells_in_the_lab_ui_shows_their_output(lab) -> None:
    base, token, log = lab
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        page = browser.new_page(viewport={"width": 1400, "height": 1000})
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        try:
            page.goto(f"{base}/lab/tree/01-report-at-a-glance.ipynb?token={token}")
            page.wait_for_selector(".jp-Notebook .jp-CodeCell", timeout=90_000)
            page.wait_for_selector(
                ".jp-Notebook-ExecutionIndicator[data-status='idle']", timeout=90_000
            )
            wait_for_one_idle_kernel(base, token)
            page.locator(".jp-Notebook .jp-Cell").first.click()
            # The toolbar's Run button runs the selected cell and selects the next: clicks on
            # the button itself, so nothing that takes the keyboard focus can swallow them.
            run = page.locator(
                "[data-jp-item-name='run'] jp-button, [data-jp-item-name='run'] button"
            ).first
            idle = ".jp-Notebook-ExecutionIndicator[data-status='idle']"
            output = page.locator(".jp-OutputArea-output", has_text="The report states")
            # Run cell by cell (titles and headings in both languages, imports, parameters,
            # setup) until the overview's output shows, as a reader stepping through would.
            for _ in range(15):
                run.click()
                # On a loaded machine a click sent while the previous cell still runs can be
                # lost (the setup then fails on a name the imports define): settle first.
                page.wait_for_timeout(300)
                page.wait_for_selector(idle, timeout=90_000)
                if output.count():
                    break
            output.first.wait_for(timeout=120_000)
            page.screenshot(path=str(SCREENSHOTS / "jupyterlab.png"))
            assert "figures" in output.first.inner_text()
        except Exception:
            page.screenshot(path=str(SCREENSHOTS / "jupyterlab-failure.png"))
            print(log.read_text())  # shown by pytest with the failure
            raise
        finally:
            browser.close()
