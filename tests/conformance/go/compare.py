#!/usr/bin/env python3
"""Go as the oracle of the conformance suite.

Builds the Go twins (twins/) with the local Go toolchain, runs every case's
twin many times under GOMAXPROCS=1 and 2, and checks that each outcome Go
produced is one the case declares (else the declaration is wrong) and one
the explorer's exhaustive search produces (else the explorer misses a real
behaviour). Cases about data races are also run built with -race: Go's race
detector and the explorer must agree on race or no race. Exits 77 (ctest's
SKIP_RETURN_CODE) when `go` is not on PATH.
"""
import argparse
import os
import shutil
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor

SKIP = 77


def build(go, src, out, race, env):
    cmd = [go, "build", "-o", out] + (["-race"] if race else []) + ["."]
    subprocess.run(cmd, cwd=src, env=env, check=True)


def explorer_view(cases_bin, name):
    """The case as the C++ side declares it, with the explorer's outcome set."""
    text = subprocess.run([cases_bin, "--case", name], capture_output=True, text=True, check=True).stdout
    view = {"allowed": set(), "explorer": set(), "known": "", "race": "none", "complete": "0"}
    for line in text.splitlines():
        key, _, value = line.partition(" ")
        if key in ("allowed", "explorer"):
            view[key].add(value)
        elif key == "explore_known_failing":
            view["known"] = value
        elif key in ("race", "complete"):
            view[key] = value
    return view


def go_outcomes(twins, name, runs, env):
    seen = {}
    for procs in (1, 2):
        out = subprocess.run([twins, "-case", name, "-runs", str(runs), "-procs", str(procs)],
                             capture_output=True, text=True, env=env, timeout=120)
        if out.returncode != 0:
            raise RuntimeError(f"twin {name} failed ({out.returncode}): {out.stderr.strip()[:400]}")
        for line in out.stdout.splitlines():
            count, _, outcome = line.partition("\t")
            seen[outcome] = seen.get(outcome, 0) + int(count)
    return seen


def go_races(twins_race, name, runs, env):
    out = subprocess.run([twins_race, "-case", name, "-runs", str(runs)], capture_output=True, text=True,
                         env=env, timeout=120)
    return "WARNING: DATA RACE" in out.stderr


def check(name, args, env):
    """One case: (status, lines); status is ok, known or FAIL."""
    view = explorer_view(args.cases, name)
    notes, bad, known = [], False, False
    if view["complete"] != "1":
        return "FAIL", [f"{name}: the explorer's search was cut by a limit"]
    explorer_races = any(o.endswith("data race") for o in view["explorer"])
    if view["race"] != "none":
        go_race = go_races(args.twins_race, name, args.race_runs, env)
        want = view["race"] == "racy"
        if go_race != want or explorer_races != want:
            bad = True
            notes.append(f"{name}: race expected {want}: Go -race says {go_race}, the explorer says {explorer_races}")
    if view["race"] != "racy":
        seen = go_outcomes(args.twins, name, args.runs, env)
        for outcome, count in sorted(seen.items()):
            if outcome not in view["allowed"]:
                bad = True
                notes.append(f"{name}: Go gave an outcome the case does not declare ({count}x): {outcome}")
            elif outcome not in view["explorer"]:
                if view["known"]:
                    known = True
                    notes.append(f"{name}: known failing ({view['known']}): explorer lacks Go's {outcome}")
                else:
                    bad = True
                    notes.append(f"{name}: Go gave an outcome the explorer never produces ({count}x): {outcome}")
        if len(view["allowed"]) == 1 and set(seen) != view["allowed"]:
            bad = True
            notes.append(f"{name}: deterministic case, Go gave {sorted(seen)}")
    return ("FAIL" if bad else "known" if known else "ok"), notes


def main():
    p = argparse.ArgumentParser(description=__doc__)
    p.add_argument("--cases", required=True, help="the conformance_tests binary")
    p.add_argument("--src", required=True, help="the twins' source directory")
    p.add_argument("--build", required=True, help="where to build the twins and keep Go's cache")
    p.add_argument("--runs", type=int, default=200, help="runs per GOMAXPROCS setting")
    p.add_argument("--race-runs", type=int, default=20)
    # Cases that sleep wait more than they compute: more than the 2 cores.
    p.add_argument("--jobs", type=int, default=4)
    p.add_argument("only", nargs="*", help="check only these cases")
    args = p.parse_args()

    go = shutil.which("go")
    if not go:
        print("SKIPPED: no `go` on PATH; the Go twins need Go 1.19 or later")
        return SKIP
    args.build = os.path.abspath(args.build)
    args.cases = os.path.abspath(args.cases)
    os.makedirs(args.build, exist_ok=True)
    env = dict(os.environ, GO111MODULE="off", GOFLAGS="", GOCACHE=os.path.join(args.build, "cache"),
               GOPATH=os.path.join(args.build, "gopath"), CGO_ENABLED="1")
    args.twins = os.path.join(args.build, "twins")
    args.twins_race = os.path.join(args.build, "twins-race")
    build(go, args.src, args.twins, False, env)
    build(go, args.src, args.twins_race, True, env)

    cpp = subprocess.run([args.cases, "--list"], capture_output=True, text=True, check=True).stdout.split()
    twins = subprocess.run([args.twins, "-list"], capture_output=True, text=True, check=True).stdout.split()
    failures = [f"case without a Go twin: {n}" for n in sorted(set(cpp) - set(twins))]
    failures += [f"Go twin without a case: {n}" for n in sorted(set(twins) - set(cpp))]
    names = args.only or sorted(set(cpp) & set(twins))

    counts = {"ok": 0, "known": 0, "FAIL": 0}
    with ThreadPoolExecutor(max_workers=args.jobs) as pool:
        for name, (status, notes) in zip(names, pool.map(lambda n: check(n, args, env), names)):
            counts[status] += 1
            print(f"{status:5} {name}")
            for n in notes:
                print("      " + n)
            if status == "FAIL":
                failures.append(name)
    print(f"{counts['ok']} agree, {counts['known']} known failing, {counts['FAIL']} failed")
    for f in failures:
        print("FAILED: " + f)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
