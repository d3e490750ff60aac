"""Build the report: execute every notebook with papermill on warm kernels in parallel worker
processes, render each to offline HTML and write a static site with an index.

- **Warm kernels.** Each worker keeps one kernel with pandas, matplotlib, seaborn and zzreport
  imported and runs many notebooks in it; between notebooks ``zzreport.kernel_state.reset()``
  puts back everything a notebook can change (see that module). Papermill still parameterises
  and executes each notebook (its parameters cell, injected-parameters cell, error cells and
  metadata), given the live kernel. A notebook that fails, times out or leaves the kernel
  unable to reset gets the next notebook a fresh kernel.
- **A content-addressed cache** in ``OUT/.cache``: a job's executed notebook and page are
  reused when its key — the notebook file, its parameters and language, every file under
  ``data/``, the package's source files and templates, the lock file and the Python version —
  is unchanged. Entries are written to a temporary folder and renamed into place, so a crash
  or a concurrent build never leaves half an entry; the folder is safe to delete.
- **Reproducible output.** Volatile metadata (timings, absolute paths, the random id papermill
  gives its injected cell) is replaced by values derived from the notebook, parameters and
  language, so two builds of the same inputs give the same bytes.

The site is written to a temporary folder and swapped in only when everything succeeded, so a
failed or interrupted build leaves the previous site untouched.
"""

from __future__ import annotations

import ast
import contextlib
import functools
import hashlib
import json
import os
import shutil
import signal
import sys
import tempfile
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from zzreport.data import paths

PACKAGE_DIR = Path(__file__).resolve().parents[1]
LOCK_FILE = paths.PROJECT_ROOT / "requirements.lock"
CACHE_FORMAT = "1"  # bump when the layout or the rendering of cache entries changes
CELL_TIMEOUT_SECONDS = int(os.environ.get("ZZREPORT_CELL_TIMEOUT", "600"))
KERNEL_START_TIMEOUT_SECONDS = 60
RESET_TIMEOUT_SECONDS = 30


class BuildError(RuntimeError):
    """A notebook failed: names the notebook, the cell and the executed copy to read."""


class Interrupted(BaseException):
    """SIGINT or SIGTERM reached the build; ``code`` is the exit status to use (130 / 143)."""

    def __init__(self, signum: int) -> None:
        super().__init__(signal.Signals(signum).name)
        self.code = 128 + signum


@dataclass(frozen=True)
class Job:
    """One notebook execution: which notebook, with which parameters, under which name."""

    notebook: Path
    name: str
    parameters: dict[str, object] = field(default_factory=dict)


@dataclass(frozen=True)
class Outcome:
    """What a worker reports back for one job (``cached``: reused from the cache, not run)."""

    name: str
    seconds: float
    error: str | None = None
    cached: bool = False


@dataclass(frozen=True)
class Task:
    """A job with where its results go: one edition's executed/ and staging folders and cache
    (several editions can share one pool of workers). ``label`` is the name progress shows.

    A task with ``index`` (``site.index_spec``: the edition's pages and language, as JSON)
    writes that edition's ``index.html`` into ``pages_dir`` instead: it runs in a warm kernel
    too, which has pandas, matplotlib and the data loaded, so the main process needs none of
    them. ``job`` is then the edition's first job (its kernel folder)."""

    job: Job
    label: str
    executed_dir: str
    pages_dir: str
    cache_dir: str | None = None
    key: str | None = None
    show_code: str | None = None  # the page's "Show code" words (see pages.render_html)
    index: str | None = None


# --- parameters -----------------------------------------------------------------------------

#: A parameter whose help comment reads ``one of: a, b, c`` lists its allowed values; the
#: build runs such a notebook once per value (unless the value is given on the command line).
CHOICES_PREFIX = "one of:"


@dataclass(frozen=True)
class Parameter:
    """One parameter of a notebook's cell tagged ``parameters``, as papermill reads it."""

    name: str
    default: object
    help: str
    choices: tuple[str, ...] = ()


def parameter_specs(notebook: Path) -> dict[str, Parameter]:
    """The parameters a notebook accepts, read with ``papermill.inspect_notebook`` from its cell
    tagged ``parameters``: default (a literal) and help comment, and the allowed values when
    the comment reads ``one of: a, b, c``. Raises ValueError naming the notebook and the
    parameter for a default that is not a literal or not among its allowed values.

    Read once per process and file version (path, size, modification time): the command
    checks the plan before it builds, and builds each edition from it."""
    try:
        stat = Path(notebook).stat()
    except OSError:
        return _parameter_specs(str(notebook), -1, -1)  # papermill's error names the file
    return dict(_parameter_specs(str(notebook), stat.st_size, stat.st_mtime_ns))


@functools.lru_cache(maxsize=64)
def _parameter_specs(notebook: str, _size: int, _mtime_ns: int) -> dict[str, Parameter]:
    import papermill

    try:
        inspected = papermill.inspect_notebook(str(notebook))
    except Exception as error:
        raise ValueError(
            f"{Path(notebook).name}: papermill cannot read its parameters "
            f"({type(error).__name__}: {error})"
        ) from None
    specs = {}
    for name, found in inspected.items():
        try:
            default = ast.literal_eval(found["default"])
        except (ValueError, SyntaxError):
            raise ValueError(
                f"{Path(notebook).name}: parameter {name} = {found['default']} is "
                "not a literal; a parameters cell assigns literals only"
            ) from None
        help_text = (found.get("help") or "").strip()
        choices: tuple[str, ...] = ()
        if help_text.startswith(CHOICES_PREFIX):
            choices = tuple(v.strip() for v in help_text[len(CHOICES_PREFIX) :].split(","))
            if not all(v.isidentifier() for v in choices):
                raise ValueError(
                    f"{Path(notebook).name}: parameter {name} lists allowed values "
                    f"{help_text[len(CHOICES_PREFIX) :].strip()!r}; expected "
                    "'one of: a, b, c' with slugs separated by commas"
                )
            if default not in choices:
                raise ValueError(
                    f"{Path(notebook).name}: parameter {name}'s default "
                    f"{default!r} is not one of its allowed values "
                    f"{', '.join(choices)}"
                )
        specs[name] = Parameter(name, default, help_text, choices)
    return specs


def notebook_parameters(notebook: Path) -> dict[str, object]:
    """The parameters a notebook accepts, with their defaults (see ``parameter_specs``)."""
    return {name: spec.default for name, spec in parameter_specs(notebook).items()}


def parse_value(text: str) -> object:
    """A command-line value as papermill's ``-p`` reads it: int, float, bool or string."""
    for kind in (int, float):
        try:
            return kind(text)
        except ValueError:
            pass
    if text in ("True", "False"):
        return text == "True"
    return text


def plan(lang: str, extra: dict[str, object], notebooks: Sequence[Path] | None = None) -> list[Job]:
    """Every notebook once, each given the parameters it accepts; a notebook with a parameter
    that lists its allowed values (``one of: …``, see ``parameter_specs``) and is not given
    runs once per value, named ``<stem>-<value>`` (the theme deep dive once per theme).
    Raises ValueError for a parameter that no notebook accepts."""
    import itertools

    notebooks = list(notebooks if notebooks is not None else all_notebooks())
    specs = {path: parameter_specs(path) for path in notebooks}
    known = set().union(*specs.values())
    unknown = sorted(set(extra) - known)
    if unknown:
        raise ValueError(
            f"unknown parameter(s) {', '.join(unknown)}; the notebooks accept "
            f"{', '.join(sorted(known))}"
        )
    jobs = []
    for path in notebooks:
        given = {"lang": lang, **{k: v for k, v in extra.items() if k in specs[path]}}
        fanned = [spec for spec in specs[path].values() if spec.choices and spec.name not in given]
        for values in itertools.product(*(spec.choices for spec in fanned)):
            name = "-".join([path.stem, *values])
            jobs.append(
                Job(
                    path,
                    name,
                    {**given, **{s.name: v for s, v in zip(fanned, values, strict=False)}},
                )
            )
    return jobs


def all_notebooks() -> list[Path]:
    from zzreport.publish.notebooks import notebook_paths

    return notebook_paths()


def job_lang(job: Job) -> str:
    return str(job.parameters.get("lang", "en"))


# --- the cache ------------------------------------------------------------------------------


def _files_under(folder: Path, suffixes: tuple[str, ...] | None = None) -> Iterator[Path]:
    for path in sorted(folder.rglob("*")):
        if (
            path.is_file()
            and "__pycache__" not in path.parts
            and path.suffix != ".pyc"
            and (suffixes is None or path.suffix in suffixes)
        ):
            yield path


def inputs_digest() -> str:
    """What every job depends on besides its own notebook: every file under ``data/``, every
    file of the package (modules, templates, prose), the lock file and the Python version."""
    digest = hashlib.sha256(f"zzreport-cache {CACHE_FORMAT}\n{sys.version}\n".encode())
    groups = [
        ("data", paths.DATA_DIR, list(_files_under(paths.DATA_DIR))),
        ("package", PACKAGE_DIR, list(_files_under(PACKAGE_DIR))),
        ("lock", LOCK_FILE.parent, [LOCK_FILE]),
    ]
    for label, root, files in groups:
        for path in files:
            digest.update(f"{label}/{path.relative_to(root).as_posix()}\0".encode())
            digest.update(path.read_bytes() if path.exists() else b"<missing>")
            digest.update(b"\0")
    return digest.hexdigest()


def job_key(job: Job, inputs: str, warm: bool = True) -> str:
    """The cache key of one job: the shared inputs plus the notebook's bytes, its parameters
    and its language. Results of ``--fresh-kernels`` builds (the tests' reference) are kept
    apart from the warm kernels' they are compared with."""
    digest = hashlib.sha256(inputs.encode() + (b"" if warm else b"\0fresh-kernels"))
    digest.update(job.name.encode() + b"\0")
    digest.update(Path(job.notebook).read_bytes() + b"\0")
    digest.update(json.dumps(job.parameters, sort_keys=True).encode())
    return digest.hexdigest()


class Cache:
    """``OUT/.cache/<key>/`` holds a job's executed notebook and page (or the index)."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder

    def entry(self, key: str) -> Path | None:
        path = self.folder / key
        return path if (path / "complete").exists() else None

    def store(self, key: str, files: dict[str, Path]) -> None:
        """Copy ``files`` (name in the entry → source) into a new entry, atomically."""
        self.folder.mkdir(parents=True, exist_ok=True)
        partial = Path(tempfile.mkdtemp(prefix=".partial-", dir=self.folder))
        try:
            for name, source in files.items():
                shutil.copyfile(source, partial / name)
            (partial / "complete").write_text(key, encoding="utf-8")
            partial.chmod(0o755)
            final = self.folder / key
            if final.exists():  # --force, or an older entry of the same key: replace it
                stale = Path(tempfile.mkdtemp(prefix=".stale-", dir=self.folder))
                os.replace(final, stale / key)
                shutil.rmtree(stale, ignore_errors=True)
            os.replace(partial, final)
        except OSError:
            pass  # a concurrent build stored the same entry first, or the disk is full: skip
        finally:
            shutil.rmtree(partial, ignore_errors=True)


# --- reproducible executed notebooks --------------------------------------------------------


def injected_cell_id(job: Job) -> str:
    """A stable id for papermill's injected-parameters cell (papermill draws a random one)."""
    seed = json.dumps([job.notebook.name, job.parameters], sort_keys=True)
    return "injected-parameters-" + hashlib.sha256(seed.encode()).hexdigest()[:12]


def _display_path(path: Path) -> str:
    try:
        return Path(path).resolve().relative_to(paths.PROJECT_ROOT).as_posix()
    except ValueError:
        return Path(path).name


def make_deterministic(notebook, job: Job) -> None:
    """Replace what differs between two runs of the same job — timings, absolute paths, the
    injected cell's random id — by values derived from the job. Keys stay where papermill
    puts them."""
    meta = notebook.metadata.get("papermill")
    if meta is not None:
        for key in ("start_time", "end_time", "duration"):
            if key in meta:
                meta[key] = None
        meta["input_path"] = _display_path(job.notebook)
        meta["output_path"] = f"executed/{job.name}.ipynb"
    for cell in notebook.cells:
        cell.metadata.pop("execution", None)
        timing = cell.metadata.get("papermill")
        if timing is not None:
            for key in ("start_time", "end_time", "duration"):
                if key in timing:
                    timing[key] = None
        if "injected-parameters" in cell.metadata.get("tags", []):
            cell.id = injected_cell_id(job)


# --- rendering ------------------------------------------------------------------------------


def skip_iri_format_checker() -> None:
    """Keep jsonschema from loading its optional ``iri`` format checker in this process.

    nbformat imports jsonschema, whose ``_format`` module imports ``rfc3987_syntax`` when it
    is installed (it is, through jupyter-events), and that module compiles an Earley grammar
    at import time: ~1.4 CPU-s in every process that reads a notebook (the command's main
    process reads each notebook's parameters; each worker renders pages). Neither nbformat (its schemas
    use no ``format``) nor papermill or nbconvert checks IRIs, so marking the module absent
    (jsonschema then skips that one checker, as it does when the package is not installed)
    changes no result. The entry points (``zzreport``, ``python -m zzreport.publish.notebooks``, the
    build's workers) call it before nbformat is imported; afterwards it does nothing."""
    sys.modules.setdefault("rfc3987_syntax", None)  # type: ignore[arg-type]


# --- kernels (in the workers) ---------------------------------------------------------------


def _kernel_manager_class():
    """An AsyncKernelManager (the kind nbclient creates) whose ``client()`` always returns the
    same client. nbclient, given a running kernel, still asks the manager for a new client per
    notebook and never closes it; sharing one keeps a worker at one client per kernel."""
    from jupyter_client import AsyncKernelManager

    class SharedClientKernelManager(AsyncKernelManager):
        _shared = None

        def client(self, **kwargs):
            if self._shared is None:
                shared = super().client(**kwargs)
                shared.start_channels()
                shared.stop_all = shared.stop_channels
                # nbclient starts the channels of every client it gets; ours already run
                shared.start_channels = lambda *args, **kwargs: None
                self._shared = shared
            return self._shared

    return SharedClientKernelManager


class Kernel:
    """One ipykernel this worker starts and owns. ``warm``: the stack is imported and
    ``reset()`` restores the post-import state between notebooks.

    The kernel is started as nbclient starts one (python3, history in memory, the notebook's
    folder as working directory). nbclient talks to it through the manager's one shared
    client; the build's own silent requests (prepare, reset) go through a second, blocking
    client."""

    def __init__(self, cwd: Path, warm: bool) -> None:
        from jupyter_client.blocking import BlockingKernelClient
        from jupyter_core.utils import run_sync

        self.cwd, self.warm = cwd, warm
        self.km = _kernel_manager_class()(kernel_name="python3")
        run_sync(self.km.start_kernel)(
            cwd=str(cwd), extra_arguments=["--HistoryManager.hist_file=:memory:"]
        )
        self.control = BlockingKernelClient()
        self.control.load_connection_info(self.km.get_connection_info())
        self.control.start_channels(hb=False)  # liveness comes from the manager (process)
        self.control.wait_for_ready(timeout=KERNEL_START_TIMEOUT_SECONDS)
        if warm:
            self.run(
                "__import__('zzreport.publish.kernel_state', fromlist=['prepare']).prepare()",
                KERNEL_START_TIMEOUT_SECONDS,
            )

    @property
    def pid(self) -> int:
        return self.km.provisioner.pid

    def run(self, code: str, timeout: float) -> None:
        """Run ``code`` silently (no counter, no history, nothing in the user namespace
        unless the code puts it there); raise RuntimeError unless it succeeded."""
        import queue

        control = self.control
        while control.iopub_channel.msg_ready():  # what the notebook's client left behind
            control.get_iopub_msg(timeout=0)
        msg_id = control.execute(code, silent=True, store_history=False)
        deadline = time.monotonic() + timeout
        while True:
            try:
                reply = control.get_shell_msg(timeout=max(0.1, deadline - time.monotonic()))
            except queue.Empty:
                raise RuntimeError(f"no reply within {timeout} s") from None
            if reply["parent_header"].get("msg_id") == msg_id:
                break
        content = reply["content"]
        if content.get("status") != "ok":
            # The traceback goes to this process's stderr: a worker's is its log file.
            print("\n".join(content.get("traceback", [])), file=sys.stderr, flush=True)
            raise RuntimeError(f"{content.get('ename')}: {content.get('evalue')}")

    def reset(self) -> bool:
        """Restore the snapshot; False when the kernel cannot (dead, hung, broken)."""
        from jupyter_core.utils import run_sync

        try:
            if not run_sync(self.km.is_alive)():
                return False
            self.run(
                "__import__('zzreport.publish.kernel_state', fromlist=['reset']).reset()",
                RESET_TIMEOUT_SECONDS,
            )
            return True
        except Exception:
            return False

    def shutdown(self) -> None:
        from jupyter_core.utils import run_sync

        try:
            self.control.stop_channels()
            if self.km._shared is not None:
                self.km._shared.stop_all()
        finally:
            run_sync(self.km.shutdown_kernel)(now=True)


def execute(
    job: Job,
    executed_dir: str,
    pages_dir: str,
    kernel: Kernel | None = None,
    show_code: str | None = None,
) -> Outcome:
    """Run one job with papermill's Python API (in ``kernel`` when given, else in a kernel
    papermill starts) and render its page."""
    import papermill

    from zzreport.publish.notebooks import write_atomically

    start = time.perf_counter()
    target = Path(executed_dir) / f"{job.name}.ipynb"
    given = {} if kernel is None else {"km": kernel.km}
    try:
        # Saving after every cell (papermill's default) serialises and validates the whole
        # notebook, figures included, a dozen times: a third of a worker's CPU. The executed
        # copy is still written at the end, with the traceback when a cell failed.
        executed = papermill.execute_notebook(
            str(job.notebook),
            str(target),
            parameters=job.parameters,
            kernel_name="python3",
            cwd=str(job.notebook.parent),
            progress_bar=False,
            request_save_on_cell_execute=False,
            autosave_cell_every=0,
            execution_timeout=CELL_TIMEOUT_SECONDS,
            record_timing=False,
            **given,
        )
    except papermill.PapermillExecutionError as error:
        return Outcome(
            job.name,
            time.perf_counter() - start,
            f"{job.notebook.name} failed in cell {error.exec_count} "
            f"({error.ename}: {error.evalue}); the executed copy with the traceback "
            f"is {target}",
        )
    except Exception as error:  # a kernel that died, a timeout, a missing file
        return Outcome(
            job.name,
            time.perf_counter() - start,
            f"{job.notebook.name} could not be executed ({type(error).__name__}: "
            f"{error}); see {target}",
        )
    try:
        make_deterministic(executed, job)
        write_atomically(executed, target)
        from zzreport.publish.pages import render_html

        render_html(target, Path(pages_dir) / f"{job.name}.html", job_lang(job), show_code)
    except Exception as error:
        return Outcome(
            job.name,
            time.perf_counter() - start,
            f"{job.name} ran but could not be rendered to HTML "
            f"({type(error).__name__}: {error}); the executed copy is {target}",
        )
    return Outcome(job.name, time.perf_counter() - start)


def write_index(task: Task, kernel: Kernel) -> Outcome:
    """Write an edition's index page in ``kernel`` (see ``Task``)."""
    start = time.perf_counter()
    code = (
        f"__import__('zzreport.publish.site', fromlist=['write_index']).write_index({task.index!r})"
    )
    try:
        kernel.run(code, CELL_TIMEOUT_SECONDS)
    except RuntimeError as error:
        return Outcome(
            task.label,
            time.perf_counter() - start,
            f"{_subject(task)} could not be written ({error}); the traceback is in the "
            "build's logs folder",
        )
    return Outcome(task.label, time.perf_counter() - start)


def _subject(task: Task) -> str:
    """What an error message names first: the notebook, or the index page."""
    return f"the index page ({task.label})" if task.index is not None else task.job.notebook.name


def _results(task: Task) -> dict[str, Path]:
    """What a finished task leaves, by its name in a cache entry."""
    if task.index is not None:
        return {"index.html": Path(task.pages_dir) / "index.html"}
    return {
        "executed.ipynb": Path(task.executed_dir) / f"{task.job.name}.ipynb",
        "page.html": Path(task.pages_dir) / f"{task.job.name}.html",
    }


def _worker(conn, log_dir: str, warm: bool, inherited: Sequence = ()) -> None:
    """A worker process: receive jobs, run them, send back outcomes.

    It sits in its own process group, so Ctrl-C reaches only the main process, which stops
    the workers and their kernels itself. The kernels' stderr (inherited from the worker) goes
    to a log file instead of the console. Messages sent back: ("kernel", pid, connection file)
    when a kernel starts, ("done", Outcome) when a job ends. ``inherited``: the main process's
    ends of the pipes, which a forked worker closes (were it to keep another worker's, that
    worker would not see the main process go)."""
    os.setpgrp()
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)  # a forked worker inherits the build's handler
    for connection in inherited:
        connection.close()
    log = open(Path(log_dir) / f"worker-{os.getpid()}.log", "a", encoding="utf-8")  # noqa: SIM115
    os.dup2(log.fileno(), 2)
    skip_iri_format_checker()
    import nbformat  # noqa: F401  (once per worker, not once per notebook)
    import papermill  # noqa: F401

    kernel: Kernel | None = None
    try:
        while True:
            try:
                message = conn.recv()
            except EOFError:  # the main process is gone
                break
            if message is None:
                break
            task: Task = message
            job = task.job
            start = time.perf_counter()
            if kernel is not None and kernel.cwd != job.notebook.parent:
                kernel.shutdown()
                kernel = None
            if kernel is None:
                try:
                    kernel = Kernel(job.notebook.parent, warm)
                except Exception as error:
                    conn.send(
                        (
                            "done",
                            Outcome(
                                task.label,
                                time.perf_counter() - start,
                                f"{_subject(task)}: the kernel did not start "
                                f"({type(error).__name__}: {error})",
                            ),
                        )
                    )
                    kernel = None
                    continue
                conn.send(("kernel", kernel.pid, kernel.km.connection_file))
            if task.index is not None:
                outcome = write_index(task, kernel)
            else:
                outcome = execute(job, task.executed_dir, task.pages_dir, kernel, task.show_code)
            outcome = Outcome(task.label, time.perf_counter() - start, outcome.error)
            if outcome.error or not warm or not kernel.reset():
                kernel.shutdown()  # the next notebook gets a fresh kernel
                kernel = None
            if not outcome.error and task.cache_dir:
                Cache(Path(task.cache_dir)).store(task.key, _results(task))
            conn.send(("done", outcome))
    finally:
        if kernel is not None:
            kernel.shutdown()


# --- the main process -----------------------------------------------------------------------


def _worker_context(tasks: Sequence[Task]):
    """How to start the workers: forked from this process where that is safe (Linux, no other
    thread), after importing papermill and nbconvert and rendering one small page per edition
    here (for the editions that have pages to render; an index task renders none), so that
    each worker starts with all of that done — the imports and the first render (which
    compiles the templates and imports markdown and highlighting) are most of a worker's
    fixed cost, ~1.4 CPU-s each. Elsewhere, spawned (each worker imports on its
    own). No zmq context exists here: kernels are started by the workers only."""
    import multiprocessing
    import threading

    if sys.platform != "linux" or threading.active_count() > 1:
        return multiprocessing.get_context("spawn")
    skip_iri_format_checker()
    import nbformat
    import papermill  # noqa: F401

    sample = nbformat.v4.new_notebook(
        cells=[nbformat.v4.new_markdown_cell("# *a*"), nbformat.v4.new_code_cell("1")]
    )
    from zzreport.publish.pages import exporter

    for lang in dict.fromkeys(job_lang(task.job) for task in tasks if task.index is None):
        exporter(lang).from_notebook_node(sample, resources={"zz_show_code": "", "zz_lang": lang})
    sys.stdout.flush()  # a buffer copied into a worker would be written twice
    sys.stderr.flush()
    return multiprocessing.get_context("fork")


def _kill_group(pid: int) -> None:
    with contextlib.suppress(ProcessLookupError, PermissionError):
        os.killpg(pid, signal.SIGKILL)


def run_all(
    tasks: Sequence[Task],
    log_dir: Path,
    workers: int,
    report: Callable[[Outcome, int, int], None],
    warm: bool = True,
) -> list[Outcome]:
    """Execute and render ``tasks`` on ``workers`` long-lived processes; stop at the first
    failure. Each result is stored in its task's cache. Whatever happens — success, a failure,
    an interruption — no worker or kernel outlives this call."""
    from multiprocessing.connection import wait

    for task in tasks:
        Path(task.executed_dir).mkdir(parents=True, exist_ok=True)
    shutil.rmtree(log_dir, ignore_errors=True)
    log_dir.mkdir(parents=True)
    done: list[Outcome] = []
    if not tasks:
        return done
    context = _worker_context(tasks)
    processes, connections, kernels = [], [], {}
    queue = list(tasks)
    busy: dict[int, Task] = {}
    clean = False

    def give(index: int) -> None:
        if queue:
            task = queue.pop(0)
            busy[index] = task
            connections[index].send(task)

    try:
        for _ in range(workers):
            mine, theirs = context.Pipe()
            inherited = [*connections, mine] if context.get_start_method() == "fork" else []
            process = context.Process(
                target=_worker, args=(theirs, str(log_dir), warm, inherited), daemon=True
            )
            process.start()
            theirs.close()
            processes.append(process)
            connections.append(mine)
        for index in range(workers):
            give(index)
        while busy:
            ready = wait([connections[i] for i in busy] + [processes[i].sentinel for i in busy])
            for index in list(busy):
                if connections[index] not in ready and processes[index].sentinel not in ready:
                    continue
                try:
                    message = connections[index].recv()
                except (EOFError, OSError):
                    task = busy.pop(index)
                    raise BuildError(
                        f"{_subject(task)}: the worker running {task.label} "
                        f"died (exit code {processes[index].exitcode}); see "
                        f"{log_dir}"
                    ) from None
                if message[0] == "kernel":
                    kernels[index] = message[1:]
                    continue
                outcome = message[1]
                busy.pop(index)
                kernels.pop(index, None) if outcome.error else None
                done.append(outcome)
                report(outcome, len(done), len(tasks))
                if outcome.error:
                    raise BuildError(outcome.error)
                give(index)
        clean = True
    finally:
        _stop(processes, connections, kernels, graceful=clean)
    return done


def _stop(processes, connections, kernels, graceful: bool) -> None:
    """End the workers and their kernels. After success each worker shuts its kernel down
    itself; after a failure or an interruption the kernels' process groups and the workers
    are killed at once (a worker may be busy in a cell that would take minutes)."""
    if graceful:
        for connection in connections:
            with contextlib.suppress(OSError):
                connection.send(None)
        for process in processes:
            process.join(timeout=10)
    for pid, connection_file in kernels.values():
        _kill_group(pid)
        Path(connection_file).unlink(missing_ok=True)
    for process in processes:
        if process.is_alive():
            _kill_group(process.pid)  # the worker leads its own group (os.setpgrp)
            process.join(timeout=5)
    for connection in connections:
        connection.close()


def swap_in(new: Path, final: Path) -> None:
    """Replace ``final`` with ``new`` so that ``final`` is never half-written."""
    old = final.with_name(final.name + ".old")
    if old.exists():
        shutil.rmtree(old)
    if final.exists():
        os.replace(final, old)
    os.replace(new, final)
    if old.exists():
        shutil.rmtree(old)


def index_key(jobs: Sequence[Job], inputs: str, lang: str) -> str:
    digest = hashlib.sha256(f"index\0{inputs}\0{lang}\0".encode())
    digest.update(
        json.dumps([[j.notebook.name, j.name, j.parameters] for j in jobs], sort_keys=True).encode()
    )
    for notebook in dict.fromkeys(j.notebook for j in jobs):  # the cards read H1 and metadata
        digest.update(hashlib.sha256(Path(notebook).read_bytes()).digest())
    return digest.hexdigest()


EDITIONS = ("en", "zh")


def edition_folders(out: Path, langs: Sequence[str]) -> dict[str, Path]:
    """Where each edition goes when one command builds ``langs``: the first in ``EDITIONS``
    order (English when building both) in ``out`` itself, every other in ``out/<lang>`` — the
    layout ``make report`` always had (``build/site``, ``build/zh/site``), so the caches are
    the same either way."""
    langs = sorted(set(langs), key=lambda code: (EDITIONS + (code,)).index(code))
    return {lang: out if index == 0 else out / lang for index, lang in enumerate(langs)}


def build(
    out: Path,
    lang: str | Sequence[str] = "en",
    workers: int | None = None,
    extra: dict[str, object] | None = None,
    report: Callable[[Outcome, int, int], None] = lambda *_: None,
    notebooks: Sequence[Path] | None = None,
    force: bool = False,
    warm: bool = True,
) -> Path:
    """Execute, render and publish; return the path of the new ``index.html`` (of the first
    edition when building several).

    ``lang`` is one edition or several: several share one pool of workers and warm kernels
    (the start-up costs are paid once), each edition in its own folder (``edition_folders``).
    In an edition's folder ``executed`` receives the executed notebooks, ``site`` the site,
    ``logs`` the kernels' stderr and ``.cache`` the cache (``force``: run everything, refresh
    the cache). ``warm=False`` starts a fresh kernel per notebook (the reference the warm
    kernels are tested against). On failure a ``BuildError`` is raised, on SIGINT/SIGTERM
    (when the caller turned them into ``Interrupted``) that; either way every ``site`` is
    left as it was.
    """
    from zzreport.publish.site import write_assets

    folders = edition_folders(out, [lang] if isinstance(lang, str) else lang)
    several = len(folders) > 1
    editions = {code: plan(code, extra or {}, notebooks) for code in folders}
    workers = workers or os.cpu_count() or 1
    inputs = inputs_digest()
    total = sum(len(jobs) for jobs in editions.values())
    stagings: dict[str, Path] = {}
    try:
        tasks, reused = [], 0
        for code, folder in folders.items():
            folder.mkdir(parents=True, exist_ok=True)
            executed_dir = folder / "executed"
            executed_dir.mkdir(exist_ok=True)
            cache = Cache(folder / ".cache")
            staging = stagings[code] = Path(tempfile.mkdtemp(prefix=".site-", dir=folder))
            staging.chmod(0o755)  # mkdtemp makes it private; a published site is readable
            for job in editions[code]:
                key = job_key(job, inputs, warm)
                label = f"{code}/{job.name}" if several else job.name
                entry = None if force else cache.entry(key)
                if entry is None:
                    from zzreport.words.text import label as words

                    tasks.append(
                        Task(
                            job,
                            label,
                            str(executed_dir),
                            str(staging),
                            str(cache.folder),
                            key,
                            words("show_code", code),
                        )
                    )
                    continue
                shutil.copyfile(entry / "executed.ipynb", executed_dir / f"{job.name}.ipynb")
                shutil.copyfile(entry / "page.html", staging / f"{job.name}.html")
                reused += 1
                report(Outcome(label, 0.0, cached=True), reused, total)

        indexes = []  # written by a worker, after the notebooks (see Task)
        for code, folder in folders.items():
            staging, jobs, cache = stagings[code], editions[code], Cache(folder / ".cache")
            index = index_key(jobs, inputs, code)
            entry = None if force else cache.entry(index)
            if entry is not None:
                shutil.copyfile(entry / "index.html", staging / "index.html")
            else:
                from zzreport.publish.site import index_spec

                spec = index_spec(staging, [(job, f"{job.name}.html") for job in jobs], code)
                home = jobs[0] if jobs else Job(paths.NOTEBOOKS_DIR / "index.ipynb", "index")
                indexes.append(
                    Task(
                        home,
                        f"{code}/index",
                        str(folder / "executed"),
                        str(staging),
                        str(cache.folder),
                        index,
                        index=spec,
                    )
                )
        done_notebooks = 0

        def progress(outcome: Outcome, _done: int, _total: int) -> None:
            nonlocal done_notebooks
            if outcome.name in {task.label for task in indexes}:
                return  # not a notebook: progress counts notebooks (a failure ends the build)
            done_notebooks += 1
            report(outcome, reused + done_notebooks, total)

        everything = tasks + indexes
        run_all(everything, out / "logs", min(workers, len(everything)) or 1, progress, warm)
        for code, folder in folders.items():
            write_assets(stagings[code], Cache(folder / ".cache"), inputs, reuse=not force)
        blocked = signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT, signal.SIGTERM})
        try:  # a signal between the two renames would leave no site at all
            for code, folder in folders.items():
                swap_in(stagings.pop(code), folder / "site")
        finally:
            signal.pthread_sigmask(signal.SIG_SETMASK, blocked)
    except BaseException:
        for staging in stagings.values():
            shutil.rmtree(staging, ignore_errors=True)
        raise
    return next(iter(folders.values())) / "site" / "index.html"
