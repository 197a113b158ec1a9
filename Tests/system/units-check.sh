#!/usr/bin/env bash
# The unit files: `systemd-analyze verify` prints nothing, and the service's exposure is at most 1.5.
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
stage=$(mktemp -d)
trap 'rm -rf "$stage"' EXIT
mkdir -p "$stage/usr/bin" "$stage/bin" "$stage/etc/systemd/system" "$stage/lib/systemd"
# verify needs the ExecStart binaries under the staging root, and the stock units.
cp /bin/true "$stage/usr/bin/invsyncd"
cp /bin/kill "$stage/bin/kill"
cp -r /lib/systemd/system "$stage/lib/systemd/"
cp "$root/systemd/invsyncd.service" "$root/systemd/invsyncd.socket" "$stage/etc/systemd/system/"
out=$(systemd-analyze verify --man=no --root="$stage" /etc/systemd/system/invsyncd.service /etc/systemd/system/invsyncd.socket 2>&1) || { echo "FAIL units-verify: $out"; exit 1; }
if [ -n "$out" ]; then echo "FAIL units-verify: $out"; exit 1; fi
echo "PASS units-verify"
security=$(systemd-analyze security --offline=true --root="$stage" --threshold=15 invsyncd.service 2>&1) || {
  echo "FAIL units-security: exposure above 1.5"; echo "$security" | grep -E "✗|Overall"; exit 1; }
score=$(echo "$security" | grep -o "Overall exposure level for invsyncd.service: [0-9.]*" | grep -o "[0-9.]*$")
echo "PASS units-security (exposure $score)"
