#!/usr/bin/env bash
# Re-creates the pictures the README shows, all in docs/images/:
#  1. every BPMN diagram under processes/, rendered by bpmn-js in headless Chromium (render.mjs);
#  2. the Tasklist form screenshots that the browser tests (*BrowserTest) save in target/browser/.
# Usage: tools/render-diagrams/update-readme-images.sh            (runs the browser tests)
#        SKIP_BROWSER_TESTS=1 tools/render-diagrams/update-readme-images.sh   (reuses target/browser/)
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"

# Screenshots worth showing, by the name each browser test gives it.
screenshots=(
  p2p-resolve-match-exception
  p2p-approve-invoice
  p2p-approval-refused
  incident-triage
  incident-report
  incident-major-declare
  vendor-onboard-start
  insights
)

cd "$root/tools/render-diagrams"
npm ci --no-audit --no-fund
node render.mjs "$root"

cd "$root"
if [ "${SKIP_BROWSER_TESTS:-0}" != 1 ]; then
  ./mvnw -q -Dlint.skip test -Dtest='*BrowserTest'
fi
for name in "${screenshots[@]}"; do
  source="target/browser/$name.png"
  if [ ! -f "$source" ]; then
    echo "update-readme-images: $source is missing; did its browser test run?" >&2
    exit 1
  fi
  cp "$source" "docs/images/$name.png"
  echo "copied $source -> docs/images/$name.png"
done
