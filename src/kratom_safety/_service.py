"""``kratom-safety serve``: the CDS Hooks service, the JSON API and the counter page.

Needs the optional extra ``kratom-safety[service]`` (Starlette on uvicorn); ``import
kratom_safety`` never imports this module. ``create_app()`` is the ASGI application factory
(``uvicorn --factory kratom_safety._service:create_app``).

Logs one line per request: method, route (a fixed label, never the query string or a
medication), status and duration. Nothing from a request body is logged or kept.
"""

from __future__ import annotations

import json
import logging
import signal
import socket
import sys
import time
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager
from importlib.resources import files
from types import FrameType
from typing import Any

import anyio.to_thread
from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.middleware import Middleware
from starlette.middleware.cors import CORSMiddleware
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from ._check import check
from ._service_api import check_payload, openapi, resolve_payload, status_payload
from ._service_hooks import SERVICES, FeedbackCounts, discovery, hook_response
from ._service_http import MAX_BODY_BYTES, HttpError, parse_json_body
from ._version import DATA_REVIEWED, DATA_VERSION, __version__

__all__ = ["LOG_CONFIG", "create_app", "serve"]

log = logging.getLogger("kratom_safety.service")

#: Content Security Policy of every response: no inline script, nothing from other hosts.
CSP = (
    "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; "
    "img-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'"
)
_SECURITY_HEADERS = [
    (b"content-security-policy", CSP.encode()),
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"no-referrer"),
    (b"cross-origin-opener-policy", b"same-origin"),
]
_STATIC = {"app.js": "text/javascript", "style.css": "text/css", "favicon.svg": "image/svg+xml"}
_FIXED_ROUTES = frozenset(
    {"/", "/cds-services", "/api/check", "/api/resolve", "/api/feedback", "/openapi.json"}
    | {"/healthz"}
    | {f"/static/{name}" for name in _STATIC}
)
_METHODS = frozenset({"GET", "POST", "OPTIONS", "HEAD", "PUT", "DELETE", "PATCH"})
#: Bodies larger than this are checked in a worker thread, so the event loop keeps serving.
_THREAD_ABOVE = 64_000

LOG_CONFIG: dict[str, Any] = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {
        "line": {"format": "%(asctime)s %(message)s", "datefmt": "%Y-%m-%dT%H:%M:%S%z"},
    },
    "handlers": {
        "stderr": {
            "class": "logging.StreamHandler",
            "formatter": "line",
            "stream": "ext://sys.stderr",
        }
    },
    "loggers": {
        "kratom_safety.service": {"handlers": ["stderr"], "level": "INFO", "propagate": False},
        "uvicorn.error": {"handlers": ["stderr"], "level": "INFO", "propagate": False},
        "uvicorn.access": {"handlers": [], "level": "WARNING", "propagate": False},
    },
}


def route_label(path: str) -> str:
    """The route a path belongs to, as logged: never a free-text part of the path."""
    if path in _FIXED_ROUTES:
        return path
    if path.startswith("/api/status/"):
        return "/api/status/{code}"
    if path.startswith("/cds-services/"):
        rest = path[len("/cds-services/") :]
        sid, _, tail = rest.partition("/")
        name = sid if sid in SERVICES else "{unknown}"
        return f"/cds-services/{name}" + ("/feedback" if tail == "feedback" else "")
    return "(other)"


def _json_bytes(data: Any) -> bytes:
    return json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def _json(data: Any, status: int = 200) -> Response:
    return Response(_json_bytes(data), status, media_type="application/json")


def _error(status: int, message: str) -> Response:
    return _json({"error": message}, status)


class _Guard:
    """Outer middleware: security headers, ``Cache-Control``, one log line per request, and a
    JSON 500 (the exception type only, never its text) for anything unexpected."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        start = time.perf_counter()
        path: str = scope.get("path", "")
        cache = b"no-cache" if path == "/" or path.startswith("/static/") else b"no-store"
        status = 0

        async def send_wrapper(message: Message) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = message["status"]
                headers = list(message.get("headers", []))
                headers += _SECURITY_HEADERS
                headers.append((b"cache-control", cache))
                message = {**message, "headers": headers}
            await send(message)

        try:
            await self.app(scope, receive, send_wrapper)
        except Exception as exc:
            log.error("unhandled %s on %s", type(exc).__name__, route_label(path))
            if status == 0:
                await _error(500, "internal error")(scope, receive, send_wrapper)
        finally:
            method = scope.get("method", "")
            log.info(
                "%s %s %s %.1fms",
                method if method in _METHODS else "OTHER",
                route_label(path),
                status,
                (time.perf_counter() - start) * 1000,
            )


async def _read_json(request: Request) -> Any:
    """The JSON body, within the size limit (413 over it, whether or not it is chunked)."""
    length = request.headers.get("content-length")
    if length is not None:
        if not length.isdigit():
            raise HttpError(400, "invalid Content-Length")
        if int(length) > MAX_BODY_BYTES:
            raise HttpError(413, f"request body over {MAX_BODY_BYTES:,} bytes")
    chunks: list[bytes] = []
    size = 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > MAX_BODY_BYTES:
            raise HttpError(413, f"request body over {MAX_BODY_BYTES:,} bytes")
        chunks.append(chunk)
    body = b"".join(chunks)
    if size > _THREAD_ABOVE:
        return await anyio.to_thread.run_sync(parse_json_body, body)
    return parse_json_body(body)


async def _run(size: int, fn: Callable[..., Any], *args: Any) -> Any:
    if size > _THREAD_ABOVE:
        return await anyio.to_thread.run_sync(fn, *args)
    return fn(*args)


def _size(request: Request) -> int:
    length = request.headers.get("content-length", "")
    return int(length) if length.isdigit() else _THREAD_ABOVE + 1


def _endpoint(
    fn: Callable[[Request], Awaitable[Any]],
) -> Callable[[Request], Awaitable[Response]]:
    async def wrapped(request: Request) -> Response:
        try:
            return _json(await fn(request))
        except HttpError as exc:
            return _error(exc.status, exc.message)

    return wrapped


def _static(name: str) -> bytes:
    return files("kratom_safety").joinpath("static", name).read_bytes()


def create_app() -> Starlette:
    """The ASGI application: the CDS Hooks service, the JSON API and the counter page."""
    feedback = FeedbackCounts()
    page = _static("index.html")
    assets = {name: _static(name) for name in _STATIC}

    async def index(request: Request) -> Response:
        return Response(page, media_type="text/html; charset=utf-8")

    async def asset(request: Request) -> Response:
        name = request.path_params["name"]
        if name not in assets:
            return _error(404, "not found")
        return Response(assets[name], media_type=_STATIC[name] + "; charset=utf-8")

    async def services(request: Request) -> Any:
        return discovery()

    async def call_hook(request: Request) -> Any:
        sid = request.path_params["id"]
        if sid not in SERVICES:
            raise HttpError(404, "no CDS service with this id (see /cds-services)")
        body = await _read_json(request)
        return await _run(_size(request), hook_response, sid, body)

    async def call_feedback(request: Request) -> Any:
        body = await _read_json(request)
        return {"accepted": feedback.record(request.path_params["id"], body)}

    async def feedback_counts(request: Request) -> Any:
        return {"scope": "this worker process, since it started", "counts": feedback.snapshot()}

    async def api_check(request: Request) -> Any:
        body = await _read_json(request)
        return await _run(_size(request), check_payload, body)

    async def api_resolve(request: Request) -> Any:
        return resolve_payload(request.query_params.getlist("q"))

    async def api_status(request: Request) -> Any:
        return status_payload(request.path_params["code"], request.query_params.get("substance"))

    async def api_openapi(request: Request) -> Any:
        return openapi()

    async def health(request: Request) -> Any:
        return {
            "status": "ok",
            "package_version": __version__,
            "data_version": DATA_VERSION,
            "data_reviewed": DATA_REVIEWED,
        }

    async def http_error(request: Request, exc: Exception) -> Response:
        code = exc.status_code if isinstance(exc, HTTPException) else 500
        text = {404: "not found", 405: "method not allowed"}.get(code, "error")
        return _error(code, text)

    @asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        check(["oxycodone", "kratom"])  # load the data before the first request
        yield

    routes = [
        Route("/", index, methods=["GET"]),
        Route("/static/{name}", asset, methods=["GET"]),
        Route("/cds-services", _endpoint(services), methods=["GET"]),
        Route("/cds-services/{id}", _endpoint(call_hook), methods=["POST"]),
        Route("/cds-services/{id}/feedback", _endpoint(call_feedback), methods=["POST"]),
        Route("/api/check", _endpoint(api_check), methods=["POST"]),
        Route("/api/resolve", _endpoint(api_resolve), methods=["GET"]),
        Route("/api/status/{code}", _endpoint(api_status), methods=["GET"]),
        Route("/api/feedback", _endpoint(feedback_counts), methods=["GET"]),
        Route("/openapi.json", _endpoint(api_openapi), methods=["GET"]),
        Route("/healthz", _endpoint(health), methods=["GET"]),
    ]
    return Starlette(
        routes=routes,
        middleware=[
            Middleware(_Guard),
            Middleware(
                CORSMiddleware,
                allow_origins=["*"],
                allow_methods=["GET", "POST", "OPTIONS"],
                allow_headers=["Authorization", "Content-Type"],
                max_age=600,
            ),
        ],
        exception_handlers={404: http_error, 405: http_error},
        lifespan=lifespan,
    )


def _is_loopback(host: str) -> bool:
    return host in ("127.0.0.1", "::1", "localhost") or host.startswith("127.")


def serve(host: str = "127.0.0.1", port: int = 8080, workers: int = 1) -> int:
    """Run the service with uvicorn until SIGTERM or SIGINT; returns the exit status."""
    import uvicorn

    stopped: list[int] = []

    def on_signal(signum: int, frame: FrameType | None) -> None:
        stopped.append(signum)  # uvicorn has already shut down gracefully when this runs

    old = {sig: signal.signal(sig, on_signal) for sig in (signal.SIGTERM, signal.SIGINT)}
    shown = f"[{host}]" if ":" in host else host
    print(
        f"kratom-safety {__version__} (data {DATA_VERSION}) serving on http://{shown}:{port}/ "
        f"with {workers} worker{'s' if workers != 1 else ''}: counter page /, CDS Hooks "
        "discovery /cds-services, API /openapi.json. SIGTERM or Ctrl-C stops it.",
        file=sys.stderr,
        flush=True,
    )
    if not _is_loopback(host):
        print(
            "kratom-safety: warning: not bound to loopback; the service has no authentication "
            "of its own: put it behind TLS and an authenticating proxy.",
            file=sys.stderr,
            flush=True,
        )
    config = uvicorn.Config(
        "kratom_safety._service:create_app",
        factory=True,
        host=host,
        port=port,
        workers=workers,
        access_log=False,
        log_config=LOG_CONFIG,
        server_header=False,
        timeout_graceful_shutdown=10,
    )
    try:
        if workers > 1:
            from uvicorn.supervisors import Multiprocess

            sock = config.bind_socket()
            # Accepted connections inherit TCP_NODELAY from the listening socket (Linux).
            # asyncio sets it only on sockets it recognises as TCP, which a socket shared
            # with worker processes is not: without it, responses wait ~40 ms (Nagle).
            sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
            Multiprocess(config, sockets=[sock]).run()
        else:
            server = uvicorn.Server(config)
            server.run()
            if not server.started:
                print(
                    "kratom-safety: error: the service could not start (see above)",
                    file=sys.stderr,
                )
                return 3
    except KeyboardInterrupt:
        pass
    except (OSError, SystemExit):  # e.g. the port is taken (uvicorn logged why)
        print("kratom-safety: error: the service could not start (see above)", file=sys.stderr)
        return 3
    finally:
        for sig, handler in old.items():
            signal.signal(sig, handler)
    how = f" ({signal.Signals(stopped[0]).name})" if stopped else ""
    print(f"kratom-safety: service stopped{how}", file=sys.stderr, flush=True)
    return 0
