#!/usr/bin/env bash
# Renders a bundle's report.html in headless Chromium and checks that it really rendered.
#
#   scripts/report-browser-check.sh REPORT.html OUT.png
#
# Checks: the page's script finished (body data-rendered="ok"), #report-errors is empty, nothing
# was logged to the console (no errors, uncaught exceptions or blocked network requests), the HTML
# outside the embedded data references nothing external, at least 3 <svg> charts each hold a <rect>
# or <path>, and OUT.png (a 1280x2000 screenshot) exists and is not blank (its decoded pixels take
# more than 8 distinct values).
#
# Exit codes: 0 all checks pass; 1 a check failed; 2 usage or unreadable input; 3 chromium is not
# installed (install it first: apt-get install -y chromium).
set -euo pipefail

if [ $# -ne 2 ]; then
    echo "usage: $0 REPORT.html OUT.png" >&2
    exit 2
fi
report=$1
png=$2
if [ ! -r "$report" ]; then
    echo "FAIL: cannot read $report" >&2
    exit 2
fi

browser=""
for candidate in chromium chromium-browser; do
    if command -v "$candidate" >/dev/null 2>&1; then
        browser=$(command -v "$candidate")
        break
    fi
done
if [ -z "$browser" ]; then
    echo "chromium not installed"
    exit 3
fi

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
url="file://$(cd "$(dirname "$report")" && pwd)/$(basename "$report")"
flags=(--headless --no-sandbox --disable-gpu --disable-dev-shm-usage --no-first-run --no-default-browser-check
    --hide-scrollbars --user-data-dir="$work/profile" --enable-logging=stderr --v=0)

rm -f "$png"
if ! timeout 300 "$browser" "${flags[@]}" --dump-dom "$url" >"$work/dom.html" 2>"$work/dom.log"; then
    echo "FAIL: chromium --dump-dom failed ($(tail -n 1 "$work/dom.log"))"
    exit 1
fi
if ! timeout 300 "$browser" "${flags[@]}" --window-size=1280,2000 --screenshot="$png" "$url" >/dev/null 2>"$work/shot.log"; then
    echo "FAIL: chromium --screenshot failed ($(tail -n 1 "$work/shot.log"))"
    exit 1
fi

python3 - "$report" "$work/dom.html" "$png" "$work/dom.log" "$work/shot.log" <<'PY'
import re, struct, sys, zlib
from html.parser import HTMLParser

report, dom_path, png_path = sys.argv[1:4]
problems = []

class Dom(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.rendered = None
        self.errors = None      # text of #report-errors while inside it, then final text
        self.in_errors = False
        self.svgs = []          # per <svg>: number of <rect>/<path> inside
        self.depth = 0          # svg nesting depth

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "body":
            self.rendered = a.get("data-rendered")
        elif tag == "pre" and a.get("id") == "report-errors":
            self.in_errors, self.errors = True, ""
        elif tag == "svg":
            if self.depth == 0:
                self.svgs.append(0)
            self.depth += 1
        elif tag in ("rect", "path") and self.depth:
            self.svgs[-1] += 1

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)
        if tag == "svg":
            self.depth -= 1

    def handle_endtag(self, tag):
        if tag == "pre" and self.in_errors:
            self.in_errors = False
        elif tag == "svg" and self.depth:
            self.depth -= 1

    def handle_data(self, data):
        if self.in_errors:
            self.errors += data

dom = Dom()
dom.feed(open(dom_path, encoding="utf-8", errors="replace").read())
if dom.rendered != "ok":
    problems.append(f'body data-rendered is {dom.rendered!r}, not "ok"')
if dom.errors is None:
    problems.append("no #report-errors element")
elif dom.errors.strip():
    problems.append("#report-errors: " + dom.errors.strip().splitlines()[0][:200])
charts = [n for n in dom.svgs if n > 0]
if len(charts) < 3:
    problems.append(f"{len(charts)} <svg> charts with a <rect> or <path> (want at least 3)")

# The page never writes to the console: any console line is an error, an uncaught exception or a
# request blocked by the page's Content-Security-Policy (Chromium logs them all at INFO level).
console = [line for log in sys.argv[4:6] for line in open(log, encoding="utf-8", errors="replace") if ":CONSOLE" in line]
if console:
    problems.append("console: " + console[0].strip().split("] ", 1)[-1][:200])

# Nothing external outside the embedded data.
html = open(report, encoding="utf-8", errors="replace").read()
page = re.sub(r'(<script type="application/json" id="report-data">).*?(</script>)', r"\1\2", html, flags=re.S)
ext = re.search(r'\b(?:src|href)\s*=\s*["\']?(?:https?:|//)|@import|url\(\s*["\']?(?:https?:|//)|<link\b', page, re.I)
if ext:
    problems.append("external reference in the page: " + ext.group(0))

def png_colours(path, enough=64):
    """Distinct pixel values of an 8-bit RGB/RGBA/grey PNG (stops counting at `enough`)."""
    raw = open(path, "rb").read()
    if raw[:8] != b"\x89PNG\r\n\x1a\n":
        raise ValueError("not a PNG")
    pos, idat, ihdr = 8, [], None
    while pos < len(raw):
        length, ctype = struct.unpack(">I4s", raw[pos:pos + 8])
        body = raw[pos + 8:pos + 8 + length]
        if ctype == b"IHDR":
            ihdr = struct.unpack(">IIBBBBB", body)
        elif ctype == b"IDAT":
            idat.append(body)
        elif ctype == b"IEND":
            break
        pos += 12 + length
    width, height, depth, colour, _, _, interlace = ihdr
    channels = {0: 1, 2: 3, 4: 2, 6: 4}.get(colour)
    if depth != 8 or channels is None or interlace:
        raise ValueError(f"unsupported PNG (depth {depth}, colour type {colour}, interlace {interlace})")
    data = zlib.decompress(b"".join(idat))
    bpp, stride = channels, width * channels
    prev = bytearray(stride)
    seen = set()
    for y in range(height):
        ftype = data[y * (stride + 1)]
        line = bytearray(data[y * (stride + 1) + 1:(y + 1) * (stride + 1)])
        if ftype == 1:
            for i in range(bpp, stride):
                line[i] = (line[i] + line[i - bpp]) & 255
        elif ftype == 2:
            line = bytearray((a + b) & 255 for a, b in zip(line, prev))
        elif ftype == 3:
            for i in range(stride):
                left = line[i - bpp] if i >= bpp else 0
                line[i] = (line[i] + ((left + prev[i]) >> 1)) & 255
        elif ftype == 4:
            for i in range(stride):
                a = line[i - bpp] if i >= bpp else 0
                b, c = prev[i], (prev[i - bpp] if i >= bpp else 0)
                p = a + b - c
                pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                line[i] = (line[i] + (a if pa <= pb and pa <= pc else b if pb <= pc else c)) & 255
        seen.update(bytes(line[i:i + bpp]) for i in range(0, stride, bpp))
        if len(seen) >= enough:
            break
        prev = line
    return width, height, len(seen)

try:
    w, h, colours = png_colours(png_path)
    if colours <= 8:
        problems.append(f"screenshot looks blank ({colours} distinct pixel values)")
except (OSError, ValueError, TypeError, zlib.error, struct.error) as e:
    problems.append(f"screenshot unreadable: {e}")
    w = h = colours = 0

if problems:
    print("FAIL: " + "; ".join(problems))
    sys.exit(1)
print(f"OK: rendered, no errors, {len(charts)} SVG charts, screenshot {w}x{h} with {colours if colours < 64 else '64+'} pixel values")
PY
