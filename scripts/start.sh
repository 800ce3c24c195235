#!/usr/bin/env bash
# Runs Sentier locally: Azurite on the standard ports (data in .azurite/), the app through the
# DevHost on http://localhost:7071, and a `dev` account whose token is printed and kept in
# .sentier/dev-token. Ctrl-C stops everything this script started.
set -euo pipefail
source "$(dirname "$0")/lib.sh"
cd "$REPO_ROOT"

require_tools
ensure_node_tools

# local.settings.json: created once from the sample. An empty admin key or encryption key (a new
# file, or one from before a key existed) gets 32 random bytes as 64 hex characters; the file is
# readable by you alone. The app's storage connection was called Storage before it became
# AppStorage (the host reads a trigger's "Storage" as AzureWebJobsStorage): an old file's Storage
# and Storage__* values are renamed.
generate_key() { head -c 32 /dev/urandom | od -An -tx1 | tr -d ' \n'; }
settings_news="$(ADMIN_KEY="$(generate_key)" ENCRYPTION_KEY="$(generate_key)" node -e '
  const fs = require("fs");
  const existing = fs.existsSync("local.settings.json");
  const settings = JSON.parse(fs.readFileSync(existing ? "local.settings.json" : "local.settings.sample.json", "utf8"));
  settings.Values = settings.Values || {};
  const added = [];
  for (const name of Object.keys(settings.Values).filter(n => n === "Storage" || n.startsWith("Storage__"))) {
    const renamed = "App" + name;
    if (settings.Values[renamed] === undefined) { settings.Values[renamed] = settings.Values[name]; added.push(renamed + " (was " + name + ")"); }
    delete settings.Values[name];
  }
  for (const [name, value] of [["Sentier__AdminKey", process.env.ADMIN_KEY], ["Sentier__EncryptionKey", process.env.ENCRYPTION_KEY]]) {
    if (!settings.Values[name]) { settings.Values[name] = value; added.push(name); }
  }
  if (!existing || added.length > 0) {
    fs.writeFileSync("local.settings.json", JSON.stringify(settings, null, 2) + "\n", { mode: 0o600 });
    fs.chmodSync("local.settings.json", 0o600);
    process.stdout.write((existing ? "updated" : "created") + " local.settings.json" + (added.length ? " with new " + added.map(n => "Values." + n).join(" and ") : ""));
  }')"
[ -z "$settings_news" ] || log "$settings_news"
setting() { node -e 'const v=JSON.parse(require("fs").readFileSync("local.settings.json","utf8")).Values||{}; process.stdout.write(String(v[process.argv[1]] ?? ""));' "$1"; }
admin_key="$(setting Sentier__AdminKey)"
port="$(node -e 'const s=JSON.parse(require("fs").readFileSync("local.settings.json","utf8")); process.stdout.write(String((s.Host||{}).LocalHttpPort||7071));')"
base="http://localhost:$port/api"

azurite_pid=""
devhost_pid=""
cleanup() {
  trap - EXIT INT TERM
  [ -n "$devhost_pid" ] && kill "$devhost_pid" 2>/dev/null && wait "$devhost_pid" 2>/dev/null || true
  stop_azurite "$azurite_pid"
  log "stopped"
}
trap cleanup EXIT INT TERM

if port_open 10002; then
  log "storage already listening on :10002; using it"
else
  mkdir -p .azurite
  azurite_pid="$(start_azurite "$REPO_ROOT/.azurite" 10000 10001 10002 "$REPO_ROOT/.azurite/azurite.log")"
  log "Azurite started (PID $azurite_pid, data in .azurite/)"
fi

port_open "$port" && die "port $port is already in use; stop what runs there or set Host.LocalHttpPort in local.settings.json"

log "building"
mkdir -p .sentier
dotnet build src/Sentier.DevHost/Sentier.DevHost.csproj --nologo > .sentier/build.log 2>&1 \
  || { cat .sentier/build.log >&2; die "the build failed (log above, also in .sentier/build.log)"; }

dotnet src/Sentier.DevHost/bin/Debug/net10.0/Sentier.DevHost.dll --settings "$REPO_ROOT/local.settings.json" &
devhost_pid=$!
until curl -fsS "$base/health" >/dev/null 2>&1; do
  kill -0 "$devhost_pid" 2>/dev/null || die "the DevHost exited while starting"
  sleep 0.2
done

# The dev account's token: reused while it still works, otherwise a new account is created.
# Secrets reach curl on its standard input (-H @-), never in its arguments, which any local user
# can read in /proc while it runs; printf is a shell builtin, so no process carries them either.
token=""
if [ -s .sentier/dev-token ] && printf 'Authorization: %s\n' "$(cat .sentier/dev-token)" | curl -fsS -o /dev/null -H @- "$base/account"; then
  token="$(cat .sentier/dev-token)"
  log "dev token in .sentier/dev-token is valid"
else
  [ -n "$admin_key" ] || die "Values.Sentier__AdminKey is empty in local.settings.json: cannot create the dev account"
  response="$(printf 'X-Admin-Key: %s\n' "$admin_key" | curl -fsS -X POST "$base/operator/accounts" -H @- \
    -H 'Content-Type: application/json' -d '{"name":"dev"}')" || die "creating the dev account failed"
  token="$(printf '%s' "$response" | node -e 'let s="";process.stdin.on("data",d=>s+=d).on("end",()=>process.stdout.write(JSON.parse(s).token));')"
  (umask 077 && printf '%s' "$token" > .sentier/dev-token)
  log "created the dev account; its token is in .sentier/dev-token"
fi

cat >&2 <<INFO

  Sentier is running on $base
  API token (dev account):  $token

  Try:  curl -H "Authorization: \$(cat .sentier/dev-token)" $base/account

  Ctrl-C stops the DevHost and Azurite.
INFO
wait "$devhost_pid"
