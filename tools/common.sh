# Shared by run.sh and test.sh; sourced, never executed.

# The repo root is the parent of tools/, wherever the caller was started from.
REPO_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
TOOLS_DIR="$REPO_ROOT/tools"
AZURITE_JS="$TOOLS_DIR/node_modules/azurite/dist/src/azurite.js"

# The emulator's published, well-known development key: not a secret.
AZURITE_ACCOUNT="devstoreaccount1"
AZURITE_KEY="Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw=="

log() { printf '==> %s\n' "$*"; }
die() { printf 'error: %s\n' "$*" >&2; exit 1; }

require_tools() {
  command -v dotnet >/dev/null 2>&1 || die "the .NET 10 SDK is required (dotnet not found on PATH)"
  command -v node >/dev/null 2>&1 || die "Node.js 20 or later is required (node not found on PATH)"
  command -v npm >/dev/null 2>&1 || die "npm is required (it ships with Node.js)"
}

# npm ci is slow, so it runs only when node_modules is missing or the lockfile changed since the last install.
ensure_node_modules() {
  local stamp="$TOOLS_DIR/node_modules/.trustbot-lock-stamp"
  local wanted
  wanted="$(sha256sum "$TOOLS_DIR/package-lock.json" | cut -d' ' -f1)"
  if [[ -f "$AZURITE_JS" && -f "$stamp" && "$(cat "$stamp")" == "$wanted" ]]; then
    return 0
  fi
  log "Installing pinned tools (npm ci in tools/)"
  npm ci --prefix "$TOOLS_DIR" --no-audit --no-fund --loglevel=error
  [[ -f "$AZURITE_JS" ]] || die "npm ci finished but $AZURITE_JS is missing"
  printf '%s\n' "$wanted" >"$stamp"
}

azurite_connection_string() {
  local blob_port="$1" queue_port="$2" table_port="$3"
  printf 'DefaultEndpointsProtocol=http;AccountName=%s;AccountKey=%s;BlobEndpoint=http://127.0.0.1:%s/%s;QueueEndpoint=http://127.0.0.1:%s/%s;TableEndpoint=http://127.0.0.1:%s/%s;' \
    "$AZURITE_ACCOUNT" "$AZURITE_KEY" \
    "$blob_port" "$AZURITE_ACCOUNT" "$queue_port" "$AZURITE_ACCOUNT" "$table_port" "$AZURITE_ACCOUNT"
}
