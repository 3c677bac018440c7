#!/usr/bin/env bash
# start.sh of the scs STAND-IN (tests/scs_standin, docs/scs-standin.md), not of the real
# starrocks-cluster-sync. The docs only say `./bin/start.sh` starts the tool; that it returns at
# once with the tool running in the background (nohup, output appended to log/sync.out, pid in
# bin/scs.pid, same process group as the caller) is this stand-in's ASSUMPTION.
set -u
home="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
pid_file="$home/bin/scs.pid"
if [[ -s "$pid_file" ]] && kill -0 "$(cat "$pid_file")" 2>/dev/null &&
   ! grep -qE '^[0-9]+ \(.*\) Z' "/proc/$(cat "$pid_file")/stat" 2>/dev/null; then
  echo "starrocks-cluster-sync (stand-in) is already running, pid $(cat "$pid_file")" >&2
  exit 1
fi
mkdir -p "$home/log"
nohup "$home/lib/scs_standin" "$home" >>"$home/log/sync.out" 2>&1 &
echo $! >"$pid_file"
echo "starrocks-cluster-sync (stand-in) started, pid $!"
