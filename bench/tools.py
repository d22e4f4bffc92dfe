"""Tools `make bench` installs for itself, into .tools/, the first time it needs them."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

from atlas.site import harness

TOOLS = harness.ROOT / ".tools"
LIGHTHOUSE_VERSION = "12.8.2"  # 13.x needs Node 22; Debian 12 ships Node 20
ZENSICAL_VERSION = "0.0.73"  # newer releases need a package the registry here lacks


def lighthouse() -> Path:
    """The Lighthouse command line, installed from npm into .tools/lighthouse."""
    prefix = TOOLS / "lighthouse"
    command = prefix / "node_modules" / ".bin" / "lighthouse"
    if not command.exists():
        if shutil.which("npm") is None:
            raise RuntimeError("Lighthouse figures need Node.js and npm (apt-get install npm)")
        print(f"==> Installing lighthouse {LIGHTHOUSE_VERSION} into {prefix} (once)", flush=True)
        subprocess.run(
            [
                "npm",
                "install",
                "--silent",
                "--no-audit",
                "--no-fund",
                "--prefix",
                str(prefix),
                f"lighthouse@{LIGHTHOUSE_VERSION}",
            ],
            check=True,
        )
    return command


def zensical() -> Path:
    """The Zensical command, in its own environment under .tools/zensical."""
    venv = TOOLS / "zensical"
    command = venv / "bin" / "zensical"
    if not command.exists():
        uv = TOOLS / "bin" / "uv"
        print(f"==> Installing zensical {ZENSICAL_VERSION} into {venv} (once)", flush=True)
        env = {**os.environ, "UV_PYTHON_DOWNLOADS": "never"}
        subprocess.run([uv, "venv", "-q", "--python", "python3", venv], check=True, env=env)
        subprocess.run(
            [
                uv,
                "pip",
                "install",
                "-q",
                "--python",
                venv / "bin" / "python",
                f"zensical=={ZENSICAL_VERSION}",
            ],
            check=True,
            env=env,
        )
    return command
