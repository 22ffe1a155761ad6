#!/usr/bin/env python3
"""Drive headless Chromium over the DevTools protocol (--remote-debugging-pipe)
to upload a file through a web form and read back the rendered result page.

Usage: scripts/page-upload-check.py URL FILE [--timeout 60]

Flow:
  1. open URL, put FILE into <input type=file id="files">
  2. click #submit (Runtime.evaluate; falls back to a synthetic mouse click)
  3. wait for the result page to load, then poll until
     document.body.dataset.rendered is set
  4. print one JSON line {"rendered", "title", "text", "errors"}; exit 0
     (exit 1 with a message on stderr on timeout / protocol failure)

Standard library only (Python 3.11).
"""

from __future__ import annotations

import argparse
import fcntl
import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser") or "/usr/bin/chromium"

POLL_EXPR = (
    "JSON.stringify({"
    "rendered: (document.body && document.body.dataset.rendered) || null,"
    "title: document.title,"
    "text: document.body ? document.body.innerText.slice(0, 20000) : ''"
    "})"
)


class CheckError(Exception):
    """Fatal problem: reported on stderr, exit status 1."""


class ProtocolError(CheckError):
    pass


class CDP:
    """Minimal CDP client over a pair of pipes (NUL-terminated JSON)."""

    def __init__(self, write_fd: int, read_fd: int):
        self._wfd = write_fd
        self._rfd = read_fd
        self._next_id = 0
        self._cond = threading.Condition()
        self._responses: dict[int, dict] = {}
        self._events: list[dict] = []      # every event, in arrival order
        self.errors: list[dict] = []        # collected page errors
        self._closed = False
        self._send_lock = threading.Lock()
        self._reader = threading.Thread(target=self._read_loop, daemon=True)
        self._reader.start()

    # -- plumbing ---------------------------------------------------------
    def _read_loop(self) -> None:
        buf = b""
        try:
            while True:
                chunk = os.read(self._rfd, 1 << 16)
                if not chunk:
                    break
                buf += chunk
                while True:
                    nul = buf.find(b"\0")
                    if nul < 0:
                        break
                    raw, buf = buf[:nul], buf[nul + 1:]
                    try:
                        msg = json.loads(raw.decode("utf-8", "replace"))
                    except ValueError:
                        continue
                    self._dispatch(msg)
        except OSError:
            pass
        finally:
            with self._cond:
                self._closed = True
                self._cond.notify_all()

    def _dispatch(self, msg: dict) -> None:
        if "method" in msg and "id" not in msg:
            self._collect_error(msg)
        with self._cond:
            if "id" in msg:
                self._responses[msg["id"]] = msg
            else:
                self._events.append(msg)
            self._cond.notify_all()

    def _collect_error(self, ev: dict) -> None:
        method, p = ev["method"], ev.get("params", {})
        if method == "Runtime.exceptionThrown":
            d = p.get("exceptionDetails", {})
            exc = d.get("exception") or {}
            text = exc.get("description") or d.get("text") or "exception"
            self.errors.append({"source": "exception", "text": text,
                                "url": d.get("url"), "line": d.get("lineNumber")})
        elif method == "Log.entryAdded":
            e = p.get("entry", {})
            if e.get("level") == "error":
                self.errors.append({"source": "log:" + str(e.get("source")),
                                    "text": e.get("text"), "url": e.get("url")})
        elif method == "Runtime.consoleAPICalled":
            if p.get("type") in ("error", "assert"):
                parts = []
                for a in p.get("args", []):
                    if "value" in a:
                        parts.append(str(a["value"]))
                    else:
                        parts.append(a.get("description") or a.get("type", "?"))
                self.errors.append({"source": "console." + p["type"],
                                    "text": " ".join(parts)})

    def send(self, method: str, params: dict | None = None,
             session: str | None = None) -> int:
        with self._send_lock:
            self._next_id += 1
            mid = self._next_id
            msg = {"id": mid, "method": method, "params": params or {}}
            if session:
                msg["sessionId"] = session
            data = json.dumps(msg).encode() + b"\0"
            try:
                while data:
                    n = os.write(self._wfd, data)
                    data = data[n:]
            except OSError as e:
                raise ProtocolError(f"cannot write to browser pipe ({e}); "
                                    "did chromium exit?") from None
        return mid

    def call(self, method: str, params: dict | None = None,
             session: str | None = None, timeout: float = 30.0,
             check: bool = True) -> dict:
        mid = self.send(method, params, session)
        deadline = time.monotonic() + max(timeout, 0.1)
        with self._cond:
            while mid not in self._responses:
                if self._closed:
                    raise ProtocolError(f"browser closed the pipe while waiting "
                                        f"for {method}")
                left = deadline - time.monotonic()
                if left <= 0:
                    raise ProtocolError(f"no reply to {method} within {timeout:.0f}s")
                self._cond.wait(left)
            resp = self._responses.pop(mid)
        if "error" in resp:
            if check:
                err = resp["error"]
                raise ProtocolError(f"{method} failed: {err.get('message')} "
                                    f"{err.get('data', '')}".rstrip())
            return {"__error__": resp["error"]}
        return resp.get("result", {})

    def mark(self) -> int:
        """Current event position; pass to wait_event to see only later events."""
        with self._cond:
            return len(self._events)

    def wait_event(self, methods: set[str] | str, since: int, deadline: float,
                   session: str | None = None) -> dict | None:
        """First event (index >= since) whose method is in `methods`, or None
        on deadline."""
        if isinstance(methods, str):
            methods = {methods}
        with self._cond:
            while True:
                for ev in self._events[since:]:
                    if ev.get("method") in methods and (
                            session is None or ev.get("sessionId") == session):
                        return ev
                since = len(self._events)
                if self._closed:
                    raise ProtocolError("browser closed the pipe")
                left = deadline - time.monotonic()
                if left <= 0:
                    return None
                self._cond.wait(left)

    @property
    def closed(self) -> bool:
        return self._closed


def _hi_fd(fd: int) -> int:
    """Move fd to a number >= 10 (close-on-exec), so dup2() into 3/4 in the
    child can't clobber another pipe end."""
    new = fcntl.fcntl(fd, fcntl.F_DUPFD_CLOEXEC, 10)
    os.close(fd)
    return new


def launch(tmpdir: str) -> tuple[subprocess.Popen, CDP, str]:
    profile = os.path.join(tmpdir, "profile")
    os.mkdir(profile)
    log_path = os.path.join(tmpdir, "chromium.log")

    cmd_r, cmd_w = os.pipe()      # we write commands -> browser reads on fd 3
    resp_r, resp_w = os.pipe()    # browser writes on fd 4 -> we read
    cmd_r, cmd_w, resp_r, resp_w = map(_hi_fd, (cmd_r, cmd_w, resp_r, resp_w))

    args = [CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu",
            "--disable-dev-shm-usage", "--no-first-run",
            "--no-default-browser-check", f"--user-data-dir={profile}",
            "--remote-debugging-pipe", "about:blank"]
    # The child must see the pipe ends as exactly fd 3 and fd 4. They are
    # dup2()'d into place in the forked child right before exec. close_fds is
    # off because CPython closes non-pass_fds descriptors *after* preexec_fn
    # (which would close 3 and 4 again); every fd Python opens is
    # close-on-exec anyway (PEP 446), incl. the >=10 originals. (A sh
    # trampoline doing "3<&12" does not work: dash only takes fds 0-9.)
    def child_setup() -> None:
        os.dup2(cmd_r, 3)       # inheritable by default
        os.dup2(resp_w, 4)

    with open(log_path, "wb") as log:
        proc = subprocess.Popen(args, stdin=subprocess.DEVNULL, stdout=log,
                                stderr=log, close_fds=False,
                                preexec_fn=child_setup, start_new_session=True)
    os.close(cmd_r)
    os.close(resp_w)
    return proc, CDP(cmd_w, resp_r), log_path


def log_tail(path: str, n: int = 15) -> str:
    try:
        with open(path, "rb") as f:
            lines = f.read().decode("utf-8", "replace").splitlines()
        return "\n".join(lines[-n:])
    except OSError:
        return ""


def evaluate(cdp: CDP, sess: str, expr: str, timeout: float) -> dict:
    return cdp.call("Runtime.evaluate",
                    {"expression": expr, "returnByValue": True,
                     "userGesture": True, "awaitPromise": False},
                    session=sess, timeout=timeout, check=False)


def run(url: str, file_path: str, timeout: float, tmpdir: str,
        state: dict, click: str = "auto") -> dict:
    t0 = time.monotonic()
    deadline = t0 + timeout

    def left(cap: float | None = None) -> float:
        rem = deadline - time.monotonic()
        if rem <= 0:
            raise CheckError(f"timed out after {timeout:.0f}s "
                             f"(stage: {state.get('stage')})")
        return rem if cap is None else min(rem, cap)

    state["stage"] = "launch"
    proc, cdp, log_path = launch(tmpdir)
    state.update(proc=proc, cdp=cdp, log=log_path)

    # Wait for the browser to answer at all.
    state["stage"] = "browser startup"
    cdp.call("Browser.getVersion", timeout=left())

    state["stage"] = "create target"
    target_id = cdp.call("Target.createTarget", {"url": "about:blank"},
                         timeout=left())["targetId"]
    state["target"] = target_id
    sess = cdp.call("Target.attachToTarget",
                    {"targetId": target_id, "flatten": True},
                    timeout=left())["sessionId"]
    for domain in ("Page", "Runtime", "Log"):
        cdp.call(f"{domain}.enable", session=sess, timeout=left())

    # -- load the form page ---------------------------------------------
    state["stage"] = "load form page"
    mark = cdp.mark()
    nav = cdp.call("Page.navigate", {"url": url}, session=sess, timeout=left())
    if nav.get("errorText"):
        raise CheckError(f"navigation to {url} failed: {nav['errorText']}")
    if cdp.wait_event("Page.loadEventFired", mark, deadline, sess) is None:
        left()

    # -- attach the file ------------------------------------------------
    state["stage"] = "set file input"
    root = cdp.call("DOM.getDocument", {"depth": 0}, session=sess,
                    timeout=left())["root"]["nodeId"]
    files_node = cdp.call("DOM.querySelector",
                          {"nodeId": root, "selector": "#files"},
                          session=sess, timeout=left()).get("nodeId", 0)
    if not files_node:
        raise CheckError("no element matches '#files' on the form page")
    cdp.call("DOM.setFileInputFiles", {"files": [file_path], "nodeId": files_node},
             session=sess, timeout=left())
    # Sanity check: the input now holds the file.
    chk = evaluate(cdp, sess, "document.getElementById('files').files.length",
                   left(10))
    nfiles = chk.get("result", {}).get("value")
    if nfiles != 1:
        raise CheckError(f"file input holds {nfiles!r} files after "
                         f"DOM.setFileInputFiles: {chk}")

    submit_node = cdp.call("DOM.querySelector",
                           {"nodeId": root, "selector": "#submit"},
                           session=sess, timeout=left()).get("nodeId", 0)
    if not submit_node:
        raise CheckError("no element matches '#submit' on the form page")

    # -- submit -----------------------------------------------------------
    state["stage"] = "submit"
    nav_events = {"Page.frameRequestedNavigation", "Page.frameStartedLoading",
                  "Page.frameStartedNavigating", "Page.frameNavigated",
                  "Page.loadEventFired"}
    mark = cdp.mark()
    started = None
    res: dict = {"skipped": "--click mouse"}
    if click == "auto":
        res = evaluate(cdp, sess,
                       "document.getElementById('submit').click(); true", left(15))
        click_ok = "__error__" not in res and "exceptionDetails" not in res
        state["click_method"] = "Runtime.evaluate"
    else:
        click_ok = False
    if click_ok:
        started = cdp.wait_event(nav_events, mark, time.monotonic() + left(5), sess)
    if started is None:
        # Fallback: real mouse click at the centre of the button.
        state["click_method"] = "Input.dispatchMouseEvent"
        state["evaluate_click_result"] = res
        cdp.call("DOM.scrollIntoViewIfNeeded", {"nodeId": submit_node},
                 session=sess, timeout=left(), check=False)
        quad = cdp.call("DOM.getBoxModel", {"nodeId": submit_node},
                        session=sess, timeout=left())["model"]["border"]
        x = sum(quad[0::2]) / 4
        y = sum(quad[1::2]) / 4
        cdp.call("Input.dispatchMouseEvent",
                 {"type": "mouseMoved", "x": x, "y": y},
                 session=sess, timeout=left())
        for typ in ("mousePressed", "mouseReleased"):
            cdp.call("Input.dispatchMouseEvent",
                     {"type": typ, "x": x, "y": y, "button": "left",
                      "clickCount": 1}, session=sess, timeout=left())
        if cdp.wait_event(nav_events, mark, time.monotonic() + left(10), sess) is None:
            raise CheckError("clicking #submit did not start a navigation "
                             f"(evaluate result: {json.dumps(res)[:300]})")

    # -- wait for the report page ---------------------------------------
    state["stage"] = "wait for result page load"
    while cdp.wait_event("Page.loadEventFired", mark,
                         time.monotonic() + left(0.5), sess) is None:
        # A CSP-blocked submission still fires frameRequestedNavigation, but
        # no load ever follows: fail fast instead of waiting for the timeout.
        for e in cdp.errors:
            if "Content Security Policy" in str(e.get("text")) and \
                    "form-action" in str(e.get("text")):
                raise CheckError("form submission blocked by CSP form-action: "
                                 + str(e["text"]).strip())

    state["stage"] = "wait for data-rendered"
    last = None
    while True:
        r = evaluate(cdp, sess, POLL_EXPR, left(10))
        val = r.get("result", {}).get("value")
        if isinstance(val, str):
            try:
                last = json.loads(val)
            except ValueError:
                last = None
            state["last"] = last
            if last and last.get("rendered") is not None:
                break
        # Errors like "Execution context was destroyed" during navigation
        # are transient: just retry.
        time.sleep(min(0.25, max(deadline - time.monotonic(), 0)))
        left()

    state["elapsed"] = round(time.monotonic() - t0, 2)
    # Give late console errors a moment? No: report what we have now.
    return {"rendered": last.get("rendered"), "title": last.get("title"),
            "text": last.get("text"), "errors": list(cdp.errors)}


def shutdown(state: dict) -> None:
    proc: subprocess.Popen | None = state.get("proc")
    cdp: CDP | None = state.get("cdp")
    if proc is None:
        return
    if cdp is not None and not cdp.closed and proc.poll() is None:
        try:
            cdp.send("Browser.close")
            proc.wait(timeout=3)
        except Exception:
            pass
    # Kill whatever is left of the browser's process group (we started it
    # with start_new_session, so its pgid is its own pid).
    try:
        os.killpg(proc.pid, signal.SIGKILL)
    except (ProcessLookupError, PermissionError):
        pass
    try:
        proc.wait(timeout=5)
    except subprocess.TimeoutExpired:
        pass
    if cdp is not None:
        for fd in (cdp._wfd, cdp._rfd):
            try:
                os.close(fd)
            except OSError:
                pass


def main(argv: list[str]) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("url")
    ap.add_argument("file")
    ap.add_argument("--timeout", type=float, default=60.0,
                    help="overall timeout in seconds (default 60)")
    ap.add_argument("--click", choices=("auto", "mouse"), default="auto",
                    help="auto: Runtime.evaluate click(), falling back to a "
                         "synthetic mouse click; mouse: mouse click only")
    a = ap.parse_args(argv)

    file_path = os.path.abspath(a.file)
    if not os.path.isfile(file_path):
        print(f"page_check: no such file: {file_path}", file=sys.stderr)
        return 1
    if not os.access(CHROMIUM, os.X_OK):
        print(f"page_check: {CHROMIUM} not found", file=sys.stderr)
        return 1

    def on_term(signum, frame):  # make `finally` clean up on SIGTERM/SIGHUP
        raise SystemExit(f"page_check: killed by signal {signum}")
    signal.signal(signal.SIGTERM, on_term)
    signal.signal(signal.SIGHUP, on_term)

    tmpdir = tempfile.mkdtemp(prefix="page_check.")
    state: dict = {}
    try:
        try:
            out = run(a.url, file_path, a.timeout, tmpdir, state, a.click)
        except Exception as e:  # CheckError, or anything unexpected
            msg = str(e) if isinstance(e, CheckError) else f"internal error: {e!r}"
            print(f"page_check: {msg}", file=sys.stderr)
            if state.get("last") is not None:
                print("page_check: last page state: "
                      + json.dumps(state["last"])[:2000], file=sys.stderr)
            cdp = state.get("cdp")
            if cdp is not None and cdp.errors:
                print("page_check: page errors: " + json.dumps(cdp.errors)[:4000],
                      file=sys.stderr)
            proc = state.get("proc")
            if proc is not None and proc.poll() is not None:
                print(f"page_check: chromium exited with status {proc.returncode}",
                      file=sys.stderr)
            tail = log_tail(state.get("log", ""))
            if tail and (proc is None or proc.poll() is not None
                         or isinstance(e, ProtocolError)):
                print("page_check: chromium log tail:\n" + tail, file=sys.stderr)
            return 1
        if os.environ.get("PAGE_CHECK_DEBUG"):
            print(f"page_check: ok in {state.get('elapsed')}s, click via "
                  f"{state.get('click_method')}", file=sys.stderr)
        print(json.dumps(out, ensure_ascii=False))
        sys.stdout.flush()
        return 0
    except KeyboardInterrupt:
        print("page_check: interrupted", file=sys.stderr)
        return 1
    finally:
        shutdown(state)
        shutil.rmtree(tmpdir, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
