"""The HTTP server under `kg serve`: waitress, with slow clients cut off and errors on one line.

waitress reads each request whole (headers, then a Content-Length or chunked body, up to a size
cap) before the application sees it, answers what it cannot read with 400 / 413 / 431, and
closes connections idle for longer than its ``channel_timeout``. Two additions here: a request
that takes longer than ``request_timeout`` seconds to arrive is cut off too (a client sending a
byte every second is never idle, and would otherwise hold its connection for ever), and
waitress's own error answers are one line, like the endpoint's.
"""

from __future__ import annotations

import logging
import socket
import time

from waitress.adjustments import Adjustments
from waitress.channel import HTTPChannel
from waitress.parser import HTTPRequestParser
from waitress.server import TcpWSGIServer
from waitress.task import ErrorTask

log = logging.getLogger(__name__)


def listen(host: str, port: int) -> socket.socket:
    """A socket listening on ``host:port`` (port 0: any free one). Raises OSError."""
    family, _, _, _, address = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)[0]
    return socket.create_server(address, family=family, backlog=1024)


class _Parser(HTTPRequestParser):
    """waitress's request parser, noting when a request's first bytes came."""

    def __init__(self, adj) -> None:
        super().__init__(adj)
        self.started = time.time()


class _ErrorTask(ErrorTask):
    """waitress's answer to a request it cannot read (a bad Content-Length, a body over the cap,
    broken chunking), on one line."""

    def execute(self) -> None:
        problem = self.request.error
        body = f"{problem.reason}: {' '.join(str(problem.body).split())}\n".encode()
        self.status = f"{problem.code} {problem.reason}"
        self.response_headers.extend([("Content-Type", "text/plain; charset=utf-8")])
        self.response_headers.extend(self.channel.server.error_headers)
        self.set_close_on_finish()
        self.content_length = len(body)
        self.write(body)


class _Channel(HTTPChannel):
    parser_class = _Parser
    error_task_class = _ErrorTask


class Server(TcpWSGIServer):
    """waitress's server on a socket of ours; ``run()`` serves until Ctrl-C (or a signal handler
    that raises KeyboardInterrupt), then stops its worker threads."""

    channel_class = _Channel
    request_timeout: float = 30.0
    url: str = ""  # set by whoever knows what to call the address
    app = None  # the WSGI application as given (waitress may wrap it in a middleware)
    error_headers: tuple[tuple[str, str], ...] = ()

    @classmethod
    def on(
        cls,
        sock: socket.socket,
        app,
        *,
        threads: int,
        idle_timeout: int,
        request_timeout: int,
        max_body: int,
        max_header: int,
        error_headers: dict[str, str] | None = None,
    ) -> Server:
        """Serve the WSGI ``app`` on ``sock`` (from `listen`). Time-outs are whole seconds."""
        adjustments = Adjustments(
            sockets=[sock],
            threads=threads,
            channel_timeout=idle_timeout,
            cleanup_interval=max(1, min(idle_timeout, request_timeout) // 2),
            max_request_body_size=max_body,
            max_request_header_size=max_header,
            ident="Entente",
            log_socket_errors=False,  # a client hanging up is no traceback
            asyncore_use_poll=True,  # no select() limit on descriptors
        )
        server = cls(
            app,
            _sock=sock,
            adj=adjustments,
            bind_socket=False,
            sockinfo=(sock.family, sock.type, sock.proto, sock.getsockname()),
        )
        server.app = app
        server.request_timeout = request_timeout
        server.error_headers = tuple((error_headers or {}).items())
        return server

    def maintenance(self, now: float) -> None:
        super().maintenance(now)  # closes connections idle for longer than channel_timeout
        cutoff = now - self.request_timeout
        for channel in list(self.active_channels.values()):
            pending = channel.request
            if pending is not None and not channel.requests and pending.started < cutoff:
                log.info(
                    "closing %s: its request took over %g s", channel.addr, self.request_timeout
                )
                channel.will_close = True
