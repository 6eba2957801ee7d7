#!/bin/sh
# The HTML report as a browser sees it: headless Chromium renders the CLI's
# report of the misrouting counterexample to a PNG, and dumps the DOM it
# built, which must hold one lane per goroutine and the highlighted arrow of
# the misrouted response. Exits 77 (ctest: skipped) when there is no Chromium.
#
#   sh render_check.sh path/to/chancheck WORKDIR
# CHROMIUM=/path/to/chrome overrides where the browser is looked for.
set -u

chancheck=$1
work=$2
skip=77

fail() { echo "FAIL: $*" >&2; exit 1; }

browser=${CHROMIUM:-}
if [ -z "$browser" ]; then
    for candidate in chromium chromium-browser google-chrome; do
        if command -v "$candidate" >/dev/null 2>&1; then browser=$(command -v "$candidate"); break; fi
    done
fi
if [ -z "$browser" ] || [ ! -x "$browser" ]; then
    echo "SKIPPED: no headless Chromium ${browser:+at $browser }(Debian: apt-get install chromium, or set CHROMIUM)"
    exit $skip
fi

rm -rf "$work" && mkdir -p "$work" || fail "cannot create $work"
case $work in /*) ;; *) work=$(pwd)/$work ;; esac
model="shared-channels -p response-capacity=1 -p requesters=2"

# A counterexample: exit code 1.
# shellcheck disable=SC2086
"$chancheck" check $model --format html -o "$work/report.html" >"$work/check.txt"
[ $? -eq 1 ] || fail "chancheck check did not report a counterexample"
# shellcheck disable=SC2086
"$chancheck" check $model --format json -o "$work/report.json" >/dev/null
[ -s "$work/report.html" ] && [ -s "$work/report.json" ] || fail "no report written"

limit=""
command -v timeout >/dev/null 2>&1 && limit="timeout 60"
chrome() {
    # shellcheck disable=SC2086
    $limit "$browser" --headless --no-sandbox --disable-gpu --disable-dev-shm-usage --no-first-run \
        --disable-background-networking --disable-component-update --disable-extensions --hide-scrollbars \
        --user-data-dir="$work/profile" --window-size=1280,900 "$@" "file://$work/report.html"
}

chrome --screenshot="$work/report.png" 2>"$work/screenshot.log" || { cat "$work/screenshot.log" >&2; fail "screenshot failed"; }
[ -f "$work/report.png" ] || fail "no screenshot"
size=$(wc -c <"$work/report.png")
[ "$size" -gt 20000 ] || fail "screenshot is only $size bytes"
[ "$(head -c 4 "$work/report.png" | tail -c 3)" = "PNG" ] || fail "screenshot is not a PNG"
echo "screenshot: $work/report.png ($size bytes)"

chrome --dump-dom >"$work/dom.html" 2>"$work/dom.log" || { cat "$work/dom.log" >&2; fail "--dump-dom failed"; }
grep -q '<svg id="sequence"' "$work/dom.html" || fail "no <svg id=\"sequence\"> in the rendered DOM"

# The goroutines the JSON report names (trace and blocked), against the lanes.
grep -o '"goroutine":"[^"]*"' "$work/report.json" | sed 's/^"goroutine":"//; s/"$//' | sort -u >"$work/goroutines.txt"
grep -o '<g class="lane" data-goroutine="[^"]*"' "$work/dom.html" | sed 's/.*data-goroutine="//; s/"$//' | sort >"$work/lanes.txt"
[ -s "$work/goroutines.txt" ] || fail "the JSON report names no goroutine"
if ! cmp -s "$work/goroutines.txt" "$work/lanes.txt"; then
    echo "goroutines:" >&2; cat "$work/goroutines.txt" >&2
    echo "lanes:" >&2; cat "$work/lanes.txt" >&2
    fail "not exactly one lane per goroutine"
fi
echo "lanes: $(tr '\n' ',' <"$work/lanes.txt")"

grep -o '<g class="handoff implicated"[^>]*>' "$work/dom.html" >"$work/implicated.txt"
grep 'data-channel="responses"' "$work/implicated.txt" | grep 'data-from="coordinator 0"' |
    grep -q 'data-to="requester 1"' || fail "no highlighted hand-off on responses from coordinator 0 to requester 1"
echo "highlighted: $(head -n 1 "$work/implicated.txt")"
echo "PASS"
