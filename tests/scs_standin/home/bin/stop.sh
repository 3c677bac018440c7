#!/usr/bin/env bash
# stop.sh of the scs STAND-IN (docs/scs-standin.md): SIGTERM to the pid in bin/scs.pid, then wait
# up to $SCS_STANDIN_STOP_WAIT_SECONDS (default 15) for it to exit. Exit 0 when it is gone (or
# was not running), 1 when it is still running (no SIGKILL here: a supervisor decides that).
# The real tool's stop behaviour is not documented; this is an ASSUMPTION.
set -u
home="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
pid_file="$home/bin/scs.pid"
wait_s="${SCS_STANDIN_STOP_WAIT_SECONDS:-15}"
alive() { # a zombie (exited, not yet reaped) counts as gone
  kill -0 "$1" 2>/dev/null && ! grep -qE '^[0-9]+ \(.*\) Z' "/proc/$1/stat" 2>/dev/null
}
if [[ ! -s "$pid_file" ]]; then
  echo "starrocks-cluster-sync (stand-in) is not running (no $pid_file)"
  exit 0
fi
pid="$(cat "$pid_file")"
if ! alive "$pid"; then
  rm -f "$pid_file"
  echo "starrocks-cluster-sync (stand-in) is not running"
  exit 0
fi
kill -TERM "$pid" 2>/dev/null
deadline=$((SECONDS + wait_s))
while alive "$pid"; do
  if ((SECONDS >= deadline)); then
    echo "starrocks-cluster-sync (stand-in) pid $pid did not stop within ${wait_s}s" >&2
    exit 1
  fi
  sleep 0.1
done
rm -f "$pid_file"
echo "starrocks-cluster-sync (stand-in) stopped"
