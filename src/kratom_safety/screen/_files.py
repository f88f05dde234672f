"""Files around screening: the atomic output, its target, and temporary folders.

Signals never leave a file behind: SIGINT and SIGTERM are held while a temporary file or folder
is created and handed to its owner (the command line turns them into exceptions, so the owners'
context managers remove them).
"""

from __future__ import annotations

import contextlib
import os
import signal
import stat
import tempfile
from collections.abc import Iterator
from pathlib import Path
from types import TracebackType
from typing import TextIO

from .._errors import InvalidInputError

__all__ = [
    "AtomicOutput",
    "deferred_signals",
    "output_target",
    "temp_directory",
    "temp_error",
    "temp_errors",
]

_PREFIX = "kratom-screen-"


@contextlib.contextmanager
def deferred_signals() -> Iterator[None]:
    """SIGINT and SIGTERM wait until the block ends (a temporary file or folder is created
    and handed to its owner in one step, so an interrupt cannot leave it behind)."""
    sigs = {signal.SIGINT, signal.SIGTERM}
    try:
        old = signal.pthread_sigmask(signal.SIG_BLOCK, sigs)
    except (AttributeError, OSError, ValueError):  # no pthread_sigmask on this platform
        yield
        return
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, old)


def temp_error(temp_dir: str | None, exc: BaseException | None) -> InvalidInputError:
    """The error for a temporary folder that cannot be written."""
    where = temp_dir or tempfile.gettempdir()
    why = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)
    return InvalidInputError(
        f"temporary folder {where}: cannot write ({why}); pass another one with temp_dir "
        "(or TMPDIR)",
        value=where,
    )


@contextlib.contextmanager
def temp_directory(temp_dir: str | None) -> Iterator[Path]:
    """A temporary folder in ``temp_dir`` (default: the system one), removed at the end.

    Failing to create it raises InvalidInputError (see :func:`temp_error`)."""
    with contextlib.ExitStack() as stack:
        try:
            with deferred_signals():
                path = stack.enter_context(
                    tempfile.TemporaryDirectory(prefix=_PREFIX, dir=temp_dir)
                )
        except OSError as exc:
            raise temp_error(temp_dir, exc) from None
        yield Path(path)


@contextlib.contextmanager
def temp_errors(temp_dir: str | None) -> Iterator[None]:
    """An OSError inside the block concerns the temporary folder: InvalidInputError."""
    try:
        yield
    except OSError as exc:
        raise temp_error(temp_dir, exc) from None


def output_target(path: Path) -> Path:
    """The regular file to replace: ``path``, or the target of a symlink (written through).

    Devices, FIFOs, sockets and directories are refused."""
    if path.is_symlink():
        path = Path(os.path.realpath(path))
    try:
        st = os.stat(path)
    except FileNotFoundError:
        st = None
    except OSError as exc:
        raise InvalidInputError(
            f"{path}: cannot use as output ({exc.strerror or exc})", value=str(path)
        ) from None
    if st is not None:
        if stat.S_ISDIR(st.st_mode):
            raise InvalidInputError(f"{path}: is a directory", value=str(path))
        if not stat.S_ISREG(st.st_mode):
            raise InvalidInputError(
                f"{path}: not a regular file (a device, FIFO or socket); the output must be a "
                "regular file, or '-' for standard output",
                value=str(path),
            )
    if not path.parent.is_dir():
        raise InvalidInputError(f"{path}: output directory does not exist", value=str(path))
    return path


class AtomicOutput:
    """A temporary file beside ``path``, renamed over it only when the block succeeds."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.tmp: Path | None = None
        self.fh: TextIO | None = None
        try:
            self.old: os.stat_result | None = os.stat(path)
        except FileNotFoundError:
            self.old = None

    def __enter__(self) -> TextIO:
        with deferred_signals():  # no signal between creating the file and owning it
            fd, name = tempfile.mkstemp(
                dir=self.path.parent, prefix=f".{self.path.name}.", suffix=".partial"
            )
            self.tmp = Path(name)
            self.fh = open(fd, "w", encoding="utf-8", newline="")
        return self.fh

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        assert self.fh is not None
        assert self.tmp is not None
        done = False
        try:
            if exc_type is None:
                self.fh.flush()
                os.fsync(self.fh.fileno())
            self.fh.close()
            if exc_type is None:
                self._set_mode()
                os.replace(self.tmp, self.path)
                done = True
        finally:
            if not done:
                self.fh.close()
                self.tmp.unlink(missing_ok=True)

    def _set_mode(self) -> None:
        """An existing file keeps its mode (and owner, where allowed); a new one gets the
        mode that the user's umask gives (mkstemp made the temporary file 0600)."""
        assert self.tmp is not None
        if self.old is not None:
            os.chmod(self.tmp, stat.S_IMODE(self.old.st_mode))
            if (self.old.st_uid, self.old.st_gid) != (os.getuid(), os.getgid()):
                with contextlib.suppress(OSError):
                    os.chown(self.tmp, self.old.st_uid, self.old.st_gid)
        else:
            os.chmod(self.tmp, 0o666 & ~_umask())


def _umask() -> int:
    try:
        with open("/proc/self/status", encoding="ascii") as fh:
            for line in fh:
                if line.startswith("Umask:"):
                    return int(line.split()[1], 8)
    except (OSError, ValueError, IndexError):
        pass
    mask = os.umask(0o022)  # no /proc: read it by setting it back at once
    os.umask(mask)
    return mask
