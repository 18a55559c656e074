#!/usr/bin/env python3
"""A JSON-RPC 2.0 service over a Unix socket that takes DELAY seconds for every request, one
request at a time per connection: the slow service the load tool's test drives. It runs as its
own process, so a busy test process cannot slow it down, and it speaks the wire format every
SiOpen service speaks (one JSON text per line).

Usage: slow_jsonrpc_server.py SOCKET_PATH DELAY_SECONDS
"""
import json
import os
import socketserver
import sys
import time


class Handler(socketserver.StreamRequestHandler):
    def handle(self):
        for line in self.rfile:
            try:
                request = json.loads(line)
            except ValueError:
                return
            time.sleep(DELAY)
            answer = {"jsonrpc": "2.0", "id": request.get("id"), "result": {}}
            self.wfile.write((json.dumps(answer) + "\n").encode())
            self.wfile.flush()


class Server(socketserver.ThreadingMixIn, socketserver.UnixStreamServer):
    daemon_threads = True


if __name__ == "__main__":
    path, DELAY = sys.argv[1], float(sys.argv[2])
    if os.path.exists(path):
        os.unlink(path)
    with Server(path, Handler) as server:
        print("ready", flush=True)
        server.serve_forever()
