#!/usr/bin/env bash
# Runs every test. On a fresh machine it first installs what the tests need: the apt packages listed
# in .ci/apt-packages (Chromium for the browser tests, fonts), the pinned Azurite (npm ci) and NuGet
# packages. Ends with one line "N passed, N failed, N skipped" and exits non-zero on any failure.
set -euo pipefail
cd "$(dirname "$0")"

say() { printf '[test] %s\n' "$*"; }

missing=()
while read -r package || [[ -n "$package" ]]; do
  package="${package%%#*}"; package="${package//[[:space:]]/}"
  [[ -z "$package" ]] && continue
  dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q 'install ok installed' || missing+=("$package")
done < .ci/apt-packages
if ((${#missing[@]})); then
  sudo=""; [[ "$(id -u)" -ne 0 ]] && sudo="sudo"
  say "installing apt packages: ${missing[*]}"
  $sudo apt-get update -q
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -q --no-install-recommends "${missing[@]}"
fi

if [[ ! -x node_modules/.bin/azurite || package-lock.json -nt node_modules/.package-lock.json ]]; then
  say "installing the pinned Azurite (npm ci)"
  npm ci --no-audit --no-fund --loglevel=error
fi

say "restoring NuGet packages"
dotnet restore Marketplace.sln --nologo -v quiet

results="TestResults/test-sh"
rm -rf "$results"
say "running the tests"
set +e
dotnet test Marketplace.sln --no-restore --nologo --results-directory "$results" \
  --logger "trx" --logger "console;verbosity=normal"
status=$?
set -e

# Sum the counters of every project's trx report into the one line CI readers look for.
read -r passed failed skipped < <(
  cat "$results"/*.trx 2>/dev/null | grep -o '<Counters [^>]*>' | awk '
    { for (i = 1; i <= NF; i++) { split($i, kv, "=\""); sub(/".*/, "", kv[2]); c[kv[1]] += kv[2] } }
    END { printf "%d %d %d\n", c["passed"], c["failed"] + c["error"] + c["timeout"] + c["aborted"], c["notExecuted"] }')
# Repeat each failure's name and message at the end, where a reader of a long CI log looks first.
if ((failed > 0)); then
  echo
  echo "Failed tests:"
  cat "$results"/*.trx | awk '
    /<UnitTestResult / && /outcome="(Failed|Error|Timeout|Aborted)"/ {
      match($0, /testName="[^"]*"/); print "  - " substr($0, RSTART + 10, RLENGTH - 11); failing = 1 }
    failing && /<Message>/ { inMessage = 1; lines = 0 }
    inMessage && lines < 15 { line = $0; sub(/^[ \t]*<Message>/, "", line); sub(/<\/Message>.*/, "", line); print "      " line; lines++ }
    /<\/Message>/ { inMessage = 0 }
    /<\/UnitTestResult>/ { failing = 0; inMessage = 0 }' |
    sed -e 's/&quot;/"/g' -e "s/&apos;/'/g" -e 's/&lt;/</g' -e 's/&gt;/>/g' -e 's/&amp;/\&/g'
fi
echo
echo "$passed passed, $failed failed, $skipped skipped"
if ((status != 0 || failed != 0 || passed == 0)); then
  exit 1
fi
