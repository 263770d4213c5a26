#!/usr/bin/env python3
"""A loopback HTTP proxy that forwards every request to an endpoint (moto_server) and records it.

Usage: recording_proxy.py PORT TARGET_URL RECORD_FILE
Each forwarded request is appended to RECORD_FILE as one JSON line {"method", "path", "action",
"role_arn", "authorization"} ("action" and "role_arn" are the Query API form parameters Action and
RoleArn, when present) before it is forwarded. Writes "ready" to stdout once listening, and exits
when its stdin reaches end-of-file (the test process is gone).
"""
import json
import os
import signal
import sys
import threading
import urllib.error
import urllib.parse
import urllib.request
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

TARGET = sys.argv[2].rstrip("/")
RECORD_FILE = sys.argv[3]
LOCK = threading.Lock()


class Proxy(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def answer(self, status, headers, body):
        self.send_response(status)
        for name, value in headers:
            if name.lower() not in ("content-length", "connection", "transfer-encoding", "date", "server"):
                self.send_header(name, value)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Connection", "close")
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def forward(self):
        length = int(self.headers.get("Content-Length", "0") or "0")
        body = self.rfile.read(length) if length else b""
        form = urllib.parse.parse_qs(body.decode("utf-8", "replace")) if body else {}
        record = {
            "method": self.command, "path": self.path,
            "action": form.get("Action", [None])[0], "role_arn": form.get("RoleArn", [None])[0],
            "authorization": self.headers.get("Authorization", ""),
        }
        with LOCK, open(RECORD_FILE, "a") as out:
            out.write(json.dumps(record) + "\n")
        headers = {k: v for k, v in self.headers.items() if k.lower() not in ("host", "content-length", "connection")}
        request = urllib.request.Request(TARGET + self.path, data=body if body else None, headers=headers, method=self.command)
        try:
            with urllib.request.urlopen(request, timeout=30) as response:
                self.answer(response.status, response.getheaders(), response.read())
        except urllib.error.HTTPError as error:
            self.answer(error.code, error.headers.items(), error.read())

    do_GET = forward
    do_POST = forward
    do_PUT = forward
    do_DELETE = forward
    do_HEAD = forward

    def log_message(self, *args):
        pass


if __name__ == "__main__":
    # The test process may block SIGTERM, and children inherit the mask.
    signal.pthread_sigmask(signal.SIG_UNBLOCK, [signal.SIGTERM, signal.SIGINT])
    threading.Thread(target=lambda: (sys.stdin.buffer.read(), os._exit(0)), daemon=True).start()
    server = ThreadingHTTPServer(("127.0.0.1", int(sys.argv[1])), Proxy)
    print("ready", flush=True)
    server.serve_forever()
