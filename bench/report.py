#!/usr/bin/env python3
"""Turn bench/out/raw.txt (written by bench/run.sh) into the results table
(stdout), results.json and throughput.png.

raw.txt has one record per line: space-separated key=value pairs; a `msg=`
pair, when present, is last and runs to the end of the line.

Exit status: 0 when the report was written (whatever the checks say),
2 when raw.txt could not be read.
"""

import argparse
import datetime
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys

MB = 1e6  # throughput and sizes are decimal megabytes, as hcloracle reports

TARGETS = {
    "parse_ratio": 30.0,       # ecslint parse MB/s >= 30x hcloracle
    "e2e_vs_oracle": 10.0,     # lint wall <= hcloracle parse_s / 10
    "precommit_ms": 20.0,      # 50-file repository, whole process
    "rss_factor": 3.0,         # peak RSS <= 3 x input bytes + 30 MB
    "rss_base_mb": 30.0,
    "scale_100_10": 11.0,      # 100 MB run <= 11 x the 10 MB run
    "thread_speedup": 1.7,     # 2 threads >= 1.7x faster than 1
}


def parse_raw(path):
    recs = []
    with open(path) as f:
        for line in f:
            line = line.rstrip("\n")
            if not line:
                continue
            rec = {}
            msg_at = line.find(" msg=")
            if line.startswith("msg="):
                msg_at = -1
                rec["msg"] = line[4:]
                line = ""
            elif msg_at >= 0:
                rec["msg"] = line[msg_at + 5:]
                line = line[:msg_at]
            for tok in line.split():
                k, _, v = tok.partition("=")
                rec[k] = num(v)
            recs.append(rec)
    return recs


def num(v):
    try:
        return int(v)
    except ValueError:
        try:
            return float(v)
        except ValueError:
            return v


def machine():
    model = "unknown"
    try:
        with open("/proc/cpuinfo") as f:
            for line in f:
                if line.startswith("model name"):
                    model = line.split(":", 1)[1].strip()
                    break
    except OSError:
        pass
    mem_kb = None
    try:
        with open("/proc/meminfo") as f:
            mem_kb = int(f.readline().split()[1])
    except (OSError, ValueError, IndexError):
        pass
    return {"cpu": model, "nproc": os.cpu_count(), "mem_kb": mem_kb,
            "kernel": platform.release(), "hostname": platform.node()}


NUMERIC = ("parse_s", "mbps", "process_s", "wall_s", "rss_kb", "files", "bytes", "ok", "err", "out_bytes", "exit")


class Group:
    """All runs of one (measure, tool, input, threads)."""

    def __init__(self, key):
        self.measure, self.tool, self.input, self.threads = key
        self.runs = []
        self.fail = None

    def add(self, rec):
        if rec.get("status") == "ok":
            self.runs.append({k: v for k, v in rec.items() if k not in ("m", "tool", "input", "threads", "status")})
        else:
            self.fail = rec.get("msg", "failed")

    @property
    def ok(self):
        return bool(self.runs) and self.fail is None

    def values(self, field):
        return [r[field] for r in self.runs if isinstance(r.get(field), (int, float))]

    def med(self, field):
        vals = self.values(field)
        return statistics.median(vals) if vals else None

    def to_json(self):
        d = {"measure": self.measure, "tool": self.tool, "input": self.input}
        if self.threads is not None:
            d["threads"] = self.threads
        d["status"] = "ok" if self.ok else "unavailable"
        if self.fail:
            d["message"] = self.fail
        if self.runs:
            d["median"] = {f: self.med(f) for f in NUMERIC if self.med(f) is not None}
            d["runs"] = self.runs
        return d


def merge_notes(notes):
    """(what, input, message) -> one line per (what, message) listing the inputs."""
    merged = {}
    for what, inp, msg in notes:
        merged.setdefault((what, msg), []).append(inp)
    return ["   note: %s [%s]: %s" % (what, ", ".join(inps), msg) for (what, msg), inps in merged.items()]


def fmt(v, spec=".2f", none="-"):
    return none if v is None else format(v, spec)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--raw", required=True)
    ap.add_argument("--out", required=True)
    ap.add_argument("--repo", default="")
    a = ap.parse_args()
    try:
        recs = parse_raw(a.raw)
    except OSError as e:
        print("report.py: %s" % e, file=sys.stderr)
        return 2

    config, git, tools, inputs, load = {}, {}, {}, {}, {}
    groups = {}
    order = []
    for r in recs:
        m = r.get("m")
        if m == "config":
            config = {k: v for k, v in r.items() if k != "m"}
        elif m == "load":
            load[r.get("when")] = r.get("avg1")
        elif m == "git":
            git = {k: v for k, v in r.items() if k != "m"}
        elif m == "tool":
            tools[r["tool"]] = {k: v for k, v in r.items() if k not in ("m", "tool")}
        elif m == "input":
            d = {k: v for k, v in r.items() if k not in ("m", "input")}
            if a.repo and isinstance(d.get("path"), str) and d["path"].startswith(a.repo + "/"):
                d["path"] = d["path"][len(a.repo) + 1:]
            inputs.setdefault(r["input"], {}).update(d)
        else:
            key = (m, r.get("tool"), r.get("input"), r.get("threads"))
            if key not in groups:
                groups[key] = Group(key)
                order.append(key)
            groups[key].add(r)

    def g(measure, tool, inp, threads=None):
        return groups.get((measure, tool, inp, threads))

    nproc = os.cpu_count() or 1
    mach = machine()
    input_names = [n for n in inputs if inputs[n].get("status") != "fail" and n != "gen-50files"]
    gen_inputs = [n for n in input_names if n.startswith("gen-")]

    def in_bytes(n):
        return inputs.get(n, {}).get("bytes")

    lines = []
    p = lines.append
    p("ecslint benchmark  %s  |  %s, %d cores  |  commit %s%s  |  runs=%s%s" % (
        datetime.datetime.now().strftime("%Y-%m-%d %H:%M"), mach["cpu"], nproc,
        git.get("commit", "?"), " (dirty tree)" if git.get("dirty") == 1 else "",
        config.get("runs", "?"), " QUICK" if config.get("quick") == 1 else ""))
    p("load average (1 min) at start %s, at end %s%s" % (
        load.get("start", "?"), load.get("end", "?"),
        "  << busy machine: other processes compete for the %d cores; numbers are noisy" % nproc
        if any(isinstance(v, (int, float)) and v > 0.5 * nproc for v in load.values()) else ""))
    p("tools: " + "  ".join("%s=%s" % (t, v.get("status")) for t, v in tools.items()))
    for t, v in tools.items():
        if v.get("status") != "ok":
            p("  %s: %s" % (t, v.get("msg", "")))
    for n, v in inputs.items():
        if v.get("status") == "fail":
            p("  input %s: %s" % (n, v.get("msg", "")))

    # a. parse
    p("")
    p("a. Parse throughput, single thread (in-memory file set; median of runs; MB = 1e6 bytes)")
    p("   %-12s %7s %8s | %14s %14s %9s" % ("input", "files", "MB", "hcloracle MB/s", "ecslint MB/s", "ratio"))
    notes = []
    for n in input_names:
        o, e = g("parse", "hcloracle", n), g("parse", "ecslint", n)
        om = o.med("mbps") if o and o.ok else None
        em = e.med("mbps") if e and e.ok else None
        ratio = em / om if om and em else None
        p("   %-12s %7s %8s | %14s %14s %9s" % (
            n, inputs[n].get("files", "?"), fmt(in_bytes(n) / MB if in_bytes(n) else None),
            fmt(om) if om is not None else "n/a", fmt(em) if em is not None else "n/a",
            fmt(ratio, ".1f") + "x" if ratio else "-"))
        for grp in (o, e):
            if grp and grp.fail:
                notes.append(("%s parse" % grp.tool, n, grp.fail))
            elif grp and grp.ok and grp.med("err"):
                notes.append(("%s parse" % grp.tool, n, "%d file(s) with parse errors" % grp.med("err")))
    lines.extend(merge_notes(notes))

    # b. end-to-end
    p("")
    p("b. End-to-end lint: ecslint --format json --threads T PATH (whole process; median, and the runs' range:")
    p("   a wide one means the machine's speed changed during the rounds)")
    p("   %-12s %7s | %8s %15s %9s %9s %12s %13s" % (
        "input", "threads", "wall s", "runs min-max s", "MB/s", "files/s", "peak RSS MB", "RSS limit MB"))
    notes = []
    lint_threads = sorted({k[3] for k in groups if k[0] == "lint"}, key=lambda t: (t is None, t))
    for n in input_names:
        for th in lint_threads:
            grp = g("lint", "ecslint", n, th)
            if grp is None:
                continue
            if not grp.ok:
                p("   %-12s %7s | %8s" % (n, th, "n/a"))
                notes.append(("lint --threads %s" % th, n, grp.fail))
                continue
            w = grp.med("wall_s")
            walls = grp.values("wall_s")
            spread = "%.3f-%.3f" % (min(walls), max(walls)) if walls else "-"
            rss = grp.med("rss_kb")
            b = in_bytes(n)
            p("   %-12s %7s | %8s %15s %9s %9s %12s %13s" % (
                n, th, fmt(w, ".3f"), spread, fmt(b / MB / w if w else None, ".1f"),
                fmt(inputs[n].get("files", 0) / w if w else None, ".0f"),
                fmt(rss * 1024 / MB if rss is not None else None, ".1f"),
                fmt((TARGETS["rss_factor"] * b + TARGETS["rss_base_mb"] * MB) / MB, ".1f")))
    lines.extend(merge_notes(notes))

    # c. pre-commit
    p("")
    p("c. Pre-commit latency: 50-file generated repository, process start to exit")
    for tool, label in (("ecslint", "ecslint --format json DIR"), ("hcloracle", "hcloracle -q DIR (reference)")):
        grp = g("precommit", tool, "gen-50files")
        if grp is None:
            continue
        if grp.ok:
            method = grp.runs[0].get("method", "?")
            p("   %-30s median %7.2f ms  (min %.2f, max %.2f, %d runs, %s)" % (
                label, grp.med("wall_s") * 1000, min(r["wall_s"] for r in grp.runs) * 1000,
                max(r["wall_s"] for r in grp.runs) * 1000, len(grp.runs), method))
        else:
            p("   %-30s n/a: %s" % (label, grp.fail))

    # d. scaling
    p("")
    p("d. Scaling (end-to-end, --threads 0)")
    by_size = sorted((in_bytes(n), n) for n in gen_inputs if in_bytes(n))
    prev = None
    for b, n in by_size:
        grp = g("lint", "ecslint", n, 0)
        w = grp.med("wall_s") if grp and grp.ok else None
        extra = ""
        if w and prev and prev[1]:
            extra = "   x%.2f time for x%.1f bytes vs %s" % (w / prev[1], b / prev[0], prev[2])
        p("   %-12s %8s s%s" % (n, fmt(w, ".3f", "n/a"), extra))
        prev = (b, w, n)
    th2 = 0 if nproc == 2 else 2
    largest = by_size[-1][1] if by_size else None
    speedup = None
    if largest:
        g1, g2 = g("lint", "ecslint", largest, 1), g("lint", "ecslint", largest, th2)
        if g1 and g2 and g1.ok and g2.ok:
            speedup = g1.med("wall_s") / g2.med("wall_s")
        p("   threads 1 -> 2 on %s: %s" % (largest, fmt(speedup, ".2f", "n/a") + ("x" if speedup else "")))

    # e. contracts
    p("")
    p("e. ecslint contracts PATH (whole process; median)")
    for n in input_names:
        grp = g("contracts", "ecslint", n)
        if grp is None:
            continue
        if grp.ok:
            w = grp.med("wall_s")
            rss = grp.med("rss_kb")
            p("   %-12s %8.3f s %9.1f MB/s  peak RSS %s MB" % (n, w, in_bytes(n) / MB / w, fmt(rss * 1024 / MB if rss else None, ".1f")))
        else:
            p("   %-12s not available: %s" % (n, grp.fail))

    # checks
    checks = []

    def check(name, target, results, na_reason):
        """results: list of (label, value, passed)."""
        if not results:
            checks.append({"name": name, "target": target, "status": "N/A", "detail": na_reason})
            return
        status = "PASS" if all(r[2] for r in results) else "FAIL"
        checks.append({"name": name, "target": target, "status": status,
                       "detail": ", ".join("%s %s" % (r[0], r[1]) for r in results)})

    res = []
    for n in input_names:
        o, e = g("parse", "hcloracle", n), g("parse", "ecslint", n)
        if o and e and o.ok and e.ok and o.med("mbps"):
            r = e.med("mbps") / o.med("mbps")
            res.append((n, "%.1fx (%.1f vs %.1f MB/s)" % (r, e.med("mbps"), o.med("mbps")), r >= TARGETS["parse_ratio"]))
    check("parse throughput vs hcloracle", ">= %gx hcloracle MB/s, single thread" % TARGETS["parse_ratio"], res,
          "needs both parse measurements (ecslint parse: %s)" % (
              next((g_.fail for k, g_ in groups.items() if k[0] == "parse" and k[1] == "ecslint" and g_.fail), "no data")))

    res = []
    for n in input_names:
        o, e = g("parse", "hcloracle", n), g("lint", "ecslint", n, 0)
        if o and e and o.ok and e.ok:
            r = o.med("parse_s") / e.med("wall_s")
            res.append((n, "%.1fx (lint %.3f s vs oracle parse %.3f s)" % (r, e.med("wall_s"), o.med("parse_s")),
                        r >= TARGETS["e2e_vs_oracle"]))
    check("end-to-end lint vs hcloracle parse", ">= %gx faster (all rules, --threads 0)" % TARGETS["e2e_vs_oracle"], res,
          "needs hcloracle parse and ecslint lint (lint: %s)" % (
              next((g_.fail for k, g_ in groups.items() if k[0] == "lint" and g_.fail), "no data")))

    grp = g("precommit", "ecslint", "gen-50files")
    res = []
    if grp and grp.ok:
        ms = grp.med("wall_s") * 1000
        res.append(("50 files", "%.2f ms" % ms, ms <= TARGETS["precommit_ms"]))
    check("pre-commit latency", "<= %g ms median, 50 files" % TARGETS["precommit_ms"], res,
          grp.fail if grp and grp.fail else "not measured")

    res = []
    for n in input_names:
        for th in lint_threads:
            grp = g("lint", "ecslint", n, th)
            if grp and grp.ok and grp.med("rss_kb") is not None and in_bytes(n):
                rss = max(r["rss_kb"] for r in grp.runs if isinstance(r.get("rss_kb"), int)) * 1024
                lim = TARGETS["rss_factor"] * in_bytes(n) + TARGETS["rss_base_mb"] * MB
                res.append(("%s/t%s" % (n, th), "%.0f<=%.0f MB" % (rss / MB, lim / MB) if rss <= lim else "%.0f>%.0f MB" % (rss / MB, lim / MB),
                            rss <= lim))
    check("peak RSS (max over runs)", "<= %gx input bytes + %g MB" % (TARGETS["rss_factor"], TARGETS["rss_base_mb"]), res,
          "needs ecslint lint runs")

    res = []
    g10, g100 = g("lint", "ecslint", "gen-10MB", 0), g("lint", "ecslint", "gen-100MB", 0)
    if g10 and g100 and g10.ok and g100.ok:
        r = g100.med("wall_s") / g10.med("wall_s")
        res.append(("100MB/10MB", "%.2fx (%.3f s / %.3f s)" % (r, g100.med("wall_s"), g10.med("wall_s")), r <= TARGETS["scale_100_10"]))
    check("scaling 10 MB -> 100 MB", "<= %gx the 10 MB time" % TARGETS["scale_100_10"], res,
          "needs ecslint lint on gen-10MB and gen-100MB")

    res = []
    if speedup is not None:
        res.append((largest, "%.2fx" % speedup, speedup >= TARGETS["thread_speedup"]))
    check("thread scaling 1 -> 2", ">= %gx faster with 2 threads" % TARGETS["thread_speedup"], res,
          "fewer than 2 cores" if nproc < 2 else "needs ecslint lint with --threads 1 and 2")

    p("")
    p("Checks")
    for c in checks:
        p("   [%-4s] %-36s target %-42s %s" % (c["status"], c["name"], c["target"], c["detail"]))

    text = "\n".join(lines) + "\n"
    sys.stdout.write(text)

    results = {
        "schema": 1,
        "date": datetime.datetime.now().astimezone().isoformat(timespec="seconds"),
        "machine": mach,
        "load_avg_1min": load,
        "git": git,
        "config": config,
        "tools": tools,
        "inputs": inputs,
        "targets": TARGETS,
        "measurements": [groups[k].to_json() for k in order],
        "checks": checks,
    }
    with open(os.path.join(a.out, "results.json"), "w") as f:
        json.dump(results, f, indent=1)
        f.write("\n")
    with open(os.path.join(a.out, "results.txt"), "w") as f:
        f.write(text)
    plot(a.out, inputs, gen_inputs, g, input_names)
    return 0


def plot(out, inputs, gen_inputs, g, input_names):
    """throughput.png: MB/s vs input size, log-log."""
    png = os.path.join(out, "throughput.png")
    if os.path.exists(png):
        os.remove(png)
    if not shutil.which("gnuplot"):
        print("(gnuplot not installed: no throughput.png)", file=sys.stderr)
        return
    series = [("hcloracle parse (1 thread)", "parse", "hcloracle", None, "mbps"),
              ("ecslint parse (1 thread)", "parse", "ecslint", None, "mbps"),
              ("ecslint lint --threads 1", "lint", "ecslint", 1, "wall_s"),
              ("ecslint lint --threads 0", "lint", "ecslint", 0, "wall_s")]

    def value(n, s):
        grp = g(s[1], s[2], n, s[3])
        if not grp or not grp.ok:
            return None
        if s[4] == "mbps":
            return grp.med("mbps")
        w = grp.med("wall_s")
        return inputs[n]["bytes"] / MB / w if w else None

    rows = []
    for n in sorted(gen_inputs, key=lambda n: inputs[n].get("bytes", 0)):
        rows.append([inputs[n]["bytes"] / MB] + [value(n, s) for s in series])
    used = [i for i in range(len(series)) if any(r[i + 1] is not None for r in rows)]
    corpus_pts = []
    if "corpus" in input_names:
        corpus_pts = [(series[i][0], value("corpus", series[i])) for i in used]
        corpus_pts = [(lbl, v) for lbl, v in corpus_pts if v is not None]
    if not used:
        print("(no throughput data: no throughput.png)", file=sys.stderr)
        return
    dat = os.path.join(out, "throughput.dat")
    with open(dat, "w") as f:
        f.write("# size_MB " + " | ".join(s[0] for s in series) + "\n")
        for r in rows:
            f.write(" ".join("?" if v is None else "%.6g" % v for v in r) + "\n")
    cmds = [
        'set terminal pngcairo size 960,600 font ",10"',
        'set output "%s"' % png,
        'set title "ecslint vs hcloracle: throughput vs input size (generated Terraform)"',
        "set logscale xy",
        'set xlabel "input size (MB)"',
        'set ylabel "MB/s"',
        "set grid",
        "set key outside top center horizontal",
        "set xrange [0.5:200]",
        'set datafile missing "?"',
    ]
    plots = ['"%s" using 1:%d with linespoints lw 2 pt 7 lc %d title "%s"' % (dat, i + 2, i + 1, series[i][0]) for i in used]
    for i in used:
        if value("corpus", series[i]) is not None and "corpus" in input_names:
            plots.append("'-' using 1:2 with points pt 5 ps 2 lc %d title \"%s, real corpus\"" % (i + 1, series[i][0]))
    script = "\n".join(cmds) + "\nplot " + ", \\\n     ".join(plots) + "\n"
    for lbl, v in corpus_pts:
        script += "%.6g %.6g\ne\n" % (inputs["corpus"]["bytes"] / MB, v)
    with open(os.path.join(out, "throughput.gp"), "w") as f:
        f.write(script)
    proc = subprocess.run(["gnuplot"], input=script, capture_output=True, text=True)
    if proc.returncode != 0:
        print("(gnuplot failed: %s)" % proc.stderr.strip()[:300], file=sys.stderr)


if __name__ == "__main__":
    sys.exit(main())
