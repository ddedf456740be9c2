#!/usr/bin/env bash
# Starts the marketplace on this machine: Azurite (storage emulator), the Orleans silo and the web.
# Usage: ./run.sh [--port N] [--silos 2]   (or PORT=N; default port 5080, one silo). Ctrl-C stops everything.
# --silos 2: two silos (ports 11111/30000 and 11112/30001) finding each other through the storage account, as on two machines.
# Data lives in .data/azurite (git-ignored), so a second run finds the first run's data.
# Email: without Marketplace__Email__Smtp__Host every message is written to .data/mail as an .eml file
# (Marketplace__Email__PickupDirectory to change); with it, mail goes out through that SMTP server.
set -euo pipefail
cd "$(dirname "$0")"

port="${PORT:-5080}"
silos=1
while (($#)); do
  case "$1" in
    --port) port="${2:?--port needs a number}"; shift 2 ;;
    --port=*) port="${1#--port=}"; shift ;;
    --silos) silos="${2:?--silos needs 1 or 2}"; shift 2 ;;
    --silos=*) silos="${1#--silos=}"; shift ;;
    -h|--help) sed -n '2,7p' "$0"; exit 0 ;;
    *) echo "run.sh: unknown argument '$1' (try --help)" >&2; exit 2 ;;
  esac
done
[[ "$port" =~ ^[0-9]+$ ]] || { echo "run.sh: port must be a number, got '$port'" >&2; exit 2; }
[[ "$silos" == 1 || "$silos" == 2 ]] || { echo "run.sh: --silos takes 1 or 2, got '$silos'" >&2; exit 2; }

say() { printf '\033[1m[run]\033[0m %s\n' "$*"; }
fail() { printf '\033[1;31m[run]\033[0m %s\n' "$*" >&2; exit 1; }
listening() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
wait_for_port() { # port name pid seconds
  local i
  for ((i = 0; i < $4 * 10; i++)); do
    listening "$1" && return 0
    kill -0 "$3" 2>/dev/null || fail "$2 exited before listening on port $1 (see its output above)."
    sleep 0.1
  done
  fail "$2 did not listen on port $1 within $4 s."
}

command -v dotnet >/dev/null || fail "The .NET SDK is missing: install .NET 10 (https://dot.net) and rerun."
command -v npm >/dev/null || fail "Node.js/npm is missing: install Node.js 20+ (apt-get install nodejs npm) and rerun."
command -v pdftocairo >/dev/null && command -v rsvg-convert >/dev/null && command -v gs >/dev/null && command -v vips >/dev/null && command -v convert-im6.q16 >/dev/null && command -v fc-scan >/dev/null ||
  say "PDF, SVG, EPS, TIFF, PSD or font finals will show no previews here: sudo apt-get install poppler-utils librsvg2-bin ghostscript libvips-tools imagemagick-6.q16 fontconfig to see them (./test.sh installs them)."

pids=()
stop_all() {
  trap - INT TERM EXIT
  if ((${#pids[@]})); then
    say "stopping..."
    # Newest first: web, then silo (it writes grain state on the way down), then Azurite.
    for ((i = ${#pids[@]} - 1; i >= 0; i--)); do
      kill -TERM "${pids[i]}" 2>/dev/null || true
      wait "${pids[i]}" 2>/dev/null || true
    done
    say "stopped."
  fi
}
trap 'stop_all; exit 130' INT
trap 'stop_all; exit 143' TERM
trap 'stop_all' EXIT

silo_ports=(11111 30000)
((silos == 2)) && silo_ports+=(11112 30001)
for p in "${silo_ports[@]}" "$port"; do
  listening "$p" && fail "Port $p is already in use (another ./run.sh?). Stop it, or pick another web port with --port."
done

if [[ -n "${ConnectionStrings__Storage:-}" ]]; then
  say "using the storage account from ConnectionStrings__Storage (no local Azurite)"
else
  if [[ ! -x node_modules/.bin/azurite || package-lock.json -nt node_modules/.package-lock.json ]]; then
    say "installing the pinned Azurite (npm ci)..."
    npm ci --no-audit --no-fund --loglevel=error
  fi
  for p in 10000 10001 10002; do
    listening "$p" && fail "Port $p is in use: another Azurite is running. Stop it (./run.sh starts its own)."
  done
  mkdir -p .data/azurite
  say "starting Azurite (data in .data/azurite)..."
  node_modules/.bin/azurite --silent --disableTelemetry --skipApiVersionCheck --loose \
    --location .data/azurite --debug .data/azurite/debug.log \
    --blobHost 127.0.0.1 --blobPort 10000 --queueHost 127.0.0.1 --queuePort 10001 \
    --tableHost 127.0.0.1 --tablePort 10002 &
  azurite_pid=$!
  pids+=("$azurite_pid")
  for p in 10000 10001 10002; do wait_for_port "$p" Azurite "$azurite_pid" 60; done
  say "Azurite is up."
fi

say "building..."
dotnet build silo/Marketplace.Silo/Marketplace.Silo.csproj -v quiet -nologo
dotnet build web/Marketplace.Web/Marketplace.Web.csproj -v quiet -nologo
export ASPNETCORE_ENVIRONMENT="${ASPNETCORE_ENVIRONMENT:-Development}" DOTNET_ENVIRONMENT="${DOTNET_ENVIRONMENT:-Development}"

# Both apps get the same mail settings from the environment; the silo's notification inboxes send the mail.
export Marketplace__Email__SiteUrl="${Marketplace__Email__SiteUrl:-http://localhost:$port}"
if [[ -n "${Marketplace__Email__Smtp__Host:-}" ]]; then
  mail_note="email goes out through SMTP ${Marketplace__Email__Smtp__Host}:${Marketplace__Email__Smtp__Port:-587}"
else
  # An absolute path: each app runs from its own project folder.
  export Marketplace__Email__PickupDirectory="$(realpath -m "${Marketplace__Email__PickupDirectory:-.data/mail}")"
  mkdir -p "$Marketplace__Email__PickupDirectory"
  mail_note="email is not sent: each message is written to $Marketplace__Email__PickupDirectory as an .eml file"
fi
say "$mail_note"

# Each app runs from its project folder (its content root) and is started directly, not through
# `dotnet run`, so the pid we hold is the app itself and gets our TERM.
if ((silos == 1)); then
  say "starting the silo..."
  (cd silo/Marketplace.Silo && exec dotnet bin/Debug/net10.0/Marketplace.Silo.dll) &
  pids+=($!)
  wait_for_port 30000 "The silo" "${pids[-1]}" 120
else
  # As on two machines: the silos and the web find each other in the storage account's membership table.
  export Orleans__Membership=AzureStorage Orleans__AdvertisedIPAddress=127.0.0.1
  say "starting silo 1 of 2 (ports 11111, gateway 30000)..."
  (cd silo/Marketplace.Silo && exec dotnet bin/Debug/net10.0/Marketplace.Silo.dll) &
  pids+=($!)
  wait_for_port 30000 "Silo 1" "${pids[-1]}" 120
  say "starting silo 2 of 2 (ports 11112, gateway 30001)..."
  (cd silo/Marketplace.Silo && Orleans__SiloPort=11112 Orleans__GatewayPort=30001 exec dotnet bin/Debug/net10.0/Marketplace.Silo.dll) &
  pids+=($!)
  wait_for_port 30001 "Silo 2" "${pids[-1]}" 120
fi

say "starting the web..."
# The web's output also goes to a log, so we can tell when the demo data is in place (the site answers sooner).
web_log=.data/web.log
mkdir -p .data && : > "$web_log"
(cd web/Marketplace.Web && ASPNETCORE_URLS="http://localhost:$port" exec dotnet bin/Debug/net10.0/Marketplace.Web.dll) > >(tee -a "$web_log") 2>&1 &
pids+=($!)
wait_for_port "$port" "The web" "${pids[-1]}" 120

# Announce the site once a newcomer would find it complete: the seeder logs one line when done (or failed).
if [[ "${Marketplace__Demo__Seed:-true}" != [Ff]alse ]]; then
  say "creating the demo data (staff, buyers, creatives, projects, handovers)..."
  for ((i = 0; i < 1800; i++)); do
    grep -q -e "Demo marketplace ready" -e "Seeding staff or demo data failed" "$web_log" && break
    kill -0 "${pids[-1]}" 2>/dev/null || fail "The web exited while creating the demo data (see its output above)."
    sleep 0.1
  done
  grep -q "Demo marketplace ready" "$web_log" || say "the demo data is not complete (see the web's output above); the site runs anyway."
fi

say "Marketplace is running at http://localhost:$port  (health: http://localhost:$port/health). Ctrl-C stops it."
say "$mail_note"
# Stay until Ctrl-C. If the silo or the web dies, stop everything. If Azurite stops, keep going:
# /health reports storage as down until Azurite is back (restart it with the command below).
azurite_pid="${azurite_pid:-}"
while true; do
  for pid in "${pids[@]}"; do
    [[ "$pid" == "$azurite_pid" ]] && continue
    kill -0 "$pid" 2>/dev/null || fail "the silo or the web exited unexpectedly; stopping the rest."
  done
  if [[ -n "$azurite_pid" ]] && ! kill -0 "$azurite_pid" 2>/dev/null; then
    say "Azurite stopped: storage is down. To bring it back: node_modules/.bin/azurite --location .data/azurite --skipApiVersionCheck --loose"
    azurite_pid=""
  fi
  sleep 1 & wait $! || true
done
