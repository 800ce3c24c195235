# Shared helpers for start.sh and test.sh. Sourced, not run.

REPO_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
AZURITE="$REPO_ROOT/scripts/node_modules/.bin/azurite"
REDOCLY="$REPO_ROOT/scripts/node_modules/.bin/redocly"
# Azurite's published development account key: not a secret, the same on every machine.
AZURITE_KEY="Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw=="

log() { printf '\033[1;34m[sentier]\033[0m %s\n' "$*" >&2; }
die() { printf '\033[1;31m[sentier]\033[0m %s\n' "$*" >&2; exit 1; }

require_tools() {
  command -v dotnet >/dev/null || die "the .NET SDK 10 is required (dotnet not found)"
  command -v node >/dev/null || die "Node.js 20 or later is required for Azurite (node not found)"
  command -v npm >/dev/null || die "npm is required for Azurite (npm not found)"
}

# Installs the pinned Node tools (Azurite; the OpenAPI linter the tests run) from
# scripts/package-lock.json when one is missing.
ensure_node_tools() {
  if [ ! -x "$AZURITE" ] || [ ! -x "$REDOCLY" ]; then
    log "installing Azurite and Redocly CLI (scripts/package-lock.json)"
    npm ci --prefix "$REPO_ROOT/scripts" --no-audit --no-fund --loglevel=error >&2 \
      || die "npm ci in scripts/ failed: Azurite and Redocly CLI are required"
    [ -x "$AZURITE" ] && [ -x "$REDOCLY" ] || die "npm ci in scripts/ did not install Azurite and Redocly CLI"
  fi
}

# Installs Debian's chromium, which the reference page's browser test drives, when it is missing.
ensure_chromium() {
  command -v chromium >/dev/null && return 0
  command -v apt-get >/dev/null || die "chromium is required for the browser test (Debian's chromium package; no apt-get here)"
  local sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  log "installing chromium (apt-get)"
  { $sudo apt-get update -qq && DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends chromium; } >/dev/null \
    || die "apt-get could not install chromium, which the browser test needs"
  command -v chromium >/dev/null || die "chromium is still missing after apt-get install"
}

port_open() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

free_port() {
  node -e "const s=require('net').createServer();s.listen(0,'127.0.0.1',()=>{console.log(s.address().port);s.close();});"
}

# True while PID is a live process: an exited one whose parent has not reaped it yet (a zombie,
# which `kill -0` still finds) counts as gone.
process_alive() {
  local state
  state="$(ps -o stat= -p "$1" 2>/dev/null)" || return 1
  case "$state" in "" | Z*) return 1 ;; esac
}

# start_azurite DATA_DIR BLOB_PORT QUEUE_PORT TABLE_PORT LOG_FILE -> prints the PID
start_azurite() {
  local data="$1" blob="$2" queue="$3" table="$4" logfile="$5"
  mkdir -p "$data"
  # Disk-backed, not --inMemoryPersistence: in-memory Azurite stalls for minutes after a few
  # thousand queue deletes (shared/reference/azurite-baselines.md).
  # In a process group of its own (set -m, confined to the subshell), so a Ctrl-C in the terminal
  # reaches only the script: a second SIGINT during Azurite's shutdown would kill it before it has
  # written its data out, so stop_azurite alone sends the one it gets.
  local pid
  pid="$(set -m
    "$AZURITE" --location "$data" --skipApiVersionCheck --disableTelemetry --silent \
      --blobHost 127.0.0.1 --blobPort "$blob" \
      --queueHost 127.0.0.1 --queuePort "$queue" \
      --tableHost 127.0.0.1 --tablePort "$table" </dev/null >"$logfile" 2>&1 &
    echo $!)"
  local waited=0
  until port_open "$table" && port_open "$queue"; do
    process_alive "$pid" || { cat "$logfile" >&2; die "Azurite exited while starting"; }
    [ "$waited" -ge 300 ] && { kill -9 "$pid" 2>/dev/null; die "Azurite did not open its ports within 30 s"; }
    sleep 0.1; waited=$((waited + 1))
  done
  echo "$pid"
}

# stop_azurite PID [TIMEOUT_SECONDS]
# Azurite keeps tables and queues in memory and writes them to disk every few seconds; SIGINT makes
# it close its servers and write everything out (about a second), while SIGKILL would lose the
# writes of the last seconds. SIGKILL only when it has not exited within the timeout (15 s).
stop_azurite() {
  local pid="$1" timeout="${2:-15}"
  [ -n "$pid" ] && process_alive "$pid" || return 0
  kill -INT "$pid" 2>/dev/null || return 0
  local waited=0
  while process_alive "$pid"; do
    if [ "$waited" -ge $((timeout * 10)) ]; then
      log "Azurite $pid did not exit within ${timeout} s of SIGINT; killing it (its last writes may be lost)"
      kill -9 "$pid" 2>/dev/null || true
      return 0
    fi
    sleep 0.1; waited=$((waited + 1))
  done
}

azurite_connection_string() {
  local blob="$1" queue="$2" table="$3"
  printf 'DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=%s;BlobEndpoint=http://127.0.0.1:%s/devstoreaccount1;QueueEndpoint=http://127.0.0.1:%s/devstoreaccount1;TableEndpoint=http://127.0.0.1:%s/devstoreaccount1' \
    "$AZURITE_KEY" "$blob" "$queue" "$table"
}

# Starts an Azurite of the calling script's own on free ports, with its data in a fresh temporary
# folder ($PRIVATE_AZURITE_DATA); both are removed when the script exits. Exports its connection
# string as SENTIER_TEST_STORAGE.
start_private_azurite() {
  PRIVATE_AZURITE_DATA="$(mktemp -d -t sentier-azurite-XXXXXX)"
  PRIVATE_AZURITE_PID=""
  trap 'stop_azurite "$PRIVATE_AZURITE_PID"; rm -rf "$PRIVATE_AZURITE_DATA"' EXIT
  local blob queue table
  blob="$(free_port)"; queue="$(free_port)"; table="$(free_port)"
  PRIVATE_AZURITE_PID="$(start_azurite "$PRIVATE_AZURITE_DATA/store" "$blob" "$queue" "$table" "$PRIVATE_AZURITE_DATA/azurite.log")"
  log "Azurite $PRIVATE_AZURITE_PID: tables :$table, queues :$queue, data $PRIVATE_AZURITE_DATA"
  SENTIER_TEST_STORAGE="$(azurite_connection_string "$blob" "$queue" "$table")"
  export SENTIER_TEST_STORAGE
}
