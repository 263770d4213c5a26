#!/usr/bin/env python3
"""An HTTP endpoint that answers every request with what it received, for HTTPTransport's tests.

Usage: echo_endpoint.py PORT
Any method and path answers 200 with JSON {"method", "path", "headers": [[name, value]], "body"};
HEAD answers the status only. /silent/... never answers (for timeouts and cancellation).
Connections are kept alive (HTTP/1.1), so a client can show that it reuses them. Writes "ready"
to stdout once listening; exits when its stdin reaches end of file (the test process closed it or died).
"""
import json
import os
import signal
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


class Handler(BaseHTTPRequestHandler):
    disable_nagle_algorithm = True
    protocol_version = "HTTP/1.1"

    def echo(self):
        length = int(self.headers.get("Content-Length", "0"))
        body = self.rfile.read(length).decode() if length else ""
        if self.path.startswith("/silent"):
            time.sleep(900)
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
    # The test process may block SIGTERM and children inherit the mask.
    signal.pthread_sigmask(signal.SIG_UNBLOCK, [signal.SIGTERM, signal.SIGINT])
    # Die with the test process through a stdin lifeline, not prctl(PR_SET_PDEATHSIG): that fires when
    # the *thread* that spawned us exits, and Swift's pool threads may exit while a test still runs.
    threading.Thread(target=lambda: (sys.stdin.buffer.read(), os._exit(0)), daemon=True).start()
    ThreadingHTTPServer.daemon_threads = True
    server = ThreadingHTTPServer(("127.0.0.1", int(sys.argv[1])), Handler)
    print("ready", flush=True)
    server.serve_forever()
