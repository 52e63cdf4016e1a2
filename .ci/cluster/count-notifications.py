#!/usr/bin/env python3
"""Compares what the receivers got with the outbox rows in the database.

Usage: count-notifications.py OUT_DIR ROWS_FILE, ROWS_FILE holding `kind|key|status` per row.
Prints one line of counts and exits non-zero unless every row was delivered and every row's key
(e-mail: X-Handoff-Notification-Key and Message-ID; chat and pager: Idempotency-Key, and the
pager's dedup_key) arrived, and nothing arrived that is not a row. A key that arrived twice
(sent again after its node died between sending and recording it) is reported as a repeat.
"""
import collections
import hashlib
import sys
import uuid

out, rows_file = sys.argv[1], sys.argv[2]


def delivery_id(key):  # java.util.UUID.nameUUIDFromBytes
    b = bytearray(hashlib.md5(key.encode()).digest())
    b[6] = (b[6] & 0x0F) | 0x30
    b[8] = (b[8] & 0x3F) | 0x80
    return str(uuid.UUID(bytes=bytes(b)))


rows = collections.defaultdict(dict)
for line in open(rows_file):
    if line.strip():
        kind, key, status = line.rstrip("\n").split("|")
        rows[kind][key] = status


def lines(name):
    return [l.rstrip("\n") for l in open(f"{out}/{name}.log") if l.strip()]


mail = [l.split("\t") for l in lines("mail")]
chat = lines("chat")
pager = [l.split("\t") for l in lines("pager")]
received = {
    "MAIL": collections.Counter(k for k, _ in mail),
    "CHAT": collections.Counter(chat),
    "PAGE": collections.Counter(k for k, _ in pager),
}
expected = {
    "MAIL": {k: k for k in rows["MAIL"]},
    "CHAT": {delivery_id(k): k for k in rows["CHAT"]},
    "PAGE": {delivery_id(k): k for k in rows["PAGE"]},
}
ok = True
report = []
for kind in ("MAIL", "CHAT", "PAGE"):
    got, want = received[kind], expected[kind]
    missing = [want[i] for i in want if i not in got]
    unknown = [i for i in got if i not in want]
    repeats = sum(n - 1 for n in got.values())
    undelivered = [k for k, s in rows[kind].items() if s != "DELIVERED"]
    report.append(f"{kind.lower()}: rows={len(want)} received={sum(got.values())} distinct={len(got)}"
                  f" missing={len(missing)} unknown={len(unknown)} repeats={repeats} undelivered={len(undelivered)}")
    ok = ok and not missing and not unknown and not undelivered
    for k in (missing + unknown + undelivered)[:5]:
        report.append(f"  {kind} problem: {k}")
mail_ids_ok = all(mid == f"<{delivery_id(k)}@handoff.example>" for k, mid in mail)


def page_key_ok(idempotency_key, dedup_key):
    """An incident's pages (trigger, acknowledge, resolve) share its id as dedup_key; other pages
    use their key."""
    key = expected["PAGE"].get(idempotency_key)
    if not dedup_key or key is None:
        return False
    return dedup_key == key or key.startswith(f"incident/{dedup_key}/")


page_keys_ok = all(page_key_ok(ik, dk) for ik, dk in pager)
report.append(f"stable ids: message-ids={'ok' if mail_ids_ok else 'WRONG'} pager dedup_keys={'ok' if page_keys_ok else 'WRONG'}")
print("\n".join(report))
sys.exit(0 if ok and mail_ids_ok and page_keys_ok else 1)
