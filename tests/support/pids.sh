# Process helpers shared by the test servers' scripts (tests/sim/sandbox.sh, tests/s3/s3rver.sh);
# sourced, not run.
#   pid_alive PID      the process exists and is not a zombie (pid 1 may reap late)
#   alive PIDFILE      the file exists and names a live process
#   stop_pid PIDFILE   SIGTERM, up to 5 s for it to end, then SIGKILL; the file removed
pid_alive() { [ -r "/proc/$1/status" ] && ! grep -q '^State:[[:space:]]*Z' "/proc/$1/status"; }
alive() { [ -f "$1" ] && pid_alive "$(cat "$1")"; }
stop_pid() {
  local pidfile=$1
  alive "$pidfile" || { rm -f "$pidfile"; return 0; }
  local pid; pid=$(cat "$pidfile")
  kill "$pid" 2>/dev/null || true
  for _ in $(seq 1 100); do pid_alive "$pid" || break; sleep 0.05; done
  kill -9 "$pid" 2>/dev/null || true
  rm -f "$pidfile"
}
