#!/usr/bin/env bash
# Builds the solution and runs every test project. Needs only the .NET 10 SDK and Node.js 20+.
# Azurite is started by the test fixtures themselves (from tools/node_modules), not here.
set -euo pipefail

source "$(dirname "${BASH_SOURCE[0]}")/common.sh"

RESULTS_DIR="$REPO_ROOT/artifacts/test-results"

# Sums one counter attribute over every TRX file's <Counters .../> element.
sum_counter() {
  local name="$1" total=0 value file
  for file in "$RESULTS_DIR"/*.trx; do
    value="$(grep -o "<Counters [^>]*" "$file" | grep -o " $name=\"[0-9]*\"" | grep -o '[0-9]\+' || true)"
    total=$((total + ${value:-0}))
  done
  printf '%s\n' "$total"
}

require_tools
ensure_node_modules
cd "$REPO_ROOT"

log "Restoring"
dotnet restore TrustBot.sln --verbosity quiet

log "Building (Release, warnings are errors)"
dotnet build TrustBot.sln -c Release --no-restore --nologo --verbosity quiet -p:TreatWarningsAsErrors=true

log "Testing"
rm -rf "$RESULTS_DIR"
test_status=0
# The console logger prints one summary line per project; the sed drops the runner's boilerplate
# and turns its long "no test is available" paragraph into one line of the same shape.
dotnet test TrustBot.sln -c Release --no-build --nologo --verbosity quiet \
  --results-directory "$RESULTS_DIR" \
  --logger "console;verbosity=minimal" \
  --logger "trx" 2>&1 |
  sed -u -E \
    -e '/^(Test run for |A total of [0-9]+ test files? matched|Results File: |Additionally, path to test adapters)/d' \
    -e 's#^No test is available in .*/([^/]+\.dll)\. .*#No tests!  - \1#' \
    -e '/^[[:space:]]*$/d' || test_status=$?

shopt -s nullglob
trx_files=("$RESULTS_DIR"/*.trx)
if ((${#trx_files[@]} == 0)); then
  printf '0 passed, 0 failed\n'
  die "no test results were written to ${RESULTS_DIR#"$REPO_ROOT"/} (dotnet test exited with $test_status)"
fi

passed="$(sum_counter passed)"
failed=$(($(sum_counter failed) + $(sum_counter error) + $(sum_counter timeout) + $(sum_counter aborted)))
skipped="$(sum_counter notExecuted)"

echo
summary="$passed passed, $failed failed"
((skipped == 0)) || summary+=", $skipped skipped"
printf '%s\n' "$summary"

((failed == 0)) || exit 1
((passed > 0)) || die "no tests ran"
((test_status == 0)) || die "dotnet test exited with $test_status"
