"""Slipway sample app: a Python web app that needs nothing but the standard library."""
import json
import os
import signal
import sys
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

# Integration tests sed-replace "v1" here to check that a redeploy serves new code.
GREETING = "Hello from Slipway v1 (Python)"


class Handler(BaseHTTPRequestHandler):
    server_version = "python-hello"

    def do_GET(self):
        if self.path == "/":
            self.reply(200, "text/plain; charset=utf-8", GREETING)
        elif self.path == "/env":
            body = json.dumps({
                "app": os.environ.get("SLIPWAY_APP"),
                "release": os.environ.get("SLIPWAY_RELEASE"),
                "instance": os.environ.get("SLIPWAY_INSTANCE"),
                "SLIPWAY_APP": os.environ.get("SLIPWAY_APP"),
                "SLIPWAY_RELEASE": os.environ.get("SLIPWAY_RELEASE"),
                "SLIPWAY_INSTANCE": os.environ.get("SLIPWAY_INSTANCE"),
            })
            self.reply(200, "application/json", body)
        else:
            self.reply(404, "text/plain; charset=utf-8", "Not found")

    def reply(self, status, content_type, body):
        data = body.encode("utf-8")
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)


def main():
    port = int(os.environ.get("PORT", "5000"))
    server = ThreadingHTTPServer(("0.0.0.0", port), Handler)
    server.daemon_threads = True
    # Exit promptly on docker stop so zero-downtime deploys are not held up by the grace period.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
    print(f"python-hello listening on port {port}")
    try:
        server.serve_forever()
    except (KeyboardInterrupt, SystemExit):
        print("shutting down")
    finally:
        server.server_close()


if __name__ == "__main__":
    main()
