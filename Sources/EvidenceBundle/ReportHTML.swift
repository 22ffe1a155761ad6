import Foundation

/// The self-contained HTML report of a bundle: one file, no network, the data embedded as JSON.
enum ReportHTML {
    /// The line of `template` that `render` replaces with the data.
    static let placeholder = "/*REPORT-DATA*/"

    /// Returns the complete HTML5 report for `data`, deterministically (same data, same bytes).
    ///
    /// `data` is the report JSON document (UTF-8 text, already valid JSON: tool, validationTime,
    /// profiles, counts, kinds, sampling, requirements, items). It is embedded verbatim in
    /// `<script type="application/json" id="report-data">`, except that every `</` becomes `<\/`
    /// and every `<!--` becomes `\u003C!--`: both are valid JSON escapes (a `<` can only occur
    /// inside a JSON string) and neither lets the data close or confuse the script element. The
    /// page's inline script parses the data and draws the summary, the SVG charts and the tables;
    /// a Content-Security-Policy forbids any network access.
    static func render(data: String) -> String {
        let embedded =
            data
            .replacingOccurrences(of: "<!--", with: "\\u003C!--")
            .replacingOccurrences(of: "</", with: "<\\/")
        guard let range = template.range(of: placeholder) else { return template }
        return template.replacingCharacters(in: range, with: embedded)
    }

    /// The page; the data goes in place of `placeholder`. A raw string: no escapes, no interpolation.
    private static let template = #"""
        <!DOCTYPE html>
        <html lang="en">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:">
        <title>TrustAudit conformity report</title>
        <style>
        :root{--ok:#2e7d32;--obs:#1565c0;--min:#d97706;--maj:#c62828;--ink:#1d2530;--mute:#5b6675;--line:#dde2e8;--bg:#f4f6f9}
        *{box-sizing:border-box}
        body{margin:0;font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,sans-serif;color:var(--ink);background:var(--bg)}
        header{background:#1f2a37;color:#fff;padding:18px 32px 16px}
        header h1{margin:0;font-size:21px;font-weight:600}
        header .sub{color:#b9c3cf;font-size:13px;margin-top:2px}
        main{max-width:1240px;margin:0 auto;padding:8px 24px 48px}
        section{background:#fff;border:1px solid var(--line);border-radius:6px;padding:16px 20px;margin:16px 0}
        h2{font-size:16px;margin:0 0 12px}
        h3{font-size:13px;margin:0 0 6px;color:var(--mute);font-weight:600;text-transform:uppercase;letter-spacing:.04em}
        dl.meta{display:grid;grid-template-columns:max-content 1fr;gap:3px 18px;margin:0 0 14px;font-size:13px}
        dl.meta dt{color:var(--mute)}dl.meta dd{margin:0}
        .cards{display:grid;grid-template-columns:repeat(5,1fr);gap:12px;margin-bottom:14px}
        .card{border:1px solid var(--line);border-left:5px solid var(--c,#64748b);border-radius:4px;padding:8px 12px;cursor:pointer;background:#fff}
        .card:hover{background:#f3f6fb}.card b{display:block;font-size:24px;line-height:1.2}.card span{font-size:12px;color:var(--mute)}
        .two{display:grid;grid-template-columns:1fr 1fr;gap:20px;align-items:start}
        .charts{display:grid;grid-template-columns:1fr 1.25fr;gap:18px}
        .chart{border:1px solid var(--line);border-radius:4px;padding:10px 12px;display:flex;flex-direction:column}.chart>div{flex:1;display:flex;align-items:center}.chart.wide{grid-column:1/-1}
        .chart svg{display:block;font-size:12px}.chart p{margin:6px 0 0;font-size:12px;color:var(--mute)}
        svg text{fill:#334155}svg .lbl{font-size:11.5px}svg .val{font-size:11.5px;font-weight:600}svg .ax{stroke:#94a3b8;fill:none}
        svg .grid{stroke:#e5e9ef}svg [data-filter]{cursor:pointer}svg [data-filter]:hover rect{opacity:.8}
        table{border-collapse:collapse;width:100%;font-size:13px}
        th,td{text-align:left;padding:5px 8px;border-bottom:1px solid var(--line);vertical-align:top}
        th{background:#eef1f5;font-weight:600;position:sticky;top:0;z-index:1}
        .nw{white-space:nowrap}.n{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}
        [data-filter],tr.item{cursor:pointer}tr[data-filter]:hover,tr.item:hover,td[data-filter]:hover{background:#eef4ff}
        .chip{display:inline-block;padding:1px 8px;border-radius:10px;font-size:11.5px;font-weight:600;color:#fff;background:var(--c);white-space:nowrap}
        .mute{color:var(--mute)}.sub{font-size:12px;color:var(--mute)}
        .clamp{display:-webkit-box;-webkit-line-clamp:2;-webkit-box-orient:vertical;overflow:hidden}
        .mono{font-family:ui-monospace,"SFMono-Regular",Menlo,Consolas,monospace;font-size:12px;overflow-wrap:anywhere}
        .scroll{max-height:540px;overflow:auto;border:1px solid var(--line);border-radius:4px}
        .scroll table th{box-shadow:0 1px 0 var(--line)}
        .controls{display:flex;flex-wrap:wrap;gap:8px;align-items:center;margin-bottom:10px}
        input,select,button{font:inherit;font-size:13px;padding:4px 8px;border:1px solid #b8c0cc;border-radius:4px;background:#fff;color:inherit}
        input[type=search]{flex:1 1 220px;min-width:200px}button{cursor:pointer}button:disabled{opacity:.45;cursor:default}
        .tag{background:#e8eefc;border:1px solid #b9c8ef;border-radius:12px;padding:1px 4px 1px 10px;font-size:12px}
        .tag button{border:0;background:none;padding:0 6px}
        .status{display:flex;justify-content:space-between;align-items:center;gap:8px;font-size:12.5px;color:var(--mute);margin:6px 0}
        .pager{display:flex;gap:6px;align-items:center;justify-content:flex-end;margin-top:8px;font-size:13px}
        tr.item td:first-child::before{content:"\25B8";display:inline-block;width:14px;color:var(--mute)}
        tr.item.open td:first-child::before{content:"\25BE"}
        tr.detail>td{background:#f8fafc;padding:10px 14px 14px 30px}
        tr.detail table{background:#fff;border:1px solid var(--line)}tr.detail th{position:static;background:#f1f4f8}
        dl.kv{display:grid;grid-template-columns:max-content 1fr;gap:2px 14px;margin:0 0 8px;font-size:12.5px}dl.kv dd{margin:0}
        .sampling{border-left:4px solid var(--obs);background:#f1f6fd;padding:8px 12px;margin:0 0 14px;font-size:13px}
        #report-errors{color:#fff;background:var(--maj);padding:12px;margin:12px 24px;white-space:pre-wrap}#report-errors:empty{display:none}
        .print-only{display:none}
        @media print{
        @page{size:A4;margin:14mm 12mm}
        body{background:#fff;font-size:10pt}*{-webkit-print-color-adjust:exact;print-color-adjust:exact}
        main{max-width:none;padding:0}section{border:0;padding:0;margin:0 0 14pt}
        .controls,.pager,.noprint{display:none!important}.print-only{display:block}
        .scroll{max-height:none;overflow:visible;border:0}th{position:static}
        .chart,.card,tr{break-inside:avoid}.clamp{display:block;overflow:visible}
        tr.detail.hf{display:table-row!important}h2,h3{break-after:avoid}tr.item td:first-child::before{content:none}
        .cards{grid-template-columns:repeat(5,1fr)}
        }
        </style>
        </head>
        <body>
        <header><h1>eIDAS conformity audit report</h1><div class="sub" id="tool">TrustAudit</div></header>
        <pre id="report-errors"></pre>
        <noscript><p style="margin:24px">This report needs JavaScript to draw its tables and charts; the data is embedded in this file as JSON (element <code>report-data</code>).</p></noscript>
        <main>
        <section id="summary"><h2>Summary</h2>
        <dl class="meta" id="meta"></dl><div class="sampling" id="sampling" hidden></div>
        <div class="cards" id="cards"></div>
        <div class="two"><div><h3>Items by kind and verdict</h3><div id="crosstab"></div></div><div><h3>Conclusion</h3><div id="conclusion"></div></div></div>
        </section>
        <section id="charts"><h2>Charts</h2><div class="charts">
        <div class="chart"><h3>Verdicts</h3><div id="chart-verdicts"></div></div>
        <div class="chart"><h3>Top failing requirements</h3><div id="chart-top"></div></div>
        <div class="chart wide"><h3>Validity: items by end of validity (notAfter)</h3><div id="chart-validity"></div><p id="validity-note"></p></div>
        </div></section>
        <section id="findings"><h2>Findings by requirement</h2><p class="sub" id="findings-note"></p><div class="scroll" id="findings-table"></div></section>
        <section id="coverage"><h2>Requirement coverage</h2><p class="sub" id="coverage-note"></p><div class="scroll" id="coverage-table"></div></section>
        <section id="items"><h2>Items</h2>
        <div class="controls">
        <input type="search" id="q" placeholder="Search source, subject, SHA-256, requirement, message…" aria-label="Search items">
        <select id="f-verdict" aria-label="Verdict filter"></select><select id="f-kind" aria-label="Kind filter"></select>
        <select id="f-sort" aria-label="Sort order"><option value="index">Order: index</option><option value="severity">Order: verdict severity</option><option value="notAfter">Order: notAfter</option></select>
        <span id="f-req"></span><button type="button" id="reset">Reset filters</button>
        </div>
        <div class="status"><span id="status"></span><span class="noprint"><button type="button" id="expand">Expand page</button> <button type="button" id="collapse">Collapse all</button></span></div><p class="print-only sub" id="print-note"></p>
        <div id="items-table"></div><div class="pager" id="pager"></div>
        </section>
        </main>
        <script type="application/json" id="report-data">
        /*REPORT-DATA*/
        </script>
        <script>
        (function () {
        'use strict';
        const errBox = document.getElementById('report-errors');
        function fail(e) { errBox.textContent += (e && e.stack ? e.stack : String(e)) + '\n'; document.body.dataset.rendered = 'error'; }
        window.addEventListener('error', ev => fail(ev.error || ev.message));
        const VERDICTS = ['major', 'minor', 'observation', 'conforming'];
        const VL = {conforming: 'Conforming', observation: 'Observation', minor: 'Minor non-conformity', major: 'Major non-conformity'};
        const COL = {conforming: '#2e7d32', observation: '#1565c0', minor: '#d97706', major: '#c62828'};
        const RANK = {conforming: 0, observation: 1, minor: 2, major: 3};
        const OL = {fail: 'Fail', notChecked: 'Not checked', notApplicable: 'Not applicable', pass: 'Pass', error: 'Error'};
        const ORANK = {fail: 0, error: 1, notChecked: 2, notApplicable: 3, pass: 4};
        const KL = {certificate: 'Certificate', timestamp: 'Time-stamp token', trustedList: 'Trusted list', crl: 'CRL', ocspResponse: 'OCSP response', unknown: 'Unrecognised'};
        const HC = {expired: '#a3acb9', soon: '#e9a23b', later: '#3b6fb6'};
        const PAGE = 200, DAY = 86400000;
        const $ = id => document.getElementById(id);
        const ENT = {'&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;'};
        const esc = s => String(s == null ? '' : s).replace(/[&<>"']/g, c => ENT[c]);
        const num = n => String(n == null ? 0 : n).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
        const pct = (a, b) => b ? (100 * a / b).toFixed(1) + ' %' : '–';
        const rate = x => x == null ? '–' : (+(x * 100).toFixed(2)) + ' %';
        const kl = k => KL[k] || k || '–';
        const chip = v => v ? '<span class="chip" style="--c:' + (COL[v] || '#64748b') + '">' + esc(VL[v] || v) + '</span>' : '<span class="mute">–</span>';
        const attrs = f => ' data-filter tabindex="0"' + Object.keys(f).map(k => ' data-f' + k + '="' + esc(f[k]) + '"').join('');
        const svg = (w, h, body, label) => '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ' + w + ' ' + h + '" width="100%" role="img" aria-label="' + esc(label) + '">' + body + '</svg>';
        const txt = (x, y, s, cls, anchor) => '<text x="' + x + '" y="' + y + '"' + (cls ? ' class="' + cls + '"' : '') + (anchor ? ' text-anchor="' + anchor + '"' : '') + '>' + esc(s) + '</text>';
        const rect = (x, y, w, h, fill) => '<rect x="' + x.toFixed(1) + '" y="' + y.toFixed(1) + '" width="' + Math.max(0, w).toFixed(1) + '" height="' + Math.max(0, h).toFixed(1) + '" fill="' + fill + '"/>';
        const trunc = (s, n) => s.length > n ? s.slice(0, n - 1) + '…' : s;
        const stdShort = s => String(s || '').replace(/^(ETSI|IETF|CA\/B Forum)\s+/, '');
        let D, items, reqs, reqById, filtered = [], hay = null, timer = 0;
        const state = {q: '', verdict: '', kind: '', req: '', sort: 'index', page: 0};
        const open = new Set();

        function counts() {
          const c = D.counts || {}, out = {items: c.items != null ? c.items : items.length};
          VERDICTS.forEach(v => { out[v] = c[v] != null ? c[v] : items.filter(it => it.verdict === v).length; });
          return out;
        }
        function kindsSeen() {
          const ks = Object.keys(D.kinds || {});
          items.forEach(it => { if (ks.indexOf(it.kind) < 0) ks.push(it.kind); });
          return ks;
        }

        function summary() {
          const t = D.tool || {}, c = counts(), s = D.sampling;
          $('tool').textContent = 'Generated by ' + (t.name || 'trustaudit') + ' ' + (t.version || '') + ' · validation time ' + (D.validationTime || 'unknown');
          const manual = reqs.filter(r => r.automation === 'manual').length;
          const meta = [['Validation time', D.validationTime || '–'], ['Profiles', (D.profiles || []).join(', ') || '–'], ['Items audited', num(c.items)],
            ['Requirements', num(reqs.length) + ' (' + num(reqs.length - manual) + ' evaluated automatically, ' + num(manual) + ' to be checked by the auditor)'],
            ['Tool', (t.name || 'trustaudit') + ' ' + (t.version || '')]];
          $('meta').innerHTML = meta.map(m => '<dt>' + esc(m[0]) + '</dt><dd>' + esc(m[1]) + '</dd>').join('');
          if (s) {
            $('sampling').hidden = false;
            $('sampling').innerHTML = '<b>Statistical sample.</b> The items are a sample of ' + num(s.sampleSize) + ' out of a population of ' + num(s.populationCount) +
              ' items (method: ' + esc(s.method) + ', seed ' + esc(s.seed) + '; confidence ' + rate(s.confidence) + ', tolerable deviation rate ' + rate(s.tolerableRate) +
              ', expected deviation rate ' + rate(s.expectedRate) + ').<br>Population SHA-256: <span class="mono">' + esc(s.populationSHA256) + '</span>';
          }
          $('cards').innerHTML = '<div class="card"' + attrs({}) + '><span>All items</span><b>' + num(c.items) + '</b><span>' + num(reqs.length) + ' requirements</span></div>' +
            VERDICTS.map(v => '<div class="card" style="--c:' + COL[v] + '"' + attrs({verdict: v}) + '><span>' + VL[v] + '</span><b>' + num(c[v]) + '</b><span>' + pct(c[v], c.items) + ' of items</span></div>').join('');
          const ks = kindsSeen(), m = {};
          ks.forEach(k => { m[k] = {total: 0}; VERDICTS.forEach(v => { m[k][v] = 0; }); });
          items.forEach(it => { const r = m[it.kind]; if (r) { r.total++; if (r[it.verdict] != null) r[it.verdict]++; } });
          let h = '<table><thead><tr><th>Kind</th>' + VERDICTS.map(v => '<th class="n">' + VL[v] + '</th>').join('') + '<th class="n">Total</th></tr></thead><tbody>';
          ks.forEach(k => { h += '<tr><td class="nw">' + esc(kl(k)) + '</td>' + VERDICTS.map(v => '<td class="n"' + (m[k][v] ? attrs({verdict: v, kind: k}) : '') + '>' + num(m[k][v]) + '</td>').join('') +
            '<td class="n"' + attrs({kind: k}) + '><b>' + num(m[k].total) + '</b></td></tr>'; });
          h += '<tr><th>Total</th>' + VERDICTS.map(v => '<th class="n">' + num(items.filter(it => it.verdict === v).length) + '</th>').join('') + '<th class="n">' + num(items.length) + '</th></tr>';
          $('crosstab').innerHTML = ks.length ? h + '</tbody></table>' : '<p class="mute">No items.</p>';
          const nc = c.major + c.minor, failing = reqs.filter(r => r.fail > 0);
          $('conclusion').innerHTML = '<p>' + (c.items ? num(nc) + ' of ' + num(c.items) + ' items (' + pct(nc, c.items) + ') show a non-conformity: ' + num(c.major) + ' major, ' + num(c.minor) +
            ' minor. ' + num(c.observation) + ' carry observations only; ' + num(c.conforming) + ' are conforming.' : 'The bundle contains no items.') + '</p><p>' +
            num(failing.length) + ' requirement' + (failing.length === 1 ? '' : 's') + ' failed on at least one item (' + num(failing.filter(r => r.grade === 'major').length) + ' graded major). ' +
            num(manual) + ' requirement' + (manual === 1 ? '' : 's') + ' cannot be evaluated by the tool and must be checked by the auditor (see coverage).</p>';
        }

        function arc(cx, cy, R, r, a0, a1) {
          if (a1 - a0 >= 2 * Math.PI - 1e-9) return arc(cx, cy, R, r, a0, a0 + Math.PI) + ' ' + arc(cx, cy, R, r, a0 + Math.PI, a1);
          const L = a1 - a0 > Math.PI ? 1 : 0, p = (q, t) => (cx + q * Math.cos(t)).toFixed(2) + ' ' + (cy + q * Math.sin(t)).toFixed(2);
          return 'M' + p(R, a0) + ' A' + R + ' ' + R + ' 0 ' + L + ' 1 ' + p(R, a1) + ' L' + p(r, a1) + ' A' + r + ' ' + r + ' 0 ' + L + ' 0 ' + p(r, a0) + ' Z';
        }
        function chartVerdicts() {
          const c = counts(), tot = VERDICTS.reduce((a, v) => a + c[v], 0);
          let a = -Math.PI / 2, out = tot ? '' : '<path d="' + arc(100, 100, 88, 56, 0, 2 * Math.PI) + '" fill="#e2e8f0"/>';
          VERDICTS.forEach(v => {
            if (!c[v]) return;
            const b = a + 2 * Math.PI * c[v] / tot;
            out += '<g' + attrs({verdict: v}) + '><title>' + esc(VL[v] + ': ' + num(c[v])) + '</title><path d="' + arc(100, 100, 88, 56, a, b) + '" fill="' + COL[v] + '" stroke="#fff" stroke-width="1.5"/></g>';
            a = b;
          });
          out += '<text x="100" y="100" text-anchor="middle" style="font-size:' + (num(tot).length > 5 ? 19 : 24) + 'px;font-weight:700">' + num(tot) + '</text>' + txt(100, 118, 'items', 'lbl', 'middle');
          VERDICTS.forEach((v, i) => {
            const y = 42 + i * 34;
            out += '<g' + attrs({verdict: v}) + '>' + rect(214, y - 11, 14, 14, COL[v]) + txt(236, y, VL[v], 'lbl') + txt(470, y, num(c[v]), 'val', 'end') + txt(470, y + 14, pct(c[v], tot), 'lbl', 'end') + '</g>';
          });
          $('chart-verdicts').innerHTML = svg(480, 200, out, 'Items by verdict');
        }
        function chartTop() {
          const top = reqs.filter(r => r.fail > 0).sort((a, b) => b.fail - a.fail || (RANK[b.grade] || 0) - (RANK[a.grade] || 0) || (a.id < b.id ? -1 : 1)).slice(0, 10);
          const W = 640, lw = 250, rh = 25, H = Math.max(3, top.length) * rh + 26, max = Math.max(1, ...top.map(r => r.fail));
          let out = '<path class="ax" d="M' + lw + ' 2 V' + (H - 22) + ' H' + (W - 10) + '"/>' + txt(W - 10, H - 6, 'failing items / evaluated', 'lbl', 'end') +
            ['major', 'minor', 'observation'].map((g, i) => rect(4 + i * 78, H - 15, 10, 10, COL[g]) + txt(18 + i * 78, H - 6, g[0].toUpperCase() + g.slice(1), 'lbl')).join('');
          top.forEach((r, i) => {
            const y = 4 + i * rh, w = (W - lw - 120) * r.fail / max;
            out += '<g' + attrs({req: r.id}) + '><title>' + esc(r.id + ' — ' + r.standard + ' ' + (r.clause || '') + ': ' + (r.text || '') + ' (' + r.fail + ' of ' + r.evaluated + ' items fail)') + '</title>' +
              txt(lw - 8, y + 13, trunc(r.id + '  ' + stdShort(r.standard) + ' § ' + (r.clause || '–'), 40), 'lbl', 'end') + rect(lw + 1, y + 1, Math.max(2, w), rh - 8, COL[r.grade] || '#64748b') +
              txt(lw + w + 7, y + 13, num(r.fail) + ' / ' + num(r.evaluated), 'val') + '</g>';
          });
          if (!top.length) out += txt((lw + W) / 2, H / 2, 'No requirement failed', 'lbl', 'middle');
          $('chart-top').innerHTML = svg(W, H, out, 'Top failing requirements');
        }
        function chartValidity() {
          const vt = Date.parse(D.validationTime || ''), ym = s => +s.slice(0, 4) * 12 + (+s.slice(5, 7)) - 1;
          const pts = []; let none = 0, lo = Infinity, hi = -Infinity;
          items.forEach(it => {
            const t = it.notAfter ? Date.parse(it.notAfter) : NaN;
            if (isNaN(t)) { none++; return; }
            const m = ym(it.notAfter), cls = !isNaN(vt) && t < vt ? 'expired' : !isNaN(vt) && t - vt <= 90 * DAY ? 'soon' : 'later';
            pts.push([m, cls]); if (m < lo) lo = m; if (m > hi) hi = m;
          });
          const vm = isNaN(vt) ? NaN : ym(D.validationTime) + (new Date(vt).getUTCDate() - 1) / 31;
          if (!isNaN(vm)) { lo = Math.min(lo, Math.floor(vm)); hi = Math.max(hi, Math.floor(vm)); }
          if (!isFinite(lo)) { lo = hi = 0; }
          const step = hi - lo + 1 > 72 ? 12 : 1; if (step === 12) { lo -= ((lo % 12) + 12) % 12; }
          const n = Math.floor((hi - lo) / step) + 1, B = [];
          for (let i = 0; i < n; i++) B.push({expired: 0, soon: 0, later: 0});
          const tally = {expired: 0, soon: 0, later: 0};
          pts.forEach(p => { B[Math.floor((p[0] - lo) / step)][p[1]]++; tally[p[1]]++; });
          const max0 = Math.max(1, ...B.map(b => b.expired + b.soon + b.later)), mag = Math.pow(10, Math.floor(Math.log10(max0 / 4)));
          const ys = Math.max(1, [1, 2, 5, 10].map(f => f * mag).find(v => v >= max0 / 4)), ymax = Math.ceil(max0 / ys) * ys;
          const W = 1160, H = 250, L = 48, R = 12, T = 26, Bt = 34, pw = W - L - R, ph = H - T - Bt, bw = pw / n;
          let out = '';
          for (let v = 0; v <= ymax; v += ys) { const y = T + ph * (1 - v / ymax); out += '<path class="grid" d="M' + L + ' ' + y + ' H' + (W - R) + '"/>' + txt(L - 6, y + 4, num(v), 'lbl', 'end'); }
          if (!pts.length) out += txt(L + pw / 2, T + ph / 2, 'No item has a validity period', 'lbl', 'middle');
          const lab = m => step === 12 ? String(Math.floor(m / 12)) : Math.floor(m / 12) + '-' + String(m % 12 + 1).padStart(2, '0');
          B.forEach((b, i) => {
            let y = T + ph; const x = L + i * bw + Math.min(1, bw * 0.1), w = Math.max(1, bw - 2 * Math.min(1, bw * 0.1)), tot = b.expired + b.soon + b.later;
            if (tot) {
              out += '<g><title>' + esc(lab(lo + i * step) + ': ' + tot + ' item(s); ' + b.expired + ' expired, ' + b.soon + ' within 90 days, ' + b.later + ' later') + '</title>';
              ['expired', 'soon', 'later'].forEach(k => { if (b[k]) { const h = ph * b[k] / ymax; y -= h; out += rect(x, y, w, h, HC[k]); } });
              out += '</g>';
            }
          });
          const every = Math.max(1, Math.ceil(64 / bw));
          for (let i = 0; i < n; i += every) out += txt(L + i * bw + bw / 2, H - Bt + 16, lab(lo + i * step), 'lbl', 'middle');
          out += '<path class="ax" d="M' + L + ' ' + T + ' V' + (T + ph) + ' H' + (W - R) + '"/>';
          if (!isNaN(vm)) {
            const x = (L + (vm - lo) / step * bw).toFixed(1), right = +x > W - 260;
            out += '<path d="M' + x + ' ' + (T - 6) + ' V' + (T + ph) + '" stroke="#111827" stroke-width="1.5" stroke-dasharray="5 3"/>' +
              txt(right ? +x - 6 : +x + 6, T - 10, 'Validation time ' + D.validationTime.slice(0, 10), 'val', right ? 'end' : null);
          }
          const lg = isNaN(vt) ? [['later', 'Items (validation time unknown)']] : [['expired', 'Expired at validation time'], ['soon', 'Expires within 90 days'], ['later', 'Valid for more than 90 days']];
          let lx = L + 4;
          lg.forEach(l => { const s = l[1] + ' (' + num(tally[l[0]]) + ')'; out += rect(lx, H - 12, 11, 11, HC[l[0]]) + txt(lx + 16, H - 2, s, 'lbl'); lx += 16 + s.length * 6.4 + 24; });
          $('chart-validity').innerHTML = svg(W, H + 8, out, 'Items by end of validity');
          $('validity-note').textContent = num(pts.length) + ' items have a notAfter; bars count them by ' + (step === 12 ? 'year' : 'month') + ' of notAfter, split by their state at the validation time.' +
            (none ? ' ' + num(none) + ' items have no notAfter (e.g. time-stamp tokens or unreadable items).' : '');
        }

        function std(r) { const s = String(r.standard || '–'); return s.length <= 20 ? '<span class="nw">' + esc(s) + '</span>' : esc(s); }
        function reqCell(r, id) {
          return '<b>' + esc(id) + '</b>' + (r && r.text ? '<div class="sub clamp" title="' + esc(r.text) + '">' + esc(r.text) + '</div>' : '');
        }
        function findingsTable() {
          const rows = reqs.filter(r => r.fail > 0).sort((a, b) => (RANK[b.grade] || 0) - (RANK[a.grade] || 0) || b.fail - a.fail || (a.id < b.id ? -1 : 1));
          $('findings-note').textContent = rows.length ? 'Requirements that failed on at least one item, most severe first. Click a row to list its failing items.' : '';
          if (!rows.length) { $('findings-table').innerHTML = '<p class="mute" style="margin:8px">No requirement failed on any item.</p>'; return; }
          $('findings-table').innerHTML = '<table><thead><tr>' +
            '<th>Requirement</th><th>Standard</th><th>Version</th><th>Clause</th><th>Level</th><th>Grade</th><th class="n">Failing items</th><th class="n">Evaluated</th><th class="n">Failure rate</th></tr></thead><tbody>' +
            rows.map(r => '<tr' + attrs({req: r.id}) + '><td style="width:34%">' + reqCell(r, r.id) + '</td><td>' + std(r) + '</td><td>' + esc(r.version || '–') + '</td><td>' + esc(r.clause || '–') +
              '</td><td>' + esc(r.level || '–') + '</td><td>' + chip(r.grade) + '</td><td class="n"><b>' + num(r.fail) + '</b></td><td class="n">' + num(r.evaluated) + '</td><td class="n">' + pct(r.fail, r.evaluated) + '</td></tr>').join('') +
            '</tbody></table>';
        }
        function coverage() {
          const auto = reqs.filter(r => r.automation !== 'manual'), manual = reqs.length - auto.length;
          $('coverage-note').textContent = 'Every requirement of the profiles used. ' + num(auto.length) + ' are evaluated automatically (' + num(auto.filter(r => r.fail > 0).length) + ' with failures, ' +
            num(auto.filter(r => !r.evaluated).length) + ' not evaluated on any item); ' + num(manual) + ' must be checked by the auditor.';
          if (!reqs.length) { $('coverage-table').innerHTML = '<p class="mute" style="margin:8px">No requirements.</p>'; return; }
          $('coverage-table').innerHTML = '<table><thead><tr><th>Requirement</th><th>Source</th><th>Level</th><th>Evaluation</th><th class="n">Evaluated</th><th class="n">Pass</th><th class="n">Fail</th>' +
            '<th class="n">Not applicable</th><th class="n">Not checked</th><th>Result</th></tr></thead><tbody>' + reqs.map(r => {
              const src = std(r) + '<div class="sub">' + (r.version ? esc(r.version) + ' · ' : '') + '§ ' + esc(r.clause || '–') + '</div>';
              const head = '<td style="width:32%">' + reqCell(r, r.id) + '</td><td>' + src + '</td><td>' + esc(r.level || '–') + '</td>';
              if (r.automation === 'manual') return '<tr>' + head + '<td>Manual</td><td colspan="5" class="mute">To be checked by the auditor</td><td><span class="chip" style="--c:#64748b">Auditor</span></td></tr>';
              const res = r.fail > 0 ? chip(r.grade || 'major') : !r.evaluated ? '<span class="mute">Not evaluated</span>' : r.pass > 0 ? '<span style="color:var(--ok);font-weight:600">Met</span>' : '<span class="mute">Not applicable</span>';
              return '<tr' + (r.fail > 0 ? attrs({req: r.id}) : '') + '>' + head + '<td>Automatic</td><td class="n">' + num(r.evaluated) + '</td><td class="n">' + num(r.pass) + '</td><td class="n">' +
                (r.fail ? '<b>' + num(r.fail) + '</b>' : '0') + '</td><td class="n">' + num(r.notApplicable) + '</td><td class="n">' + num(r.notChecked) + '</td><td class="nw">' + res + '</td></tr>';
            }).join('') + '</tbody></table>';
        }

        function haystack(it) {
          return [it.index, it.source, it.sha256, it.subject, it.profile, it.kind, it.type, it.verdict, VL[it.verdict]].concat((it.findings || []).map(f => f.requirement + ' ' + (f.message || '') + ' ' + (f.observed || ''))).join('\n').toLowerCase();
        }
        function applyFilters() {
          const terms = state.q.trim().toLowerCase().split(/\s+/).filter(Boolean);
          if (terms.length && !hay) hay = items.map(haystack);
          const out = [];
          for (let i = 0; i < items.length; i++) {
            const it = items[i];
            if (state.verdict && it.verdict !== state.verdict) continue;
            if (state.kind && it.kind !== state.kind) continue;
            if (state.req && !(it.findings || []).some(f => f.requirement === state.req && f.outcome === 'fail')) continue;
            if (terms.length && !terms.every(t => hay[i].indexOf(t) >= 0)) continue;
            out.push(i);
          }
          if (state.sort === 'severity') out.sort((a, b) => RANK[items[b].verdict] - RANK[items[a].verdict] || a - b);
          if (state.sort === 'notAfter') out.sort((a, b) => ((items[a].notAfter || '~') < (items[b].notAfter || '~') ? -1 : (items[a].notAfter || '~') > (items[b].notAfter || '~') ? 1 : a - b));
          filtered = out; state.page = 0; renderPage();
        }
        function detail(it) {
          const r0 = it.notAfter && D.validationTime && Date.parse(it.notAfter) < Date.parse(D.validationTime) ? ' <span class="chip" style="--c:#64748b">expired at validation time</span>' : '';
          const kv = [['SHA-256', '<span class="mono">' + esc(it.sha256 || '–') + '</span>'], ['Type', esc(it.type || '–')], ['Subject', esc(it.subject || '–')],
            ['Validity', esc(it.notBefore || '–') + ' → ' + esc(it.notAfter || '–') + r0]];
          const fs = (it.findings || []).slice().sort((a, b) => (ORANK[a.outcome] || 0) - (ORANK[b.outcome] || 0) || (RANK[b.grade] || 0) - (RANK[a.grade] || 0) || (a.requirement < b.requirement ? -1 : 1));
          return '<dl class="kv">' + kv.map(p => '<dt class="mute">' + p[0] + '</dt><dd>' + p[1] + '</dd>').join('') + '</dl>' + (fs.length ? '<table><thead><tr><th>Requirement</th><th>Outcome</th><th>Grade</th>' +
            '<th>Observed</th><th>Expected</th><th>Location</th><th>Message</th></tr></thead><tbody>' + fs.map(f => {
              const r = reqById.get(f.requirement);
              return '<tr><td><b>' + esc(f.requirement) + '</b>' + (r ? '<div class="sub">' + esc(stdShort(r.standard) + ' § ' + (r.clause || '–')) + '</div>' : '') + '</td><td class="nw">' + esc(OL[f.outcome] || f.outcome) +
                '</td><td>' + chip(f.grade) + '</td><td class="mono">' + esc(f.observed == null ? '–' : f.observed) + '</td><td class="mono">' + esc(f.expected == null ? '–' : f.expected) +
                '</td><td class="mono">' + esc(f.location == null ? '–' : f.location) + '</td><td>' + esc(f.message == null ? '–' : f.message) + '</td></tr>';
            }).join('') + '</tbody></table>' : '<p class="mute" style="margin:0">All applicable checks passed.</p>');
        }
        function renderPage() {
          const pages = Math.max(1, Math.ceil(filtered.length / PAGE));
          state.page = Math.min(Math.max(0, state.page), pages - 1);
          const start = state.page * PAGE, slice = filtered.slice(start, start + PAGE);
          const range = filtered.length ? num(start + 1) + '–' + num(start + slice.length) + ' of ' + num(filtered.length) : '0';
          $('status').textContent = 'Showing items ' + range + (filtered.length !== items.length ? ' matching the filters (' + num(items.length) + ' in total)' : '') + '. Click a row for its findings.';
          $('print-note').textContent = 'Printed: items ' + range + ', with the findings of each; the complete list is in the evidence bundle.';
          const r = state.req ? reqById.get(state.req) : null;
          $('f-req').innerHTML = state.req ? '<span class="tag">Failing ' + esc(state.req) + (r ? ' (' + esc(stdShort(r.standard) + ' § ' + (r.clause || '–')) + ')' : '') + '<button type="button" id="clear-req" aria-label="Clear requirement filter">×</button></span>' : '';
          if (!slice.length) { $('items-table').innerHTML = '<p class="mute">' + (items.length ? 'No item matches the filters.' : 'The bundle contains no items.') + '</p>'; }
          else {
            $('items-table').innerHTML = '<table><thead><tr><th class="n">#</th><th>Source</th><th>Kind</th><th>Profile</th><th>Not after</th><th>Verdict</th><th class="n">Findings</th></tr></thead><tbody>' +
              slice.map(i => {
                const it = items[i], fs = it.findings || [], nf = fs.filter(f => f.outcome === 'fail').length, nc = fs.filter(f => f.outcome === 'notChecked').length, o = open.has(i);
                return '<tr class="item' + (o ? ' open' : '') + '" data-item="' + i + '" tabindex="0" aria-expanded="' + o + '"><td class="n">' + esc(it.index) + '</td><td style="width:36%"><span class="mono">' + esc(it.source) + '</span>' +
                  (it.subject ? '<div class="sub">' + esc(trunc(it.subject, 110)) + '</div>' : '') + '</td><td>' + esc(kl(it.kind)) + (it.type ? '<div class="sub">' + esc(it.type) + '</div>' : '') + '</td><td class="nw">' +
                  esc(it.profile || '–') + '</td><td class="n">' + esc(it.notAfter ? it.notAfter.slice(0, 10) : '–') + '</td><td>' + chip(it.verdict) + '</td><td class="n">' + (nf ? '<b>' + nf + '</b> failed' : '–') +
                  (nc ? '<div class="sub">' + nc + ' not checked</div>' : '') + '</td></tr><tr class="detail' + (fs.length ? ' hf' : '') + '" data-detail="' + i + '"' + (o ? '' : ' hidden') + '><td colspan="7">' + detail(it) + '</td></tr>';
              }).join('') + '</tbody></table>';
          }
          $('pager').innerHTML = pages > 1 ? '<button type="button" data-page="0"' + (state.page ? '' : ' disabled') + '>« First</button><button type="button" data-page="' + (state.page - 1) + '"' + (state.page ? '' : ' disabled') +
            '>‹ Previous</button><span>Page ' + num(state.page + 1) + ' of ' + num(pages) + '</span><button type="button" data-page="' + (state.page + 1) + '"' + (state.page < pages - 1 ? '' : ' disabled') +
            '>Next ›</button><button type="button" data-page="' + (pages - 1) + '"' + (state.page < pages - 1 ? '' : ' disabled') + '>Last »</button>' : '';
        }
        function syncControls() { $('q').value = state.q; $('f-verdict').value = state.verdict; $('f-kind').value = state.kind; $('f-sort').value = state.sort; }
        function controls() {
          $('f-verdict').innerHTML = '<option value="">All verdicts</option>' + VERDICTS.map(v => '<option value="' + v + '">' + VL[v] + '</option>').join('');
          $('f-kind').innerHTML = '<option value="">All kinds</option>' + kindsSeen().map(k => '<option value="' + esc(k) + '">' + esc(kl(k)) + '</option>').join('');
          $('q').addEventListener('input', () => { clearTimeout(timer); timer = setTimeout(() => { state.q = $('q').value; applyFilters(); }, 180); });
          $('f-verdict').addEventListener('change', () => { state.verdict = $('f-verdict').value; applyFilters(); });
          $('f-kind').addEventListener('change', () => { state.kind = $('f-kind').value; applyFilters(); });
          $('f-sort').addEventListener('change', () => { state.sort = $('f-sort').value; applyFilters(); });
          $('reset').addEventListener('click', () => { Object.assign(state, {q: '', verdict: '', kind: '', req: ''}); syncControls(); applyFilters(); });
          $('expand').addEventListener('click', () => { filtered.slice(state.page * PAGE, state.page * PAGE + PAGE).forEach(i => open.add(i)); renderPage(); });
          $('collapse').addEventListener('click', () => { open.clear(); renderPage(); });
          document.addEventListener('click', ev => {
            const t = ev.target;
            if (t.closest('#clear-req')) { state.req = ''; applyFilters(); return; }
            const pg = t.closest('[data-page]');
            if (pg) { state.page = +pg.dataset.page; renderPage(); $('items').scrollIntoView(); return; }
            const row = t.closest('tr.item');
            if (row) {
              const i = +row.dataset.item, o = !open.has(i), d = row.nextElementSibling;
              if (o) open.add(i); else open.delete(i);
              row.classList.toggle('open', o); row.setAttribute('aria-expanded', String(o)); d.hidden = !o; return;
            }
            const f = t.closest('[data-filter]');
            if (f) {
              Object.assign(state, {q: '', verdict: f.dataset.fverdict || '', kind: f.dataset.fkind || '', req: f.dataset.freq || ''});
              syncControls(); applyFilters(); $('items').scrollIntoView();
            }
          });
          document.addEventListener('keydown', ev => {
            if ((ev.key === 'Enter' || ev.key === ' ') && ev.target.matches && ev.target.matches('[data-filter],tr.item')) { ev.preventDefault(); ev.target.dispatchEvent(new MouseEvent('click', {bubbles: true})); }
          });
        }

        try {
          D = JSON.parse($('report-data').textContent);
          items = D.items || []; reqs = D.requirements || [];
          reqById = new Map(reqs.map(r => [r.id, r]));
          summary(); chartVerdicts(); chartTop(); chartValidity(); findingsTable(); coverage(); controls(); applyFilters();
          if (!errBox.textContent) document.body.dataset.rendered = 'ok';
        } catch (e) { fail(e); }
        })();
        </script>
        </body>
        </html>
        """#
}
