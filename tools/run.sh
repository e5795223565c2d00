#!/usr/bin/env bash
# Runs TrustBot locally against Azurite. Needs only the .NET 10 SDK and Node.js 20+.
# Storage is kept in .data/azurite, so a second run sees the first run's installations.
set -euo pipefail

source "$(dirname "${BASH_SOURCE[0]}")/common.sh"

BOT_URL="http://127.0.0.1:3978"
DATA_DIR="$REPO_ROOT/.data/azurite"

azurite_pid=""
bot_pid=""

# Both children run in their own process group (setsid), so Ctrl+C reaches only this script,
# which then stops each group in order: the bot first, while its storage is still up.
stop_group() {
  local pid="$1" name="$2"
  [[ -n "$pid" ]] || return 0
  kill -0 "$pid" 2>/dev/null || return 0
  log "Stopping $name"
  kill -TERM -- "-$pid" 2>/dev/null || true
  for _ in $(seq 1 100); do
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.1
  done
  if kill -0 "$pid" 2>/dev/null; then
    kill -KILL -- "-$pid" 2>/dev/null || true
  fi
  wait "$pid" 2>/dev/null || true
}

cleanup() {
  # Stopping must finish even if the terminal or a pipe reading our output is already gone.
  trap - INT TERM EXIT
  trap '' PIPE HUP
  set +e
  stop_group "$bot_pid" "the bot"
  stop_group "$azurite_pid" "Azurite"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM
trap 'exit 129' HUP

# Prints one free loopback port per argument: the argument itself when it can be bound, else an unused one.
pick_ports() {
  node -e '
    const net = require("net");
    const tryListen = port => new Promise(resolve => {
      const server = net.createServer();
      server.once("error", () => resolve(null));
      server.listen(port, "127.0.0.1", () => {
        const bound = server.address().port;
        server.close(() => resolve(bound));
      });
    });
    (async () => {
      const chosen = [];
      for (const wanted of process.argv.slice(1)) {
        let port = await tryListen(Number(wanted));
        while (port === null || chosen.includes(port)) port = await tryListen(0);
        chosen.push(port);
      }
      console.log(chosen.join(" "));
    })();
  ' "$@"
}

port_answers() {
  (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
}

wait_for_azurite() {
  local deadline=$((SECONDS + 30))
  until port_answers "$TABLE_PORT" && port_answers "$QUEUE_PORT"; do
    kill -0 "$azurite_pid" 2>/dev/null || die "Azurite exited during start-up (see its output above)"
    ((SECONDS < deadline)) || die "Azurite did not answer on ports $TABLE_PORT/$QUEUE_PORT within 30 s"
    sleep 0.2
  done
}

require_tools
if port_answers 3978; then
  die "port 3978 is already in use; stop whatever listens on $BOT_URL (another bot run?) and try again"
fi

ensure_node_modules

log "Restoring the solution"
dotnet restore "$REPO_ROOT/TrustBot.sln" --verbosity quiet

read -r BLOB_PORT QUEUE_PORT TABLE_PORT < <(pick_ports 10000 10001 10002)
mkdir -p "$DATA_DIR"

log "Starting Azurite (data in .data/azurite)"
setsid node "$AZURITE_JS" \
  --location "$DATA_DIR" --silent --skipApiVersionCheck --loose --disableTelemetry \
  --blobHost 127.0.0.1 --blobPort "$BLOB_PORT" \
  --queueHost 127.0.0.1 --queuePort "$QUEUE_PORT" \
  --tableHost 127.0.0.1 --tablePort "$TABLE_PORT" &
azurite_pid=$!
wait_for_azurite

cat <<INFO

  Bot endpoint     $BOT_URL/api/messages
  Liveness         $BOT_URL/healthz
  Readiness        $BOT_URL/readyz
  Azurite tables   http://127.0.0.1:$TABLE_PORT/$AZURITE_ACCOUNT
  Azurite queues   http://127.0.0.1:$QUEUE_PORT/$AZURITE_ACCOUNT

  Talk to the bot with the Microsoft 365 Agents Playground (in another terminal):
    npx @microsoft/m365agentsplayground -e $BOT_URL/api/messages -c msteams --disable-telemetry

  Press Ctrl+C to stop the bot and Azurite.

INFO

# A local anonymity secret, made once and kept with the emulator's data: changing it while a check-in is open
# would let the same person's participation hash come out differently.
SECRET_FILE="$REPO_ROOT/.data/anonymity-secret"
if [ ! -s "$SECRET_FILE" ]; then
  mkdir -p "$(dirname "$SECRET_FILE")"
  (umask 077; head -c 48 /dev/urandom | base64 | tr -d '\n' > "$SECRET_FILE")
fi

log "Building and starting the bot"
cd "$REPO_ROOT"
Anonymity__Secret="$(cat "$SECRET_FILE")" \
ASPNETCORE_ENVIRONMENT=Development \
ASPNETCORE_URLS="$BOT_URL" \
Storage__ConnectionString="$(azurite_connection_string "$BLOB_PORT" "$QUEUE_PORT" "$TABLE_PORT")" \
  setsid dotnet run --project src/TrustBot.Web --no-launch-profile &
bot_pid=$!

# Returns when either child exits, or at once when a trapped signal arrives.
status=0
wait -n "$bot_pid" "$azurite_pid" || status=$?
if ! kill -0 "$azurite_pid" 2>/dev/null; then
  printf 'error: Azurite stopped unexpectedly\n' >&2
elif ! kill -0 "$bot_pid" 2>/dev/null; then
  log "The bot exited (status $status)"
fi
exit "$status"
