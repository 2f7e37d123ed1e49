"""Slipway sample: an App Engine style app.yaml app listening on $PORT, else 8000."""
import json
import os
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


class Handler(BaseHTTPRequestHandler):
    def do_GET(self):
        if self.path == "/env":
            body = json.dumps({k: os.environ.get(k) for k in ("SLIPWAY_APP", "SLIPWAY_RELEASE", "SLIPWAY_INSTANCE")})
            kind = "application/json"
        else:
            body = os.environ.get("GREETING", "Hello from Slipway v1 (app.yaml)")
            kind = "text/plain"
        data = body.encode()
        self.send_response(200)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)


ThreadingHTTPServer(("0.0.0.0", int(os.environ.get("PORT", "8000"))), Handler).serve_forever()
