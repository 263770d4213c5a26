#!/usr/bin/env python3
"""A loopback HTTP proxy that loses answers on purpose: the upstream acts, the client never hears.

Each client connection carries one request. The proxy reads it, forwards it to the upstream
(moto_server) with `Connection: close`, reads the whole answer, and then, for a seeded share of the
calls (drawn in arrival order), closes the client's connection without sending that answer. The
call happened; the client cannot know. This is the fault issue 9 calls a "lost answer": a create
whose response never arrived, which a client retries and meets `EntityAlreadyExists`, or an access
key whose secret was in the lost answer.

Every other answer is passed through unchanged. An `Expect: 100-continue` request is answered
`100 Continue` by the proxy itself (libcurl sends it for larger bodies and would otherwise wait a
second for it) and forwarded without the header.

Binds 127.0.0.1 only and refuses a non-loopback upstream. Stdlib only.

Usage (standalone): scripts/fault_proxy.py --upstream http://127.0.0.1:5000 --rate 0.15 --seed 1 [--port 0]
As a module: `proxy = FaultProxy(upstream_port, rate, seed); proxy.start(); ...; proxy.stop()`.
"""

import argparse
import ipaddress
import random
import socket
import socketserver
import sys
import threading
import time
import urllib.parse

MAX_HEADER = 64 * 1024
MAX_BODY = 32 * 1024 * 1024


class FaultProxy:
    """Forwards loopback HTTP calls to `upstream_port`, dropping the answer of a seeded share of them."""

    def __init__(self, upstream_port, rate=0.0, seed=1, upstream_host="127.0.0.1", port=0):
        if not ipaddress.ip_address(socket.gethostbyname(upstream_host)).is_loopback:
            raise ValueError(f"upstream {upstream_host} is not a loopback address")
        self.upstream = (upstream_host, upstream_port)
        self._lock = threading.Lock()
        self._rate = rate
        self._random = random.Random(seed)
        self.requests = 0
        self.answered = 0
        self.dropped = 0
        self.errors = 0
        self.dropped_actions = {}
        self.dropped_calls = []
        proxy = self

        class Handler(socketserver.BaseRequestHandler):
            def handle(self):
                proxy._serve(self.request)

        class Server(socketserver.ThreadingTCPServer):
            daemon_threads = True
            allow_reuse_address = True
            request_queue_size = 128

        self._server = Server(("127.0.0.1", port), Handler)
        self.port = self._server.server_address[1]
        self.url = f"http://127.0.0.1:{self.port}"
        self._thread = None

    # -- control ---------------------------------------------------------------------------------

    def start(self):
        self._thread = threading.Thread(target=self._server.serve_forever, kwargs={"poll_interval": 0.1}, daemon=True)
        self._thread.start()
        return self

    def stop(self):
        self._server.shutdown()
        self._server.server_close()

    def set_rate(self, rate, seed=None):
        """Changes the share of answers lost from now on (0 makes the proxy transparent)."""
        with self._lock:
            self._rate = rate
            if seed is not None:
                self._random = random.Random(seed)

    def counts(self):
        with self._lock:
            return {"requests": self.requests, "answered": self.answered, "dropped": self.dropped,
                    "errors": self.errors, "dropped_actions": dict(sorted(self.dropped_actions.items())),
                    "dropped_calls": list(self.dropped_calls)}

    def reset_counts(self):
        with self._lock:
            self.requests = self.answered = self.dropped = self.errors = 0
            self.dropped_actions = {}
            self.dropped_calls = []

    # -- one connection --------------------------------------------------------------------------

    def _serve(self, client):
        client.settimeout(120)
        try:
            head, body = self._read_request(client)
        except (OSError, ValueError):
            with self._lock:
                self.errors += 1
            return
        if head is None:
            return
        with self._lock:
            self.requests += 1
            drop = self._rate > 0 and self._random.random() < self._rate
        try:
            answer = self._forward(head, body)
        except OSError:
            with self._lock:
                self.errors += 1
            return  # the client sees a closed connection, as when the upstream is unreachable
        if drop:
            action = _action(head, body)
            call = _describe(action, body)
            with self._lock:
                self.dropped += 1
                self.dropped_actions[action] = self.dropped_actions.get(action, 0) + 1
                self.dropped_calls.append(call)
            try:
                client.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass
            return
        try:
            client.sendall(answer)
            with self._lock:
                self.answered += 1
        except OSError:
            with self._lock:
                self.errors += 1

    def _read_request(self, client):
        """Returns (head lines, body bytes), or (None, None) when the client closed without a request."""
        data = b""
        while b"\r\n\r\n" not in data:
            chunk = client.recv(65536)
            if not chunk:
                if data:
                    raise ValueError("connection closed inside the request head")
                return None, None
            data += chunk
            if len(data) > MAX_HEADER:
                raise ValueError("request head too large")
        raw_head, body = data.split(b"\r\n\r\n", 1)
        lines = raw_head.decode("latin-1").split("\r\n")
        headers = [(k.strip(), v.strip()) for k, _, v in (line.partition(":") for line in lines[1:])]
        names = {k.lower(): v for k, v in headers}
        if "chunked" in names.get("transfer-encoding", "").lower():
            raise ValueError("chunked request bodies are not supported")
        length = int(names.get("content-length", "0") or "0")
        if length < 0 or length > MAX_BODY:
            raise ValueError("bad Content-Length")
        if names.get("expect", "").lower() == "100-continue" and len(body) < length:
            client.sendall(b"HTTP/1.1 100 Continue\r\n\r\n")
        while len(body) < length:
            chunk = client.recv(min(65536, length - len(body)))
            if not chunk:
                raise ValueError("connection closed inside the request body")
            body += chunk
        kept = [(k, v) for k, v in headers if k.lower() not in ("connection", "expect", "keep-alive", "proxy-connection")]
        head = [lines[0]] + [f"{k}: {v}" for k, v in kept] + ["Connection: close"]
        return head, body[:length]

    def _forward(self, head, body):
        """Sends the request upstream and reads the whole answer (the upstream closes after it)."""
        with socket.create_connection(self.upstream, timeout=120) as up:
            up.sendall(("\r\n".join(head) + "\r\n\r\n").encode("latin-1") + body)
            parts = []
            while True:
                chunk = up.recv(65536)
                if not chunk:
                    break
                parts.append(chunk)
        answer = b"".join(parts)
        if not answer:
            raise OSError("empty answer from upstream")
        return answer


def _action(head, body):
    """The IAM/STS action of a Query call (`CreateUser`), or `METHOD path` for anything else."""
    try:
        fields = urllib.parse.parse_qs(body.decode("utf-8", "replace"))
        if "Action" in fields:
            return fields["Action"][0]
    except ValueError:
        pass
    method, _, rest = head[0].partition(" ")
    return f"{method} {rest.split(' ')[0]}"


NAMES = ("UserName", "GroupName", "RoleName", "PolicyName", "PolicyArn", "InstanceProfileName", "AccessKeyId",
         "AccountAlias", "RoleArn")


def _describe(action, body):
    """`CreateUser UserName=alice`: the action and the names it acted on, for the trial's log."""
    try:
        fields = urllib.parse.parse_qs(body.decode("utf-8", "replace"))
    except ValueError:
        fields = {}
    names = [f"{k}={fields[k][0]}" for k in NAMES if k in fields]
    return " ".join([action] + names)


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--upstream", required=True, help="loopback URL of the endpoint, e.g. http://127.0.0.1:5000")
    ap.add_argument("--rate", type=float, default=0.1, help="share of answers to lose (0..1)")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--port", type=int, default=0, help="port to listen on (0: any free port)")
    ap.add_argument("--seconds", type=float, default=3600, help="stop by itself after this long")
    args = ap.parse_args(argv)
    if not 0 <= args.rate <= 1:
        ap.error("--rate must be between 0 and 1")
    up = urllib.parse.urlsplit(args.upstream)
    try:
        proxy = FaultProxy(up.port or 80, args.rate, args.seed, upstream_host=up.hostname or "127.0.0.1", port=args.port)
    except (ValueError, OSError) as error:
        ap.error(str(error))
    proxy.start()
    print(proxy.url, flush=True)
    try:
        time.sleep(args.seconds)
    except KeyboardInterrupt:
        pass
    proxy.stop()
    print(proxy.counts(), file=sys.stderr)


if __name__ == "__main__":
    main()
