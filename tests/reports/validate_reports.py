#!/usr/bin/env python3
"""Validates chancheck's reports against reports/schema/.

  validate_reports.py cli CHANCHECK OUTDIR
      runs the CLI for a proof, counterexamples, bounded searches, runs on
      real threads and `--all`, in json, sarif and junit, into OUTDIR, and
      checks every file (json and sarif against their schemas, junit parsed
      as XML and its counts checked)
  validate_reports.py fixtures TEST_BINARY OUTDIR
      runs the test binary's JsonAndSarif test with CHANCHECK_REPORT_DIR=OUTDIR
      and checks every .json and .sarif file it wrote
  validate_reports.py rejects CHANCHECK OUTDIR
      checks that broken copies of real reports are rejected, so a pass
      above means something
  validate_reports.py files FILE...
      checks the given .json / .sarif / .xml files

Exit code 0 when everything is valid; 1 when a report is invalid (each
error with its path in the document) or a command failed; 2 when the setup
is wrong (no jsonschema, no binary, bad arguments).
Needs Debian's python3-jsonschema.
"""

import copy
import json
import os
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

try:
    import jsonschema
except ImportError:
    print("validate_reports: the Python module jsonschema is missing (Debian: apt-get install python3-jsonschema)",
          file=sys.stderr)
    sys.exit(2)

SCHEMA_DIR = Path(__file__).resolve().parents[2] / "reports" / "schema"

# (file stem, arguments after `chancheck`, expected exit code)
CLI_CHECKS = [
    ("proof", ["check", "shared-channels", "-p", "requesters=3"], 0),
    ("misrouting", ["check", "shared-channels", "-p", "response-capacity=1", "-p", "requesters=2"], 1),
    ("deadlock", ["check", "shared-channels", "-p", "give-up=true", "-p", "requesters=2"], 1),
    ("race", ["check", "route-table", "-p", "racy-read=true"], 1),
    ("bounded", ["check", "shared-channels", "-p", "requesters=3", "--max-executions", "2"], 3),
    ("sampled", ["check", "shared-channels", "--strategy", "random", "--iterations", "20"], 3),
    ("seed-demo", ["check", "seed-demo", "-p", "routines=4"], 0),
    ("replayed", ["replay", "shared-channels", "-p", "response-capacity=1", "-p", "requesters=2",
                  "--schedule", "0,0,0,0,0,2>1,1,3>1,3"], 1),
    ("threads-clean", ["run", "shared-channels", "--iterations", "5"], 0),
    ("threads-misrouting", ["run", "shared-channels", "-p", "response-capacity=1", "--iterations", "200"], None),
]
# The relacy backend, where this build has its program (not in the tsan preset).
RELACY_CHECKS = [
    ("relacy-sampled", ["check", "shared-channels", "-p", "requesters=2", "--backend", "relacy", "--iterations",
                        "500"], 3),
    ("relacy-deadlock", ["check", "shared-channels", "-p", "requesters=2", "-p", "give-up=true", "--backend",
                         "relacy"], 1),
    ("relacy-race", ["check", "route-table", "-p", "racy-read=true", "--backend", "relacy"], 1),
    ("relacy-leak", ["check", "gallery/moby-4395", "-p", "fixed=false", "--backend", "relacy"], 1),
]
FORMATS = {"json": ".json", "sarif": ".sarif", "junit": ".xml"}
# Every registered model: with -o DIR one report per model and a junit.xml;
# on stdout several results in one document (one JSON object per line).
# The gallery's known blocking bugs stall real threads: keep the stalls short.
ALL_CHECKS = [("check-all", ["check", "--all"]),
              ("run-all", ["run", "--all", "--iterations", "5", "--stall-after", "0.3"])]


def load_schema(name):
    with open(SCHEMA_DIR / name, encoding="utf-8") as f:
        schema = json.load(f)
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(schema, format_checker=jsonschema.FormatChecker())


VALIDATORS = {".json": load_schema("report.schema.json"), ".sarif": load_schema("sarif-2.1.0.schema.json")}


def path_text(path):
    return "/" + "/".join(str(p) for p in path)


def json_errors(suffix, document):
    """Schema violations of one parsed document, each as 'at /path: message'."""
    def short(message):
        return message if len(message) <= 300 else message[:150] + " ... " + message[-140:]
    return [f"at {path_text(e.absolute_path)}: {short(e.message)} (schema {path_text(e.absolute_schema_path)})"
            for e in sorted(VALIDATORS[suffix].iter_errors(document), key=lambda e: list(map(str, e.path)))]


def junit_errors(text):
    """JUnit has no schema the reporters share: check what they rely on."""
    try:
        root = ET.fromstring(text.encode("utf-8"))
    except ET.ParseError as e:
        return [f"not well-formed XML: {e}"]
    if not text.startswith('<?xml version="1.0" encoding="UTF-8"?>'):
        return ["no XML declaration"]
    suites = root.findall("testsuite") if root.tag == "testsuites" else [root] if root.tag == "testsuite" else []
    if len(suites) != 1:
        return [f"expected one <testsuite>, found {len(suites)} under <{root.tag}>"]
    suite, errors = suites[0], []
    cases = suite.findall("testcase")
    counted = {"tests": len(cases), "failures": sum(c.find("failure") is not None for c in cases),
               "errors": sum(c.find("error") is not None for c in cases),
               "skipped": sum(c.find("skipped") is not None for c in cases)}
    for attr, n in counted.items():
        if suite.get(attr) != str(n):
            errors.append(f"<testsuite {attr}=\"{suite.get(attr)}\"> but {n} found")
    for c in cases:
        for attr in ("classname", "name", "time"):
            if not c.get(attr):
                errors.append(f"<testcase name=\"{c.get('name')}\"> has no {attr}")
        f = c.find("failure")
        if f is not None and not (f.get("type") and f.get("message") and (f.text or "").strip()):
            errors.append(f"<testcase name=\"{c.get('name')}\">: failure without type, message or body")
    return errors


def file_errors(path):
    path = Path(path)
    text = path.read_text(encoding="utf-8")
    if path.suffix == ".xml":
        return junit_errors(text)
    if path.suffix == ".json":
        # One report per line when there are several.
        documents = [line for line in text.splitlines() if line.strip()]
    else:
        documents = [text]
    errors = []
    for n, doc in enumerate(documents):
        try:
            parsed = json.loads(doc)
        except json.JSONDecodeError as e:
            errors.append(f"document {n}: not JSON: {e}")
            continue
        errors += [f"document {n}: {e}" for e in json_errors(path.suffix, parsed)]
    return errors if documents else ["empty"]


def check_files(paths):
    failed = 0
    for p in paths:
        errors = file_errors(p)
        if errors:
            failed += 1
            print(f"INVALID {p}", file=sys.stderr)
            for e in errors:
                print(f"    {e}", file=sys.stderr)
        else:
            print(f"valid   {p}")
    print(f"{len(paths) - failed} of {len(paths)} reports valid")
    return 1 if failed or not paths else 0


def fresh(outdir):
    outdir = Path(outdir)
    shutil.rmtree(outdir, ignore_errors=True)
    outdir.mkdir(parents=True)
    return outdir


def run_cli(chancheck, outdir, stem, args, expected, fmt):
    out = outdir / (stem + FORMATS[fmt])
    cmd = [chancheck, *args, "--format", fmt, "-o", str(out), "--quiet"]
    proc = subprocess.run(cmd, capture_output=True, text=True, timeout=100)
    if expected is not None and proc.returncode != expected:
        raise SystemExit(f"validate_reports: `{' '.join(cmd)}` exited {proc.returncode}, expected {expected}\n"
                         f"{proc.stderr}")
    if not out.exists():
        raise SystemExit(f"validate_reports: `{' '.join(cmd)}` wrote no {out}\n{proc.stderr}")
    return out


def run_cli_all(chancheck, outdir, stem, args, fmt):
    """`--all` into a directory of reports, and `--all` on stdout into one file."""
    target = outdir / f"{stem}-{fmt}"
    cmd = [chancheck, *args, "--format", fmt, "-o", str(target), "--quiet"]
    proc = subprocess.run(cmd, capture_output=True, text=True, timeout=100)
    files = sorted(target.iterdir()) if target.is_dir() else []
    if proc.returncode not in (0, 1, 3) or not files:
        raise SystemExit(f"validate_reports: `{' '.join(cmd)}` exited {proc.returncode}, wrote {len(files)} files\n"
                         f"{proc.stderr}")
    cmd = [chancheck, *args, "--format", fmt, "--quiet"]
    proc = subprocess.run(cmd, capture_output=True, text=True, timeout=100)
    if proc.returncode not in (0, 1, 3) or not proc.stdout:
        raise SystemExit(f"validate_reports: `{' '.join(cmd)}` exited {proc.returncode}\n{proc.stderr}")
    stdout = outdir / (f"{stem}-stdout" + FORMATS[fmt])
    stdout.write_text(proc.stdout, encoding="utf-8")
    return files + [stdout]


def cli(chancheck, outdir):
    outdir = fresh(outdir)
    checks = list(CLI_CHECKS)
    if (Path(chancheck).parent / "chancheck-relacy").exists():
        checks += RELACY_CHECKS
    files = [run_cli(chancheck, outdir, stem, args, code, fmt)
             for stem, args, code in checks for fmt in FORMATS]
    for stem, args in ALL_CHECKS:
        for fmt in FORMATS:
            files += run_cli_all(chancheck, outdir, stem, args, fmt)
    return check_files(files)


def fixtures(binary, outdir):
    outdir = fresh(outdir)
    env = dict(os.environ, CHANCHECK_REPORT_DIR=str(outdir))
    proc = subprocess.run([binary, "--gtest_filter=JsonAndSarif.*"], env=env, capture_output=True, text=True,
                          timeout=100)
    if proc.returncode != 0:
        raise SystemExit(f"validate_reports: {binary} failed:\n{proc.stdout}{proc.stderr}")
    files = sorted(p for p in outdir.iterdir() if p.suffix in (".json", ".sarif"))
    if len(files) < 12:
        raise SystemExit(f"validate_reports: expected a json and a sarif file per fixture in {outdir}, "
                         f"found {[p.name for p in files]}")
    return check_files(files)


def broken_copies(report, sarif):
    """(what was broken, suffix, where the error must be reported, document):
    documents the schemas must reject, for that reason."""
    def edit(doc, change):
        doc = copy.deepcopy(doc)
        change(doc)
        return doc

    cx = lambda d: d["counterexample"]
    result = lambda d: d["runs"][0]["results"][0]
    region = lambda d: result(d)["locations"][0]["physicalLocation"]["region"]
    flow_location = lambda d: result(d)["codeFlows"][0]["threadFlows"][0]["locations"][0]
    flow_at = "/runs/0/results/0/codeFlows/0/threadFlows/0/locations/0"
    yield "schema version 2", ".json", "/schema", edit(report, lambda d: d.update(schema=2))
    yield "no verdict", ".json", "/", edit(report, lambda d: d.pop("verdict"))
    yield "unknown verdict", ".json", "/verdict", edit(report, lambda d: d.update(verdict="maybe"))
    yield "an unknown top-level field", ".json", "/", edit(report, lambda d: d.update(extra=1))
    yield "a counterexample verdict without one", ".json", "/", edit(report, lambda d: d.pop("counterexample"))
    yield "a proof with a counterexample", ".json", "/", edit(report, lambda d: d.update(verdict="proved", cuts=[]))
    yield "a bounded verdict without cuts", ".json", "/cuts", edit(
        report, lambda d: (d.pop("counterexample"), d.update(verdict="bounded", cuts=[])))
    yield "unknown counterexample kind", ".json", "/counterexample/kind", edit(report, lambda d: cx(d).update(kind="oops"))
    yield "a negative line", ".json", "/counterexample/trace/0/line", edit(
        report, lambda d: cx(d)["trace"][0].update(line=-1))
    yield "a string step", ".json", "/counterexample/trace/0/step", edit(
        report, lambda d: cx(d)["trace"][0].update(step="0"))
    yield "a negative from", ".json", "/counterexample/trace/0/from", edit(
        report, lambda d: cx(d)["trace"][0].update({"from": -1}))
    yield "a trace event without goroutine", ".json", "/counterexample/trace/0", edit(
        report, lambda d: cx(d)["trace"][0].pop("goroutine"))
    yield "stats without executions", ".json", "/stats", edit(report, lambda d: d["stats"].pop("executions"))
    yield "a number as a parameter value", ".json", "/params/requesters", edit(
        report, lambda d: d["params"].update(requesters=2))
    yield "version 2.0.0", ".sarif", "/version", edit(sarif, lambda d: d.update(version="2.0.0"))
    yield "no driver name", ".sarif", "/runs/0/tool/driver", edit(sarif, lambda d: d["runs"][0]["tool"]["driver"].pop("name"))
    yield "a result without message", ".sarif", "/runs/0/results/0", edit(sarif, lambda d: result(d).pop("message"))
    yield "a message with neither text nor id", ".sarif", "/runs/0/results/0/message", edit(
        sarif, lambda d: result(d).update(message={}))
    yield "level fatal", ".sarif", "/runs/0/results/0/level", edit(sarif, lambda d: result(d).update(level="fatal"))
    yield "startLine 0", ".sarif", "/runs/0/results/0/locations/0/physicalLocation/region/startLine", edit(
        sarif, lambda d: region(d).update(startLine=0))
    yield "a physicalLocation with neither artifactLocation nor address", ".sarif", \
        "/runs/0/results/0/locations/0/physicalLocation", edit(
            sarif, lambda d: result(d)["locations"][0]["physicalLocation"].pop("artifactLocation"))
    yield "an empty threadFlows", ".sarif", "/runs/0/results/0/codeFlows/0/threadFlows", edit(
        sarif, lambda d: result(d)["codeFlows"][0].update(threadFlows=[]))
    yield "executionOrder -2", ".sarif", flow_at + "/executionOrder", edit(
        sarif, lambda d: flow_location(d).update(executionOrder=-2))
    yield "importance critical", ".sarif", flow_at + "/importance", edit(
        sarif, lambda d: flow_location(d).update(importance="critical"))
    yield "a misspelt executionorder", ".sarif", flow_at, edit(
        sarif, lambda d: flow_location(d).update(executionorder=1))


def rejects(chancheck, outdir):
    outdir = fresh(outdir)
    stem, args, code = CLI_CHECKS[1]
    report = json.loads(run_cli(chancheck, outdir, stem, args, code, "json").read_text(encoding="utf-8"))
    sarif = json.loads(run_cli(chancheck, outdir, stem, args, code, "sarif").read_text(encoding="utf-8"))
    if json_errors(".json", report) or json_errors(".sarif", sarif):
        print("validate_reports: the unbroken reports are already invalid", file=sys.stderr)
        return 1
    wrong = 0
    for what, suffix, where, doc in broken_copies(report, sarif):
        errors = json_errors(suffix, doc)
        there = [e for e in errors if e.startswith(f"at {where}: ")]
        if there:
            print(f"rejected {suffix[1:]} with {what}: {there[0]}")
        else:
            wrong += 1
            print(f"NOT REJECTED at {where}: {suffix[1:]} with {what}; errors: {errors or 'none'}", file=sys.stderr)
    broken_xml = '<?xml version="1.0" encoding="UTF-8"?>\n<testsuites><testsuite name="a<b" tests="1"/></testsuites>'
    if junit_errors(broken_xml):
        print("rejected junit with an unescaped < in an attribute")
    else:
        wrong += 1
        print("NOT REJECTED: junit with an unescaped < in an attribute", file=sys.stderr)
    return 1 if wrong else 0


def main(argv):
    if len(argv) >= 2 and argv[0] == "files":
        return check_files(argv[1:])
    if len(argv) != 3 or argv[0] not in ("cli", "fixtures", "rejects"):
        print(__doc__, file=sys.stderr)
        return 2
    mode, binary, outdir = argv
    if not os.access(binary, os.X_OK):
        print(f"validate_reports: {binary} is not an executable", file=sys.stderr)
        return 2
    return {"cli": cli, "fixtures": fixtures, "rejects": rejects}[mode](binary, outdir)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
