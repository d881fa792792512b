#!/usr/bin/env python3
"""Differential test of `ecslint parse` against hcloracle (HashiCorp's Go parser).

For every input file both tools must agree on the verdict (OK / ERR) and, for
rejected files, on the start line:column of the first diagnostic; for accepted
native-syntax files the `-dump -ranges` trees must be identical. Differences
listed in known_differences.txt (path, then a reason) are reported but allowed.
"""
import argparse
import difflib
import os
import subprocess
import sys


def run(cmd, cwd):
    proc = subprocess.run(cmd, cwd=cwd, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    if proc.returncode not in (0, 1):
        sys.exit(f"error: {' '.join(cmd[:3])}... exited {proc.returncode}: {proc.stderr.decode(errors='replace')[:2000]}")
    return proc.stdout.decode("utf-8", errors="surrogateescape")


def parse_output(text):
    """Maps path -> {'status', 'diags': [...], 'dump': str}."""
    files = {}
    current = None
    for line in text.split("\n"):
        if line.startswith("OK ") or line.startswith("ERR ") or line.startswith("WARN "):
            status, path = line.split(" ", 1)
            current = {"status": status, "diags": [], "dump": []}
            files[path] = current
        elif line.startswith("TOTAL "):
            current = None
        elif current is not None:
            if current["status"] == "OK":
                current["dump"].append(line)
            elif line.startswith("  "):
                current["diags"].append(line.strip())
    for rec in files.values():
        rec["dump"] = "\n".join(rec["dump"]).rstrip("\n")
    return files


def first_position(diag):
    # "path:L:C-L:C: error: ..." -> "L:C"
    head = diag.split(": error: ", 1)[0]
    span = head.rsplit(":", 2)
    return ":".join(span[-2:]).split("-")[0] if len(span) >= 3 else head


def load_allowlist(path):
    allowed = {}
    if not os.path.exists(path):
        return allowed
    with open(path, encoding="utf-8") as f:
        for raw in f:
            line = raw.strip()
            if not line or line.startswith("#"):
                continue
            parts = line.split(None, 1)
            if len(parts) < 2:
                sys.exit(f"error: {path}: entry without a reason: {line}")
            allowed[parts[0]] = parts[1]
    return allowed


def compare(path, ours, theirs):
    """Returns None when both agree, else a one-paragraph explanation."""
    if ours is None or theirs is None:
        return "missing from " + ("ecslint" if ours is None else "hcloracle") + " output"
    if ours["status"] != theirs["status"]:
        why = f"verdict: ecslint {ours['status']}, hcloracle {theirs['status']}"
        if theirs["diags"]:
            why += f"\n      hcloracle: {theirs['diags'][0]}"
        if ours["diags"]:
            why += f"\n      ecslint:   {ours['diags'][0]}"
        return why
    if ours["status"] == "ERR":
        a, b = first_position(ours["diags"][0]), first_position(theirs["diags"][0])
        if a != b:
            return f"first error at {a}, hcloracle at {b}\n      hcloracle: {theirs['diags'][0]}\n      ecslint:   {ours['diags'][0]}"
        return None
    if ours["dump"] != theirs["dump"]:
        diff = list(difflib.unified_diff(theirs["dump"].split("\n"), ours["dump"].split("\n"), "hcloracle", "ecslint", n=0, lineterm=""))
        shown = "\n".join("      " + d[:300] for d in diff[2:14])
        return "AST dump differs:\n" + shown
    return None


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--ecslint", required=True)
    ap.add_argument("--oracle", required=True)
    ap.add_argument("--shared", required=True)
    ap.add_argument("--allowlist", required=True)
    ap.add_argument("--sets", default="probes,specsuite,corpus")
    args = ap.parse_args()

    shared = os.path.abspath(args.shared)
    sets = []
    for name in args.sets.split(","):
        if name == "probes":
            dirs = sorted(d for d in ("hcl-probes/set1", "hcl-probes/set2") if os.path.isdir(os.path.join(shared, d)))
            sets.append(("probes", dirs))
        elif name == "specsuite":
            files = []
            for root, _, names in os.walk(os.path.join(shared, "hcl-specsuite/tests")):
                for n in names:
                    if n.endswith(".hcl") or n.endswith(".hcl.json"):
                        files.append(os.path.relpath(os.path.join(root, n), shared))
            sets.append(("specsuite", sorted(files)))
        elif name == "corpus":
            sets.append(("corpus", ["corpus"] if os.path.isdir(os.path.join(shared, "corpus")) else []))
    allowed = load_allowlist(args.allowlist)
    used_allow = set()

    passed = failed = allowed_count = 0
    for set_name, inputs in sets:
        if not inputs:
            print(f"[{set_name}] no inputs found; skipped")
            continue
        theirs = parse_output(run([args.oracle, "-dump", "-ranges"] + inputs, shared))
        ours = parse_output(run([args.ecslint, "parse", "--dump", "--ranges"] + inputs, shared))
        s_pass = s_fail = s_allow = 0
        for path in sorted(set(theirs) | set(ours)):
            why = compare(path, ours.get(path), theirs.get(path))
            if why is None:
                s_pass += 1
                if path in allowed:
                    print(f"  note: {path} now agrees; its known_differences entry can go")
                    used_allow.add(path)
                continue
            if path in allowed:
                s_allow += 1
                used_allow.add(path)
                print(f"  allowed: {path}: {allowed[path]}")
                continue
            s_fail += 1
            print(f"  FAIL {path}: {why}")
        print(f"[{set_name}] {s_pass + s_fail + s_allow} files: {s_pass} agree, {s_allow} known differences, {s_fail} fail")
        passed += s_pass + s_allow
        failed += s_fail
        allowed_count += s_allow
    print(f"{passed} passed, {failed} failed ({passed + failed} files; {allowed_count} of the passes are listed known differences)")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
