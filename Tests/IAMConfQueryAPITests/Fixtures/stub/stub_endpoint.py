#!/usr/bin/env python3
"""A scripted HTTP endpoint for HTTPBackend's retry tests (not a mock of IAM: it only replays).

Usage: stub_endpoint.py PORT SCRIPT_JSON
SCRIPT_JSON is a list of [status, content_type, body]; the Nth POST gets the Nth entry (the last
entry repeats). GET /count answers the number of POSTs received so far; GET /requests answers a
JSON list of {"body", "authorization", "token"} for every POST (and HEAD, which is scripted the
same way but answered without a body). Writes "ready" to stdout
once listening. Nagle is disabled so each answer goes out at once.
"""
import json
import os
import signal
import sys
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

SCRIPT = json.loads(sys.argv[2])
POSTS = []


class Handler(BaseHTTPRequestHandler):
    disable_nagle_algorithm = True
    protocol_version = "HTTP/1.1"

    def reply(self, status, content_type, body):
        data = body.encode()
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(data)))
        self.send_header("Connection", "close")
        self.end_headers()
        self.wfile.write(data)

    def do_GET(self):
        if self.path.startswith("/requests"):
            self.reply(200, "application/json", json.dumps(POSTS))
        else:
            self.reply(200, "text/plain", str(len(POSTS)))

    def do_POST(self):
        length = int(self.headers.get("Content-Length", "0"))
        POSTS.append({
            "body": self.rfile.read(length).decode(),
            "authorization": self.headers.get("Authorization", ""),
            "token": self.headers.get("X-Amz-Security-Token"),
            "headers": [[k, v] for k, v in self.headers.items()],
        })
        status, content_type, body = SCRIPT[min(len(POSTS), len(SCRIPT)) - 1]
        self.reply(status, content_type, body)

    def do_HEAD(self):
        # S3 HeadBucket: scripted like a POST, answered with the status and headers only.
        POSTS.append({"body": "", "authorization": self.headers.get("Authorization", ""),
                      "token": self.headers.get("X-Amz-Security-Token"), "headers": [], "path": self.path})
        status, content_type, _ = SCRIPT[min(len(POSTS), len(SCRIPT)) - 1]
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", "0")
        self.send_header("Connection", "close")
        self.end_headers()

    def log_message(self, *args):
        pass


if __name__ == "__main__":
    # The test process may block SIGTERM and children inherit the mask.
    signal.pthread_sigmask(signal.SIG_UNBLOCK, [signal.SIGTERM, signal.SIGINT])
    # Die with the test process through a stdin lifeline, not prctl(PR_SET_PDEATHSIG): that fires when
    # the *thread* that started this process exits, and the test runner's pool threads come and go,
    # which stopped the stub in the middle of a test ("connection refused").
    threading.Thread(target=lambda: (sys.stdin.buffer.read(), os._exit(0)), daemon=True).start()
    server = ThreadingHTTPServer(("127.0.0.1", int(sys.argv[1])), Handler)
    print("ready", flush=True)
    server.serve_forever()
