"""An HTTP server started here standing in for GOV.UK Notify: it records each request and answers
as told. The Notify backend's tests use it, and so does the test that runs a whole deployment."""

import json
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

SERVICE_ID = "26785a09-ab16-4eb0-8407-a37497a57506"
SECRET = "3d844edf-8d35-48ac-975b-e847b4f122b0"
API_KEY = f"steadfast_test-{SERVICE_ID}-{SECRET}"
TEMPLATE_ID = "f33517ff-2a88-4f6e-b855-c550268ce08a"
SMS_TEMPLATE_ID = "0b6d4a3e-5c1f-4b8e-9d2a-7e3f1c9a8b64"
EMAIL_PATH = "/v2/notifications/email"
SMS_PATH = "/v2/notifications/sms"


@dataclass
class FakeNotify:
    """What the server has received, and what it answers with: `status` and `answer`."""

    status: int = 201
    answer: dict = field(default_factory=lambda: {"id": "740e5834-3a29-46b4-9a6f-16142fde533a"})
    received: list[dict] = field(default_factory=list)
    url: str = ""

    def emails(self, subject: str) -> list[dict]:
        """The emails received with this subject, as Notify's personalisation carries it."""
        return [
            r["json"]
            for r in list(self.received)
            if r["path"] == EMAIL_PATH and r["json"]["personalisation"]["subject"] == subject
        ]

    def texts(self) -> list[dict]:
        """The text messages received."""
        return [r["json"] for r in list(self.received) if r["path"] == SMS_PATH]


@contextmanager
def running_fake_notify() -> Iterator[FakeNotify]:
    fake = FakeNotify()

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            length = int(self.headers["Content-Length"])
            fake.received.append(
                {
                    "path": self.path,
                    "authorization": self.headers.get("Authorization", ""),
                    "content_type": self.headers.get("Content-Type", ""),
                    "json": json.loads(self.rfile.read(length)),
                }
            )
            body = json.dumps(fake.answer).encode()
            self.send_response(fake.status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, format: str, *args: object) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    fake.url = f"http://127.0.0.1:{server.server_address[1]}"
    try:
        yield fake
    finally:
        server.shutdown()
        server.server_close()
        thread.join()
