#!/usr/bin/env bash
# Stops nodes of the test cluster started by scripts/galera-up.sh.
#
#   scripts/galera-down.sh            stop all three, cleanly, node 1 last (it can bootstrap again)
#   scripts/galera-down.sh 2          stop node 2 cleanly; the others carry on as a cluster of two
#   scripts/galera-down.sh --kill 2   SIGKILL node 2, as a crash would (galera-up.sh 2 brings it back)
set -euo pipefail
cd "$(dirname "$0")"
# shellcheck source=galera-env.sh
. ./galera-env.sh

say() { echo "galera-down: $*"; }

kill_it=false
if [ "${1:-}" = --kill ]; then
  kill_it=true
  shift
fi
nodes=("$@")
[ ${#nodes[@]} -gt 0 ] || nodes=(3 2 1)

for n in "${nodes[@]}"; do
  case "$n" in 1 | 2 | 3) ;; *)
    echo "galera-down: unknown node '$n' (1, 2 or 3)" >&2
    exit 1
    ;;
  esac
  pid="$(node_pid "$n" || true)"
  if [ -z "$pid" ] || ! kill -0 "$pid" 2>/dev/null; then
    say "node $n: not running"
    continue
  fi
  if $kill_it; then
    kill -KILL "$pid"
    say "node $n: killed (pid $pid)"
  else
    kill -TERM "$pid"
  fi
  for _ in $(seq 1 120); do
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.5
  done
  if kill -0 "$pid" 2>/dev/null; then
    say "node $n: still running 60 s after SIGTERM; killing it"
    kill -KILL "$pid" || true
  fi
  $kill_it || say "node $n: stopped"
done
