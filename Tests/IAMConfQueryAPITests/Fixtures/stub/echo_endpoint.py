#!/usr/bin/env python3
"""An HTTP endpoint that answers every request with what it received, for HTTPTransport's tests.

Usage: echo_endpoint.py PORT
Any method and path answers 200 with JSON {"method", "path", "headers": [[name, value]], "body"};
HEAD answers the status only. /silent/... never answers (for timeouts and cancellation).
Connections are kept alive (HTTP/1.1), so a client can show that it reuses them. Writes "ready"
to stdout once listening.
"""
import ctypes
import json
import signal
import sys
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


class Handler(BaseHTTPRequestHandler):
    disable_nagle_algorithm = True
    protocol_version = "HTTP/1.1"

    def echo(self):
        length = int(self.headers.get("Content-Length", "0"))
        body = self.rfile.read(length).decode() if length else ""
        if self.path.startswith("/silent"):
            time.sleep(60)
            return
        data = json.dumps({"method": self.command, "path": self.path,
                           "headers": [[k, v] for k, v in self.headers.items()], "body": body}).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", "0" if self.command == "HEAD" else str(len(data)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(data)

    do_GET = do_POST = do_PUT = do_DELETE = do_HEAD = do_PATCH = echo

    def log_message(self, *args):
        pass


if __name__ == "__main__":
    # The test process may block SIGTERM and children inherit the mask; also die with the parent.
    signal.pthread_sigmask(signal.SIG_UNBLOCK, [signal.SIGTERM, signal.SIGINT])
    ctypes.CDLL(None).prctl(1, signal.SIGTERM)
    ThreadingHTTPServer.daemon_threads = True
    server = ThreadingHTTPServer(("127.0.0.1", int(sys.argv[1])), Handler)
    print("ready", flush=True)
    server.serve_forever()
