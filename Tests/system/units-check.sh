#!/usr/bin/env bash
# Checks the systemd unit files without systemd as PID 1:
#   1. `systemd-analyze verify` must print nothing (it exits 0 even on unknown keys);
#   2. `systemd-analyze security --offline` must rate the service's exposure at most THRESHOLD (tenths, default 12).
# Usage: Tests/system/units-check.sh [threshold]
set -euo pipefail

repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
threshold=${1:-12}
units=(invsyncd.service invsyncd.socket)

staging=$(mktemp -d)
trap 'rm -rf "$staging"' EXIT

# verify resolves ExecStart= and dependencies inside the root: give it a binary and the distribution's units.
mkdir -p "$staging/usr/bin" "$staging/bin" "$staging/lib/systemd" "$staging/etc/systemd/system"
cp "$(type -P true)" "$staging/usr/bin/invsyncd"
cp "$(type -P kill)" "$staging/bin/kill"
cp -r /lib/systemd/system "$staging/lib/systemd/system"
for unit in "${units[@]}"; do
    cp "$repo/systemd/$unit" "$staging/etc/systemd/system/$unit"
done

status=0
for unit in "${units[@]}"; do
    output=$(cd "$staging/etc/systemd/system" && systemd-analyze verify --man=no --root="$staging" "$unit" 2>&1) || status=1
    if [ -n "$output" ]; then
        echo "units-check: systemd-analyze verify $unit printed:" >&2
        echo "$output" >&2
        status=1
    else
        echo "units-check: verify $unit: clean"
    fi
done

report=$(cd "$staging/etc/systemd/system" && systemd-analyze security --offline=true --root="$staging" \
    --threshold="$threshold" invsyncd.service 2>&1) || {
    echo "$report" | grep -E '✗|Overall' >&2 || echo "$report" >&2
    echo "units-check: exposure above threshold $threshold (tenths)" >&2
    status=1
}
score=$(echo "$report" | sed -n 's/.*Overall exposure level for invsyncd.service: \([0-9.]*\).*/\1/p')
echo "units-check: exposure of invsyncd.service: ${score:-unknown} (threshold $threshold tenths)"
[ -n "$score" ] || status=1

exit "$status"
