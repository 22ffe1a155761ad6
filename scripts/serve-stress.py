#!/usr/bin/env python3
"""Bounded stress test of a running `trustaudit serve` (part of scripts/serve-test.sh).

Usage: scripts/serve-stress.py URL CERTIFICATE MAX_CONCURRENT DEADLINE_SECONDS

1. Slow clients: MAX_CONCURRENT uploads that send their body one byte at a time hold every
   admission slot; a request sent meanwhile must get 503 with Retry-After at once, and each slow
   upload must end with 408 (body not there within the deadline).
2. Concurrency: 16 threads x 25 requests mixing good certificates, malformed artefacts, broken
   multipart forms, unknown parameters and oversized bodies; every request must get exactly one
   answer whose status is expected for it (200, 400, 413, or 503 with Retry-After), never another
   5xx, and every 200 must hold one record per item.
Standard library only. Exit 0 when every expectation holds, 1 otherwise.
"""
import http.client
import json
import socket
import sys
import threading
import time
from urllib.parse import urlparse

url, certificate_path, max_concurrent, deadline = sys.argv[1], sys.argv[2], int(sys.argv[3]), float(sys.argv[4])
target = urlparse(url)
certificate = open(certificate_path, "rb").read()
problems = []
lock = threading.Lock()


def fail(message):
    with lock:
        problems.append(message)


def request(method, path, body=b"", headers=None):
    connection = http.client.HTTPConnection(target.hostname, target.port, timeout=60)
    try:
        connection.request(method, path, body=body, headers=headers or {})
        response = connection.getresponse()
        return response.status, dict(response.getheaders()), response.read()
    finally:
        connection.close()


def slow_upload(results, index):
    """Announces 1000 bytes and sends one every 0.25 s: the deadline ends it first."""
    sock = socket.create_connection((target.hostname, target.port), timeout=deadline + 30)
    try:
        sock.sendall(f"POST /v1/check HTTP/1.1\r\nHost: x\r\nContent-Length: 1000\r\n\r\n".encode())
        started = time.monotonic()
        answer = b""
        sock.settimeout(0.25)
        while time.monotonic() - started < deadline + 20:
            try:
                sock.sendall(b"0")
            except OSError:
                pass
            try:
                chunk = sock.recv(4096)
                if chunk:
                    answer += chunk
                    if b"\r\n\r\n" in answer:
                        break
            except socket.timeout:
                continue
        results[index] = answer.split(b"\r\n", 1)[0].decode(errors="replace")
    finally:
        sock.close()


# 1. Slow clients fill the admission slots; the next request is refused at once.
slow_results = [None] * max_concurrent
slow_threads = [threading.Thread(target=slow_upload, args=(slow_results, i)) for i in range(max_concurrent)]
for thread in slow_threads:
    thread.start()
time.sleep(min(1.0, deadline / 3))
status, headers, body = request("POST", "/v1/check", certificate)
if status != 503 or "Retry-After" not in headers:
    fail(f"with {max_concurrent} slow uploads in progress a check got {status}, not 503 with Retry-After")
for thread in slow_threads:
    thread.join()
for answer in slow_results:
    if not answer or " 408 " not in answer:
        fail(f"a slow upload ended with {answer!r}, not 408")

# 2. Mixed concurrent traffic.
boundary = "stress"
broken_form = f"--{boundary}\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\nno end".encode()
cases = [
    ("good", "/v1/check?format=json", certificate, {}, {200, 503}, 1),
    ("malformed artefact", "/v1/check?format=json", b"\x30\x82\xff\xff\x01", {}, {200, 503}, 1),
    ("two items", "/v1/check?format=json", b"MA==\nMAA=\n", {}, {200, 503}, 2),
    ("broken form", "/v1/check", broken_form, {"Content-Type": f"multipart/form-data; boundary={boundary}"}, {400, 503}, 0),
    ("bad parameter", "/v1/check?format=yaml", certificate, {}, {400}, 0),
    ("oversized", "/v1/check", b"0" * (2 << 20), {}, {413}, 0),
]
answered = [0]


def worker(seed):
    for round_ in range(25):
        name, path, body, headers, expected, items = cases[(seed + round_) % len(cases)]
        try:
            status, response_headers, answer = request("POST", path, body, headers)
        except Exception as error:  # a lost response
            fail(f"{name}: no answer ({error})")
            continue
        with lock:
            answered[0] += 1
        if status not in expected:
            fail(f"{name}: status {status}, expected one of {sorted(expected)}: {answer[:200]!r}")
        elif status == 503 and "Retry-After" not in response_headers:
            fail(f"{name}: 503 without Retry-After")
        elif status == 200 and len(json.loads(answer)) != items:
            fail(f"{name}: {len(json.loads(answer))} records for {items} item(s)")


threads = [threading.Thread(target=worker, args=(seed,)) for seed in range(16)]
for thread in threads:
    thread.start()
for thread in threads:
    thread.join()
if answered[0] != 16 * 25:
    fail(f"{16 * 25} requests sent, {answered[0]} answered")
status, _, _ = request("GET", "/healthz")
if status != 200:
    fail(f"/healthz answers {status} after the stress")

if problems:
    print("serve-stress: FAIL\n  " + "\n  ".join(problems[:30]))
    sys.exit(1)
print(f"serve-stress: OK: {max_concurrent} slow uploads got 408 and held off a check with 503; "
      f"{answered[0]} mixed concurrent requests each answered as expected, no other 5xx")
