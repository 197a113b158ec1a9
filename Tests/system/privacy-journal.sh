#!/usr/bin/env bash
# Privacy audit in a real journald (R30, R32): invsyncd syncs orders from the real spapi-sandbox, root reveals a
# buyer and prints a slip, uid 65534 is refused; the audit entries (PRIORITY=5 with UID, PID, ORDER, REASON) are
# read back with journalctl, and neither the journal nor the database files (+ -wal) hold any sandbox buyer's
# name, email or street address. The daemon runs at log level warning: audit entries are written anyway.
# Runs journald privately in its own mount namespace (TESTING.md "journald, real").
# Usage: privacy-journal.sh BIN_DIR   (BIN_DIR holds invsyncd, invsyncctl and spapi-sandbox); prints PASS/FAIL lines.
set -euo pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
BIN=$(cd "${1:?usage: privacy-journal.sh BIN_DIR}" && pwd)

if [ -z "${INVSYNC_PRIVACY_NAMESPACE:-}" ]; then
  # Our own mount namespace: a private journald, never the host's journal. An exit without a FAIL line (a
  # timeout, an unexpected error) still counts as one.
  log=$(mktemp "${TMPDIR:-/tmp}/invsync-privacy-log.XXXXXX")
  status=0
  env INVSYNC_PRIVACY_NAMESPACE=1 timeout 300 unshare --mount --propagation private bash "${BASH_SOURCE[0]}" "$BIN" \
    > "$log" 2>&1 < /dev/null || status=$?
  cat "$log"
  if [ "$status" != 0 ] && ! grep -q '^FAIL ' "$log"; then echo "FAIL privacy-journal: exited $status"; fi
  rm -f "$log"
  exit "$status"
fi

for tool in "$BIN/invsyncd" "$BIN/invsyncctl" "$BIN/spapi-sandbox" /lib/systemd/systemd-journald /usr/bin/setpriv /usr/bin/curl; do
  if [ ! -x "$tool" ]; then echo "FAIL privacy-journal-setup: $tool is missing"; exit 1; fi
done

WORK=$(mktemp -d "${TMPDIR:-/tmp}/invsync-privacy.XXXXXX")
chmod 755 "$WORK"
J="" S="" D=""
end() {  # TERM, up to 10 s, then KILL: only the processes this script started
  local pid=$1
  [ -n "$pid" ] || return 0
  kill -TERM "$pid" 2>/dev/null || true
  for _ in $(seq 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
  kill -KILL "$pid" 2>/dev/null || true
  wait "$pid" 2>/dev/null || true
}
cleanup() { end "$D"; end "$S"; end "$J"; rm -rf "$WORK"; }
trap cleanup EXIT

fail() { echo "FAIL $1: $2"; [ -n "${3:-}" ] && printf '%s\n' "$3" | tail -n 30 | sed 's/^/    | /'; exit 1; }

mkdir -p /run/systemd/journal /run/log "$WORK/run-log" "$WORK/var-log-journal"
mount -t tmpfs tmpfs /run/systemd/journal
mount --bind "$WORK/run-log" /run/log
[ -d /var/log/journal ] && mount --bind "$WORK/var-log-journal" /var/log/journal
/lib/systemd/systemd-journald > "$WORK/journald.log" 2>&1 & J=$!
for _ in $(seq 100); do [ -S /run/systemd/journal/stdout ] && break; sleep 0.1; done
[ -S /run/systemd/journal/stdout ] || fail privacy-journald "journald did not start" "$(cat "$WORK/journald.log")"

printf 'systest-client-secret\n' > "$WORK/client-secret"
printf 'Atzr|systest-refresh\n' > "$WORK/refresh-token"
head -c 32 /dev/urandom | od -An -tx1 | tr -d ' \n' > "$WORK/vault.key"
chmod 600 "$WORK/client-secret" "$WORK/refresh-token" "$WORK/vault.key"
"$BIN/spapi-sandbox" --port 0 --port-file "$WORK/sandbox.port" --marketplaces US --orders 150 --listings 40 --days 30 \
  --rate-scale 1000 --clock-scale 10 --client-secret-file "$WORK/client-secret" --refresh-token-file "$WORK/refresh-token" \
  > "$WORK/sandbox.log" 2>&1 < /dev/null & S=$!
for _ in $(seq 200); do [ -s "$WORK/sandbox.port" ] && break; sleep 0.1; done
PORT=$(cat "$WORK/sandbox.port" 2>/dev/null || true)
[ -n "$PORT" ] || fail privacy-sandbox "spapi-sandbox did not start" "$(cat "$WORK/sandbox.log")"
SANDBOX="http://127.0.0.1:$PORT"

cat > "$WORK/invsyncd.toml" <<TOML
[daemon]
state_directory = "state"
control_socket = "control.sock"
# warning: the audit entries (notice) must be written even when the operator turned the level down.
log_level = "warning"
vault_key_file = "vault.key"
# uid 65534's group: it may connect and read orders, never buyer data.
control_group = "$(getent group 65534 | cut -d: -f1)"

[organization]
base_currency = "USD"
taxes_enabled = true
business_location = "US"
primary_warehouse = "Main"

[[channel]]
name = "amazon-us"
marketplace = "US"
seller_id = "A2SANDBOXSELLER"
client_id = "amzn1.application-oa2-client.sandbox"
client_secret_file = "client-secret"
refresh_token_file = "refresh-token"
endpoint = "$SANDBOX"
token_endpoint = "$SANDBOX/auth/o2/token"
TOML
# stderr is a journal stream, as under StandardError=journal: invsyncd sends structured entries.
python3 "$HERE/journal-stream-exec.py" invsyncd "$BIN/invsyncd" --config "$WORK/invsyncd.toml" > "$WORK/daemon.out" 2>&1 < /dev/null & D=$!
SOCK="$WORK/control.sock"
ctl() { timeout 30 "$BIN/invsyncctl" --socket "$SOCK" "$@"; }

ORDER=""
for _ in $(seq 600); do
  ORDER=$(ctl order list --limit 10000 --json 2>/dev/null | python3 -c '
import json, sys
orders = json.load(sys.stdin)["orders"]
print(next((str(o["id"]) for o in orders if o["piiState"] == "present" and o["fulfillmentChannel"] == "MFN"), ""))' 2>/dev/null || true)
  [ -n "$ORDER" ] && break
  sleep 0.1
done
[ -n "$ORDER" ] || fail privacy-sync "no MFN order with buyer data synced within 60 s" "$(cat "$WORK/daemon.out")"
echo "PASS privacy-sync"

REASON="system test: carrier lost the parcel"
out=$(ctl privacy reveal "$ORDER" --reason "$REASON" --json 2>&1) || fail privacy-reveal-root "root could not reveal order $ORDER" "$out"
grep -q '"email"' <<<"$out" || fail privacy-reveal-root "the reply has no buyer email" "$out"
echo "PASS privacy-reveal-root"
out=$(ctl privacy package-slip "$ORDER" 2>&1) || fail privacy-slip-root "root could not print the packing slip" "$out"
echo "PASS privacy-slip-root"
status=0
out=$(timeout 30 setpriv --reuid=65534 --regid=65534 --clear-groups "$BIN/invsyncctl" --socket "$SOCK" privacy reveal "$ORDER" --reason "curious" 2>&1) || status=$?
[ "$status" = 1 ] && grep -q 'io.invsync.Privacy.PermissionDenied' <<<"$out" \
  || fail privacy-reveal-refused "uid 65534 was not refused (exit $status)" "$out"
echo "PASS privacy-reveal-refused"

# Every synced order's buyer, from the sandbox's admin API: the values that must not leak.
ctl order list --limit 10000 --json | python3 -c '
import json, sys
for o in json.load(sys.stdin)["orders"]: print(o["amazonOrderId"])' > "$WORK/order-ids"
while read -r id; do curl -s "$SANDBOX/_sandbox/orders/$id"; echo; done < "$WORK/order-ids" > "$WORK/sandbox-orders.jsonl"

end "$D"; D=""
journalctl --no-pager --sync 2>/dev/null || sleep 1
journalctl --no-pager -o json SYSLOG_IDENTIFIER=invsyncd > "$WORK/entries.json" 2> "$WORK/journalctl.err" || true

if python3 - "$WORK" "$ORDER" "$REASON" <<'PYEOF'
import json, os, sys
work, order, reason = sys.argv[1], sys.argv[2], sys.argv[3]
entries = [json.loads(l) for l in open(os.path.join(work, "entries.json")) if l.strip()]
def one(message, **fields):
    found = [e for e in entries if e.get("MESSAGE") == message and all(e.get(k) == v for k, v in fields.items())]
    assert found, "no %r entry with %s among %d entries" % (message, fields, len(entries))
    return found[0]
e = one("buyer revealed", UID="0", ORDER=order)
assert e.get("PRIORITY") == "5", "priority %s" % e.get("PRIORITY")
assert e.get("_TRANSPORT") == "journal", e.get("_TRANSPORT")
assert e.get("REASON") == reason, e.get("REASON")
assert e.get("PID", "").isdigit() and e["PID"] != "0", e.get("PID")
one("slip issued", UID="0", ORDER=order, SLIP="package")
one("buyer data refused", UID="65534")
needles = set()
for line in open(os.path.join(work, "sandbox-orders.jsonl")):
    if not line.strip(): continue
    o = json.loads(line)
    b = o.get("buyer", {})
    a = o.get("recipient", {}).get("deliveryAddress", {})
    needles.update(v for v in (b.get("buyerName"), b.get("buyerEmail"), a.get("addressLine1")) if v)
assert len(needles) > 20, "only %d buyer values" % len(needles)
journal = open(os.path.join(work, "entries.json"), "rb").read()
leaks = [n for n in needles if n.encode() in journal]
assert not leaks, "buyer data in the journal: %d values" % len(leaks)
for name in ("invsyncd.sqlite", "invsyncd.sqlite-wal"):
    path = os.path.join(work, "state", name)
    if os.path.exists(path):
        data = open(path, "rb").read()
        leaked = [n for n in needles if n.encode() in data]
        assert not leaked, "buyer data in %s: %d values" % (name, len(leaked))
print("    privacy: audit PRIORITY=%s UID=%s PID=%s ORDER=%s REASON=%r; %d buyer values absent from %d journal entries and the database"
      % (e["PRIORITY"], e["UID"], e["PID"], e["ORDER"], e["REASON"], len(needles), len(entries)))
PYEOF
then
  echo "PASS privacy-journal-audit"
else
  fail privacy-journal-audit "the audit entries or the absence of buyer data could not be shown" "$(cat "$WORK/journalctl.err" 2>/dev/null)"
fi
