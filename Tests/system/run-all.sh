#!/usr/bin/env bash
# System tests: the release binaries under real systemd (PID 1 in systemd-nspawn), real journald,
# and the reference Python Varlink client, plus a hostile client. See ../../../design TESTING.md.
# Usage: run-all.sh BIN_DIR   (BIN_DIR holds invsyncd and invsyncctl built with --static-swift-stdlib)
# Environment: INVSYNC_CACHE (default <repo>/.cache) holds the venv and the cached container root;
# INVSYNC_UNIT_DIR (default <repo>/systemd) holds invsyncd.service and invsyncd.socket;
# INVSYNC_SYSTEM_TESTS (default "units varlink journald container") selects the groups to run.
set -euo pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
REPO=$(cd "$HERE/../.." && pwd)
BIN=$(cd "${1:?usage: run-all.sh BIN_DIR}" && pwd)
CACHE=${INVSYNC_CACHE:-$REPO/.cache}
mkdir -p "$CACHE"
CACHE=$(cd "$CACHE" && pwd)
UNITS=${INVSYNC_UNIT_DIR:-$REPO/systemd}
GROUPS_TO_RUN=" ${INVSYNC_SYSTEM_TESTS:-units varlink journald container} "
selected() { [[ "$GROUPS_TO_RUN" == *" $1 "* ]]; }
PY="$CACHE/venv/bin/python"
WORK=$(mktemp -d "${TMPDIR:-/tmp}/invsync-system.XXXXXX")
chmod 755 "$WORK"

passed=0
failed=0
PIDS=()      # every process we start, ended by PID on exit
NS=""        # the systemd-nspawn process
CPID=""      # the container's PID 1 (systemd), as seen from the host

pass() { echo "PASS $1"; passed=$((passed + 1)); }
# fail NAME WHY [EXCERPT]
fail() {
  echo "FAIL $1: $2"
  if [ -n "${3:-}" ]; then printf '%s\n' "$3" | tail -n 40 | sed 's/^/    | /'; fi
  failed=$((failed + 1))
}
# Forgets a process that has been waited for (its PID may be reused).
forget_pid() {
  local keep=() p
  for p in "${PIDS[@]}"; do [ "$p" = "$1" ] || keep+=("$p"); done
  PIDS=("${keep[@]}")
}

# Ends a process we started: TERM, up to 10 s, then KILL; then forgets it.
end_pid() {
  local pid=$1
  forget_pid "$pid"
  kill -0 "$pid" 2>/dev/null || return 0
  kill -TERM "$pid" 2>/dev/null || true
  for _ in $(seq 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
  kill -KILL "$pid" 2>/dev/null || true
  wait "$pid" 2>/dev/null || true
}

container_teardown() {
  [ -n "$NS" ] || return 0
  if kill -0 "$NS" 2>/dev/null; then
    # SIGTERM to nspawn asks the container's systemd to power off; bounded.
    kill -TERM "$NS" 2>/dev/null || true
    for _ in $(seq 300); do kill -0 "$NS" 2>/dev/null || break; sleep 0.1; done
    if kill -0 "$NS" 2>/dev/null; then
      echo "note: the container did not power off within 30 s; killing systemd-nspawn (PID $NS)"
      kill -KILL "$NS" 2>/dev/null || true
    fi
  fi
  wait "$NS" 2>/dev/null || true
  NS=""
  # What nspawn with --keep-unit leaves behind on a host whose PID 1 is not systemd (TESTING.md).
  local h d
  for h in systemd unified; do
    for d in payload/init.scope payload supervisor; do
      [ -d "/sys/fs/cgroup/$h/$d" ] && rmdir "/sys/fs/cgroup/$h/$d" 2>/dev/null || true
    done
  done
  rm -rf /run/systemd/nspawn 2>/dev/null || true
}

cleanup() {
  local status=$?
  set +e
  container_teardown
  local pid
  for pid in "${PIDS[@]}"; do end_pid "$pid"; done
  rm -rf "$WORK"
  exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# Polls COMMAND every 0.1 s for up to SECONDS; returns its last status.
wait_for() {
  local seconds=$1; shift
  local i
  for i in $(seq $((seconds * 10))); do
    if "$@" 2>/dev/null; then return 0; fi
    sleep 0.1
  done
  "$@" 2>/dev/null
}

# The test content of a secret named $1 (never a real secret).
secret_content() { printf 'systest-secret-%s\n' "$1"; }

# ---------------------------------------------------------------------------------------------
# 1. Unit checks from units-check.sh (security exposure, verify), when present.
if ! selected units; then
  :
elif [ -f "$HERE/units-check.sh" ]; then
  # It prints its own PASS/FAIL lines; count them, and fail if it exits non-zero without one.
  units_status=0
  units_out=$(timeout 300 bash "$HERE/units-check.sh" 2>&1) || units_status=$?
  printf '%s\n' "$units_out"
  units_pass=$(grep -c '^PASS ' <<<"$units_out" || true)
  units_fail=$(grep -c '^FAIL ' <<<"$units_out" || true)
  passed=$((passed + units_pass))
  failed=$((failed + units_fail))
  if [ "$units_status" != 0 ] && [ "$units_fail" = 0 ]; then
    fail "units-check" "Tests/system/units-check.sh exited $units_status" "$units_out"
  fi
else
  echo "SKIP units-check: Tests/system/units-check.sh not present"
fi

# ---------------------------------------------------------------------------------------------
# 2. Varlink interop with the reference Python client, and a hostile client.
varlink_tests() {
  local dir="$WORK/varlink" sock log pid
  mkdir -p "$dir"
  sock="$dir/control.sock"
  log="$dir/invsyncd.log"
  secret_content client > "$dir/client-secret"
  secret_content refresh > "$dir/refresh-token"
  chmod 600 "$dir/client-secret" "$dir/refresh-token"
  cat > "$dir/invsyncd.toml" <<'EOF'
[daemon]
state_directory = "state"
control_socket = "control.sock"
log_level = "info"

[organization]
base_currency = "USD"
taxes_enabled = true
business_location = "US"
primary_warehouse = "Main"

[[channel]]
name = "amazon-us"
marketplace = "US"
seller_id = "A2SYSTEST"
client_id = "amzn1.application-oa2-client.systest"
client_secret_file = "client-secret"
refresh_token_file = "refresh-token"
endpoint = "http://127.0.0.1:9"
token_endpoint = "http://127.0.0.1:9/auth/o2/token"
EOF
  if [ ! -x "$PY" ] || ! "$PY" -c 'import varlink' 2>/dev/null; then
    fail "varlink-venv" "no Python varlink client at $PY (run: make test-deps)"
    return
  fi
  "$BIN/invsyncd" --config "$dir/invsyncd.toml" > "$log" 2>&1 < /dev/null &
  pid=$!
  PIDS+=("$pid")
  if ! wait_for 30 test -S "$sock"; then
    fail "varlink-daemon-start" "invsyncd did not create $sock within 30 s" "$(cat "$log")"
    return
  fi
  pass "varlink-daemon-start"

  local out
  out=$(timeout 20 "$PY" -m varlink.cli call "unix:$sock/io.invsync.Daemon.GetStatus" '{}' 2>&1) || true
  if printf '%s' "$out" | python3 -c '
import json, sys
r = json.loads(sys.stdin.read())
assert isinstance(r.get("version"), str) and r["version"], "no version"
assert isinstance(r.get("channels"), list) and any(c.get("name") == "amazon-us" for c in r["channels"]), "no amazon-us channel"
assert r.get("state"), "no state"' 2>/dev/null; then
    pass "varlink-cli-GetStatus"
  else
    fail "varlink-cli-GetStatus" "the reference client did not get a GetStatus reply with version, state and channel amazon-us" "$out"
  fi

  out=$(timeout 20 "$PY" -m varlink.cli info "unix:$sock" 2>&1) || true
  if grep -q 'io.invsync.Daemon' <<<"$out" && grep -q 'org.varlink.service' <<<"$out" && grep -qi 'invsync' <<<"$out" && ! grep -qi 'error' <<<"$out"; then
    pass "varlink-cli-info"
  else
    fail "varlink-cli-info" "info does not list io.invsync.Daemon and org.varlink.service" "$out"
  fi

  out=$(timeout 20 "$PY" -m varlink.cli help "unix:$sock/io.invsync.Daemon" 2>&1) || true
  if grep -q 'interface io.invsync.Daemon' <<<"$out" && grep -q 'method GetStatus' <<<"$out"; then
    pass "varlink-cli-help"
  else
    fail "varlink-cli-help" "help does not print the io.invsync.Daemon IDL" "$out"
  fi

  local rss_before rss_after findings
  rss_before=$(awk '/^VmRSS:/{print $2}' "/proc/$pid/status")
  findings=$(timeout 180 python3 "$HERE/hostile-client.py" "$sock" 2>&1) || true
  printf '%s\n' "$findings" | sed 's/^/    hostile: /'
  value() { printf '%s\n' "$findings" | awk -F= -v k="$1" '$1==k{print $2}'; }
  if [ "$(value random_closed)" = "1" ] || [ "$(value random_reply)" != "b''" ]; then
    pass "hostile-random-bytes"
  else
    fail "hostile-random-bytes" "random bytes got neither an error reply nor a closed connection" "$findings"
  fi
  if [ "$(value many_answered)" -gt 0 ] 2>/dev/null && [ "$(value many_silent)" = 0 ]; then
    pass "hostile-1000-connections"
  else
    fail "hostile-1000-connections" "of 1,000 concurrent clients none was answered, or some got neither an answer nor a close" "$findings"
  fi
  if [ "$(value oversize_closed)" = "1" ]; then
    pass "hostile-oversize-closed"
  else
    fail "hostile-oversize-closed" "the daemon did not close a connection that sent 10 MiB without a NUL" "$findings"
  fi
  if ! kill -0 "$pid" 2>/dev/null; then
    fail "hostile-daemon-alive" "invsyncd died under the hostile client" "$(cat "$log")"
    return
  fi
  pass "hostile-daemon-alive"
  out=$(timeout 20 "$PY" -m varlink.cli call "unix:$sock/io.invsync.Daemon.GetStatus" '{}' 2>&1) || true
  # A JSON reply with the version: the daemon answers (a channel's own "error" state is no failure of the call).
  if printf '%s' "$out" | python3 -c 'import json,sys; sys.exit(0 if "version" in json.load(sys.stdin) else 1)' 2>/dev/null; then
    pass "hostile-GetStatus-after"
  else
    fail "hostile-GetStatus-after" "GetStatus does not answer after the hostile client" "$out"$'\n'"$(tail -n 20 "$log")"
  fi
  rss_after=$(awk '/^VmRSS:/{print $2}' "/proc/$pid/status")
  echo "    measured: invsyncd VmRSS idle ${rss_before} kB, after hostile client ${rss_after} kB"
  if [ -n "$rss_after" ] && [ "$rss_after" -le $((100 * 1024)) ]; then
    pass "hostile-rss-bounded"
  else
    fail "hostile-rss-bounded" "VmRSS ${rss_after:-?} kB is above 100 MiB"
  fi
  end_pid "$pid"
}
selected varlink && varlink_tests

# ---------------------------------------------------------------------------------------------
# 3. journald, real, without PID 1: a private journald in a private mount namespace; invsyncd's stderr
# is a journal stream (JOURNAL_STREAM set), so it must send structured entries; read them back.
journald_tests() {
  local dir="$WORK/journald" pid status=0
  mkdir -p "$dir/run-log" "$dir/var-log-journal"
  cp "$WORK/varlink/invsyncd.toml" "$WORK/varlink/client-secret" "$WORK/varlink/refresh-token" "$dir/" 2>/dev/null || {
    fail "journald-structured" "needs the varlink group's configuration (run with INVSYNC_SYSTEM_TESTS including varlink)"; return; }
  timeout 120 unshare --mount --propagation private bash -c '
    set -u
    dir=$1 bin=$2 here=$3
    J="" D=""
    trap "[ -n \"\$D\" ] && kill -TERM \$D 2>/dev/null; [ -n \"\$J\" ] && kill -TERM \$J 2>/dev/null; wait" EXIT
    mkdir -p /run/systemd/journal /run/log
    mount -t tmpfs tmpfs /run/systemd/journal
    mount --bind "$dir/run-log" /run/log
    # Keep the host'"'"'s persistent journal out of it.
    [ -d /var/log/journal ] && mount --bind "$dir/var-log-journal" /var/log/journal
    /lib/systemd/systemd-journald > "$dir/journald.log" 2>&1 & J=$!
    for _ in $(seq 100); do [ -S /run/systemd/journal/stdout ] && break; sleep 0.1; done
    python3 "$here/journal-stream-exec.py" invsyncd "$bin/invsyncd" --config "$dir/invsyncd.toml" > "$dir/stdout.log" 2>&1 & D=$!
    for _ in $(seq 300); do [ -S "$dir/control.sock" ] && break; sleep 0.1; done
    sleep 0.5
    kill -TERM $D; for _ in $(seq 100); do kill -0 $D 2>/dev/null || break; sleep 0.1; done; D=""
    journalctl --no-pager --sync 2>/dev/null || sleep 1
    journalctl --no-pager -o json SYSLOG_IDENTIFIER=invsyncd > "$dir/entries.json" 2> "$dir/journalctl.err"
  ' journald "$dir" "$BIN" "$HERE" > "$dir/run.log" 2>&1 < /dev/null &
  pid=$!
  PIDS+=("$pid")
  wait "$pid" || status=$?
  forget_pid "$pid"
  if python3 - "$dir/entries.json" <<'PYEOF'
import json, sys
entries = [json.loads(l) for l in open(sys.argv[1]) if l.strip()]
ready = [e for e in entries if e.get("MESSAGE") == "daemon ready"]
assert ready, "no 'daemon ready' entry among %d" % len(entries)
e = ready[0]
assert e.get("_TRANSPORT") == "journal", "transport %s: not sent with sd_journal_sendv" % e.get("_TRANSPORT")
for k in ("PRIORITY", "SYSLOG_IDENTIFIER", "VERSION", "CHANNELS", "SOCKET", "STARTUP_MS"):
    assert k in e, "no " + k
assert e["PRIORITY"] == "5", e["PRIORITY"]
print("    journald: daemon ready _TRANSPORT=%s PRIORITY=%s CHANNELS=%s STARTUP_MS=%s" % (e["_TRANSPORT"], e["PRIORITY"], e["CHANNELS"], e["STARTUP_MS"]))
stopped = [e for e in entries if e.get("MESSAGE") == "daemon stopped"]
assert stopped, "no 'daemon stopped' entry"
PYEOF
  then
    pass "journald-structured"
  else
    fail "journald-structured" "no structured invsyncd entries read back from a real journald (exit $status)" \
      "$(cat "$dir/run.log" "$dir/journalctl.err" "$dir/stdout.log" 2>/dev/null; head -c 3000 "$dir/entries.json" 2>/dev/null)"
  fi
}
selected journald && journald_tests
selected journald && { privacy_out=$(bash "$HERE/privacy-journal.sh" "$BIN" 2>&1) || true; printf '%s\n' "$privacy_out"; passed=$((passed + $(grep -c '^PASS ' <<<"$privacy_out" || true))); failed=$((failed + $(grep -c '^FAIL ' <<<"$privacy_out" || true))); }

# ---------------------------------------------------------------------------------------------
# 4. systemd as PID 1 in systemd-nspawn (3., journald, is read back with journalctl inside it).
ROOT_PACKAGES="systemd,systemd-sysv,dbus,libcurl4,libsqlite3-0,procps"
ROOT_KEY=$(printf 'bookworm minbase %s\n' "$ROOT_PACKAGES" | sha256sum | cut -c1-16)
ROOT_CACHE="$CACHE/nspawn-root-$ROOT_KEY"

prepare_root() {
  if [ ! -f "$ROOT_CACHE/.complete" ]; then
    local mirror
    mirror=$(awk '/^URIs:/{print $2; exit}' /etc/apt/sources.list.d/debian.sources 2>/dev/null || true)
    [ -n "$mirror" ] || mirror=$(awk '/^deb /{print $2; exit}' /etc/apt/sources.list 2>/dev/null || true)
    [ -n "$mirror" ] || mirror=http://deb.debian.org/debian
    echo "preparing the container root (debootstrap, cached in $ROOT_CACHE)"
    rm -rf "$ROOT_CACHE.tmp"
    if ! timeout 600 debootstrap --variant=minbase --include="$ROOT_PACKAGES" bookworm "$ROOT_CACHE.tmp" "$mirror" > "$WORK/debootstrap.log" 2>&1; then
      fail "container-root" "debootstrap failed" "$(tail -n 30 "$WORK/debootstrap.log")"
      rm -rf "$ROOT_CACHE.tmp"
      return 1
    fi
    touch "$ROOT_CACHE.tmp/.complete"
    rm -rf "$ROOT_CACHE"
    mv "$ROOT_CACHE.tmp" "$ROOT_CACHE"
  fi
  ROOT="$WORK/root"
  cp -a "$ROOT_CACHE" "$ROOT"
}

# Runs a command inside the container (all its namespaces), bounded.
C() { timeout 60 nsenter -t "$CPID" -a "$@"; }
prop() { C systemctl show -p "$1" --value "${2:-invsyncd.service}" 2>/dev/null; }
journal() { C journalctl --no-pager -u invsyncd "$@" 2>&1; }

install_into_root() {
  install -m 0755 "$BIN/invsyncd" "$ROOT/usr/bin/invsyncd"
  install -m 0755 "$BIN/invsyncctl" "$ROOT/usr/bin/invsyncctl"
  install -m 0644 "$UNITS/invsyncd.service" "$ROOT/etc/systemd/system/invsyncd.service"
  install -m 0644 "$UNITS/invsyncd.socket" "$ROOT/etc/systemd/system/invsyncd.socket"
  mkdir -p "$ROOT/etc/invsyncd" "$ROOT/etc/systemd/system/invsyncd.service.d"
  # Every credential the unit loads must exist or the service cannot start (status 243/CREDENTIALS).
  local line id path dropin="$ROOT/etc/systemd/system/invsyncd.service.d/50-system-test.conf"
  local have_lwa=0
  {
    echo "# Added by Tests/system/run-all.sh: a short watchdog to test, and the credential of channel systest-cred."
    echo "[Service]"
    echo "WatchdogSec=3s"
    echo "LoadCredential=systest-cred.refresh-token:/etc/invsyncd/test-credentials/systest-cred.refresh-token"
  } > "$dropin"
  while IFS= read -r line; do
    line=${line#*=}
    id=${line%%:*}
    if [[ "$line" == *:* ]]; then path=${line#*:}; else path="/etc/credstore/$id"; fi
    [ "$id" = "lwa-client-secret" ] && have_lwa=1
    [[ "$path" == /* ]] || path="/etc/credstore/$path"
    mkdir -p "$(dirname "$ROOT$path")"
    if [ "$id" = "vault-key" ]; then head -c 32 /dev/urandom > "$ROOT$path"; else secret_content "$id" > "$ROOT$path"; fi
    chmod 600 "$ROOT$path"
  done < <(grep -E '^[[:space:]]*LoadCredential=' "$UNITS/invsyncd.service" | sed 's/^[[:space:]]*//')
  if [ "$have_lwa" = 0 ]; then
    echo "LoadCredential=lwa-client-secret:/etc/invsyncd/test-credentials/lwa-client-secret" >> "$dropin"
  fi
  mkdir -p "$ROOT/etc/invsyncd/test-credentials"
  secret_content lwa > "$ROOT/etc/invsyncd/test-credentials/lwa-client-secret"
  secret_content cred-refresh > "$ROOT/etc/invsyncd/test-credentials/systest-cred.refresh-token"
  chmod 600 "$ROOT/etc/invsyncd/test-credentials/"*
  # Channel amazon-us names its secrets by file: readable by the dynamic user (test files only).
  secret_content file-client > "$ROOT/etc/invsyncd/systest-file-client-secret"
  secret_content file-refresh > "$ROOT/etc/invsyncd/systest-file-refresh-token"
  chmod 644 "$ROOT/etc/invsyncd/systest-file-client-secret" "$ROOT/etc/invsyncd/systest-file-refresh-token"
  cat > "$ROOT/etc/invsyncd/invsyncd.toml" <<'EOF'
# System test configuration: state in $STATE_DIRECTORY, socket from invsyncd.socket.
[daemon]
log_level = "info"

[organization]
base_currency = "USD"
taxes_enabled = true
business_location = "US"
primary_warehouse = "Main"

# Secrets from files named here.
[[channel]]
name = "amazon-us"
marketplace = "US"
seller_id = "A2SYSTEST"
client_id = "amzn1.application-oa2-client.systest"
client_secret_file = "/etc/invsyncd/systest-file-client-secret"
refresh_token_file = "/etc/invsyncd/systest-file-refresh-token"
endpoint = "http://127.0.0.1:9"
token_endpoint = "http://127.0.0.1:9/auth/o2/token"

# Secrets from systemd credentials (LoadCredential=): lwa-client-secret, systest-cred.refresh-token.
[[channel]]
name = "systest-cred"
marketplace = "US"
seller_id = "A3SYSTEST"
client_id = "amzn1.application-oa2-client.systest"
endpoint = "http://127.0.0.1:9"
token_endpoint = "http://127.0.0.1:9/auth/o2/token"
EOF
}

boot_container() {
  systemd-nspawn -D "$ROOT" --register=no --keep-unit -b --console=pipe > "$WORK/nspawn.log" 2>&1 < /dev/null &
  NS=$!
  local i
  CPID=""
  for i in $(seq 300); do
    CPID=$(pgrep -P "$NS" -x systemd || true)
    [ -n "$CPID" ] && break
    kill -0 "$NS" 2>/dev/null || break
    sleep 0.1
  done
  if [ -z "$CPID" ] || ! wait_for 60 test -S "/proc/$CPID/root/run/systemd/private"; then
    fail "container-boot" "systemd did not start in the container within 30 s" "$(cat "$WORK/nspawn.log")"
    return 1
  fi
  local state
  state=$(C systemctl is-system-running --wait 2>&1 || true)
  if [ "$state" = "running" ] || [ "$state" = "degraded" ]; then
    pass "container-boot"
  else
    fail "container-boot" "system state '$state'" "$(tail -n 30 "$WORK/nspawn.log")"
    return 1
  fi
  [ "$state" = "degraded" ] && echo "    note: container degraded: $(C systemctl --failed --no-legend --plain 2>&1 | tr '\n' ' ')"
  return 0
}

# Prints the first journal entry (JSON) of invsyncd whose MESSAGE equals $1 (journalctl -u invsyncd -o json).
journal_entry() {
  journal -o json | python3 -c '
import json, sys
want = sys.argv[1]
for line in sys.stdin:
    try:
        e = json.loads(line)
    except ValueError:
        continue
    if e.get("MESSAGE") == want and e.get("SYSLOG_IDENTIFIER") == "invsyncd":
        print(json.dumps(e, sort_keys=True))
        sys.exit(0)
sys.exit(1)' "$1"
}

container_tests() {
  if [ ! -f "$UNITS/invsyncd.service" ] || [ ! -f "$UNITS/invsyncd.socket" ]; then
    fail "container-units" "no invsyncd.service and invsyncd.socket in $UNITS"
    return
  fi
  prepare_root || return
  install_into_root
  boot_container || return
  local out state status

  # Socket activation: the socket listens, the service waits for the first connection.
  out=$(C systemctl start invsyncd.socket 2>&1) && state=$(C systemctl is-active invsyncd.socket 2>&1 || true)
  if [ "${state:-}" = "active" ]; then pass "socket-start"; else fail "socket-start" "invsyncd.socket is '${state:-}'" "$out"$'\n'"$(C journalctl --no-pager -n 20 -u invsyncd.socket 2>&1)"; return; fi
  state=$(C systemctl is-active invsyncd.service 2>&1 || true)
  [ "$state" = "inactive" ] && pass "socket-activation-idle" || fail "socket-activation-idle" "invsyncd.service is '$state' before any connection"
  [ -S "/proc/$CPID/root/run/invsyncd.sock" ] && pass "socket-path" || fail "socket-path" "/run/invsyncd.sock does not exist in the container" "$(C systemctl cat invsyncd.socket 2>&1)"

  out=$(C invsyncctl status 2>&1) && status=0 || status=$?
  state=$(C systemctl is-active invsyncd.service 2>&1 || true)
  if [ "$status" = 0 ] && [ "$state" = "active" ]; then
    pass "socket-activation-first-connect"
  else
    fail "socket-activation-first-connect" "invsyncctl status exited $status, service '$state'" "$out"$'\n'"$(journal -n 30)"
    return
  fi
  printf '%s\n' "$out" | sed 's/^/    invsyncctl status: /'

  # Type=notify: READY=1 made it active; STATUS= text shows in systemctl.
  local type status_text
  type=$(prop Type)
  [ "$type" = "notify" ] && pass "type-notify" || fail "type-notify" "Type=$type"
  status_text=$(prop StatusText)
  if [ -n "$status_text" ] && grep -q 'Serving' <<<"$status_text"; then
    pass "status-text"; echo "    StatusText: $status_text"
  else
    fail "status-text" "StatusText is '$status_text'" "$(C systemctl status --no-pager invsyncd 2>&1)"
  fi

  # DynamicUser + StateDirectory: not root, database under /var/lib/private/invsyncd.
  local mainpid uid
  mainpid=$(prop MainPID)
  uid=$(C awk '/^Uid:/{print $2}' "/proc/$mainpid/status" 2>/dev/null || true)
  if [ -n "$uid" ] && [ "$uid" != 0 ]; then pass "dynamic-user"; echo "    MainPID $mainpid runs as uid $uid"; else fail "dynamic-user" "MainPID $mainpid runs as uid '${uid:-?}'"; fi
  if [ -f "$ROOT/var/lib/private/invsyncd/invsyncd.sqlite" ]; then
    pass "state-directory-database"
  else
    fail "state-directory-database" "no /var/lib/private/invsyncd/invsyncd.sqlite" "$(ls -laR "$ROOT/var/lib/private" 2>&1 | head -20)"
  fi

  # LoadCredential: channel systest-cred names no secret file; it starts from $CREDENTIALS_DIRECTORY.
  out=$(C invsyncctl status --json 2>&1 || true)
  if grep -q '"systest-cred"' <<<"$out" && grep -q '"amazon-us"' <<<"$out"; then
    pass "load-credential-channel"
  else
    fail "load-credential-channel" "GetStatus does not list both channels amazon-us (file secrets) and systest-cred (credentials)" "$out"
  fi
  out=$(C ls "/run/credentials/invsyncd.service" 2>&1 || true)
  grep -q 'systest-cred.refresh-token' <<<"$out" && pass "load-credential-directory" || fail "load-credential-directory" "the credential is not in /run/credentials/invsyncd.service" "$out"

  # Journal: structured entries read back.
  local entry
  if entry=$(journal_entry "daemon ready") && python3 - "$entry" <<'EOF'
import json, sys
e = json.loads(sys.argv[1])
missing = [k for k in ("PRIORITY", "SYSLOG_IDENTIFIER", "VERSION", "CHANNELS", "SOCKET", "STARTUP_MS") if k not in e]
assert not missing, missing
assert e["PRIORITY"] == "5", e["PRIORITY"]
assert e["CHANNELS"] == "2", e["CHANNELS"]
assert e.get("_SYSTEMD_UNIT") == "invsyncd.service", e.get("_SYSTEMD_UNIT")
print("    journal: daemon ready PRIORITY=%s VERSION=%s CHANNELS=%s SOCKET=%s STARTUP_MS=%s" % (e["PRIORITY"], e["VERSION"], e["CHANNELS"], e["SOCKET"], e["STARTUP_MS"]))
EOF
  then
    pass "journal-structured-fields"
  else
    fail "journal-structured-fields" "no 'daemon ready' entry with PRIORITY=5, SYSLOG_IDENTIFIER=invsyncd, VERSION, CHANNELS=2, SOCKET, STARTUP_MS" "${entry:-}"$'\n'"$(journal -o json -n 5)"
  fi

  # Reload: same process, still active, the journal says so.
  out=$(C systemctl reload invsyncd 2>&1) && status=0 || status=$?
  sleep 1
  state=$(C systemctl is-active invsyncd.service 2>&1 || true)
  if [ "$status" = 0 ] && [ "$state" = "active" ] && [ "$(prop MainPID)" = "$mainpid" ] && wait_for 10 journal_entry "reloading configuration" > /dev/null; then
    pass "reload"
  else
    fail "reload" "systemctl reload exited $status, service '$state', MainPID $(prop MainPID) (was $mainpid)" "$out"$'\n'"$(journal -n 20)"
  fi

  # Watchdog: a hung daemon (SIGSTOP) stops pinging; systemd aborts and restarts it.
  local restarts wd newpid
  restarts=$(prop NRestarts)
  wd=$(prop WatchdogUSec)
  echo "    WatchdogUSec=$wd NRestarts=$restarts MainPID=$mainpid"
  C kill -STOP "$mainpid"
  local start=$SECONDS
  if wait_for 90 bash -c '
      n=$(timeout 20 nsenter -t '"$CPID"' -a systemctl show -p NRestarts --value invsyncd.service)
      p=$(timeout 20 nsenter -t '"$CPID"' -a systemctl show -p MainPID --value invsyncd.service)
      s=$(timeout 20 nsenter -t '"$CPID"' -a systemctl is-active invsyncd.service)
      [ "$n" -gt '"$restarts"' ] && [ "$p" != 0 ] && [ "$p" != '"$mainpid"' ] && [ "$s" = active ]'; then
    newpid=$(prop MainPID)
    pass "watchdog-restart"
    echo "    restarted in $((SECONDS - start)) s: NRestarts=$(prop NRestarts) MainPID=$newpid"
  else
    fail "watchdog-restart" "no restart within 90 s of SIGSTOP: NRestarts=$(prop NRestarts) MainPID=$(prop MainPID) state=$(C systemctl is-active invsyncd.service 2>&1)" "$(C journalctl --no-pager -n 30 2>&1)"
    C kill -CONT "$mainpid" 2>/dev/null || true
  fi
  if C journalctl --no-pager -u invsyncd 2>&1 | grep -qi 'watchdog timeout'; then
    pass "watchdog-journal"
  else
    fail "watchdog-journal" "systemd logged no watchdog timeout for invsyncd" "$(journal -n 20)"
  fi

  # Stop: clean exit, well inside TimeoutStopSec.
  local timeout_usec t0 t1 ms result code mstatus
  timeout_usec=$(prop TimeoutStopUSec)
  t0=$(date +%s%N)
  out=$(C systemctl stop invsyncd.service 2>&1) && status=0 || status=$?
  t1=$(date +%s%N)
  ms=$(( (t1 - t0) / 1000000 ))
  result=$(prop Result); code=$(prop ExecMainCode); mstatus=$(prop ExecMainStatus)
  echo "    stop took ${ms} ms (TimeoutStopUSec=$timeout_usec): Result=$result ExecMainCode=$code ExecMainStatus=$mstatus"
  if [ "$status" = 0 ] && [ "$result" = "success" ] && [ "$mstatus" = 0 ] && [ "$code" = 1 ] && [ "$ms" -lt 10000 ]; then
    pass "stop-clean"
  else
    fail "stop-clean" "stop exited $status in ${ms} ms, Result=$result ExecMainCode=$code ExecMainStatus=$mstatus" "$out"$'\n'"$(journal -n 20)"
  fi
  if wait_for 5 journal_entry "daemon stopped" > /dev/null; then pass "stop-journal"; else fail "stop-journal" "no 'daemon stopped' entry" "$(journal -n 20)"; fi
}
selected container && container_tests
container_teardown

echo "system-tests: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
