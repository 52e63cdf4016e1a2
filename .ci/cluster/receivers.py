#!/usr/bin/env python3
"""The cluster test's outside world on loopback: an SMTP server and a webhook endpoint (chat at
/chat, pager at /pager) that record what they receive, one line each, and answer like the real
thing. Usage: receivers.py SMTP_PORT HTTP_PORT OUT_DIR

  OUT_DIR/mail.log   <notification key>\t<Message-ID>   per e-mail received
  OUT_DIR/chat.log   <Idempotency-Key>                  per chat post received
  OUT_DIR/pager.log  <Idempotency-Key>\t<dedup_key>     per page received
"""
import json
import socketserver
import sys
import threading
from email.parser import BytesHeaderParser
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

smtp_port, http_port, out = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3]
lock = threading.Lock()


def record(name, line):
    with lock, open(f"{out}/{name}.log", "a") as f:
        f.write(line + "\n")


class Smtp(socketserver.StreamRequestHandler):
    """Just enough SMTP for JavaMail: EHLO, MAIL, RCPT, DATA, RSET, NOOP, QUIT."""

    def reply(self, text):
        self.wfile.write((text + "\r\n").encode())
        self.wfile.flush()

    def handle(self):
        self.reply("220 cluster-test SMTP ready")
        while True:
            line = self.rfile.readline()
            if not line:
                return
            verb = line.decode(errors="replace").strip().split(" ")[0].upper()
            if verb in ("EHLO", "HELO"):
                self.reply("250 cluster-test")
            elif verb in ("MAIL", "RCPT", "RSET", "NOOP"):
                self.reply("250 OK")
            elif verb == "DATA":
                self.reply("354 end with <CRLF>.<CRLF>")
                data = []
                while True:
                    part = self.rfile.readline()
                    if not part or part in (b".\r\n", b".\n"):
                        break
                    data.append(part[1:] if part.startswith(b"..") else part)
                headers = BytesHeaderParser().parsebytes(b"".join(data))
                record("mail", f"{headers.get('X-Handoff-Notification-Key', '')}\t{headers.get('Message-ID', '')}")
                self.reply("250 accepted")
            elif verb == "QUIT":
                self.reply("221 bye")
                return
            else:
                self.reply("502 not implemented")


class Hooks(BaseHTTPRequestHandler):
    def do_POST(self):
        body = self.rfile.read(int(self.headers.get("Content-Length", "0")))
        key = self.headers.get("Idempotency-Key", "")
        if self.path == "/chat":
            record("chat", key)
        elif self.path == "/pager":
            record("pager", f"{key}\t{json.loads(body).get('dedup_key', '')}")
        else:
            self.send_response(404)
            self.end_headers()
            return
        self.send_response(200 if self.path == "/chat" else 202)
        self.send_header("Content-Type", "application/json")
        self.end_headers()
        self.wfile.write(b'{"status":"success"}')

    def log_message(self, *args):
        pass


class ThreadingSmtp(socketserver.ThreadingTCPServer):
    daemon_threads = True
    allow_reuse_address = True


for name in ("mail", "chat", "pager"):
    open(f"{out}/{name}.log", "a").close()
smtp = ThreadingSmtp(("127.0.0.1", smtp_port), Smtp)
threading.Thread(target=smtp.serve_forever, daemon=True).start()
ThreadingHTTPServer(("127.0.0.1", http_port), Hooks).serve_forever()
