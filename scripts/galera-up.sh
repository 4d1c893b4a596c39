#!/usr/bin/env bash
# Starts a three-node MariaDB Galera cluster on 127.0.0.1 for the tests and the bench, with Debian's
# galera-4 provider: SQL on ports 3311, 3312 and 3313, user root without a password over TCP.
#
#   scripts/galera-up.sh          start whatever is not running and wait until all three nodes
#                                 are Synced in one cluster of three; does nothing when they are
#   scripts/galera-up.sh 2        start node 2 only (it joins the running nodes), and wait
#
# Data lives in $GALERA_DIR (default /var/tmp/erasure-galera), one folder per node with its
# config, datadir and error log. A node that crashed (e.g. `galera-down.sh --kill 2`) is started
# from its recovered position and catches up by incremental state transfer; a new one receives the
# whole state by rsync. When no node runs, the cluster is bootstrapped again from the node that
# stopped last (its data is kept), or created empty the first time.
#
# Run as root (mariadbd switches to the mysql user). Small on purpose: 64 MB of buffer pool and 48 MB
# of redo log per node (GALERA_BUFFER_POOL_SIZE, GALERA_LOG_FILE_SIZE to change; they apply to nodes
# started by this run). TEST_GALERA_URLS for the tests:
#   export TEST_GALERA_URLS=mysql://root@127.0.0.1:3311/,mysql://root@127.0.0.1:3312/,mysql://root@127.0.0.1:3313/
set -euo pipefail
cd "$(dirname "$0")"
# shellcheck source=galera-env.sh
. ./galera-env.sh

BUFFER_POOL="${GALERA_BUFFER_POOL_SIZE:-64M}"
LOG_FILE_SIZE="${GALERA_LOG_FILE_SIZE:-48M}"
WAIT_SECONDS="${GALERA_WAIT_SECONDS:-180}"

say() { echo "galera-up: $*"; }
die() {
  echo "galera-up: $*" >&2
  exit 1
}

[ "$(id -u)" = 0 ] || die "run as root (mariadbd is started with --user=mysql)"
[ -f "$GALERA_PROVIDER" ] || die "$GALERA_PROVIDER is missing (apt-get install galera-4 mariadb-server rsync)"
command -v mariadbd >/dev/null || [ -x /usr/sbin/mariadbd ] || die "mariadbd is missing (apt-get install mariadb-server)"
command -v rsync >/dev/null || die "rsync is missing (apt-get install rsync): the state transfer method"
MARIADBD="$(command -v mariadbd || echo /usr/sbin/mariadbd)"

write_config() {
  local n=$1 dir
  dir="$(node_dir "$n")"
  cat >"$dir/my.cnf" <<EOF
# Written by scripts/galera-up.sh: node $n of the test cluster.
[mysqld]
datadir = $dir/data
socket = $dir/mariadbd.sock
pid-file = $dir/mariadbd.pid
log-error = $dir/error.log
bind-address = 127.0.0.1
port = $(sql_port "$n")
skip-name-resolve
character-set-server = utf8mb4
collation-server = utf8mb4_general_ci
performance_schema = OFF
max_connections = 200

innodb_buffer_pool_size = $BUFFER_POOL
innodb_log_file_size = $LOG_FILE_SIZE
default_storage_engine = InnoDB
# Galera needs row-based replication and interleaved auto-increment locks.
binlog_format = ROW
innodb_autoinc_lock_mode = 2

wsrep_on = ON
wsrep_provider = $GALERA_PROVIDER
wsrep_cluster_name = erasure-test
wsrep_cluster_address = $(cluster_address)
wsrep_node_name = node$n
wsrep_node_address = 127.0.0.1:$(galera_port "$n")
wsrep_sst_method = rsync
wsrep_sst_receive_address = 127.0.0.1:$(sst_port "$n")
wsrep_slave_threads = 2
# A node that stops answering is declared dead after about 3 s (the defaults wait 5 to 15 s):
# the tests kill a node and the others should carry on soon.
wsrep_provider_options = "gmcast.listen_addr=tcp://127.0.0.1:$(galera_port "$n"); ist.recv_addr=127.0.0.1:$(ist_port "$n"); gcache.size=256M; evs.keepalive_period=PT1S; evs.suspect_timeout=PT3S; evs.inactive_check_period=PT1S; evs.inactive_timeout=PT6S; evs.install_timeout=PT6S"
EOF
}

init_node() {
  local n=$1 dir
  dir="$(node_dir "$n")"
  install -d -o mysql -g mysql -m 0750 "$dir"
  write_config "$n"
  chown mysql:mysql "$dir/my.cnf"
  if [ ! -d "$dir/data/mysql" ]; then
    say "node $n: new data directory $dir/data"
    install -d -o mysql -g mysql -m 0750 "$dir/data"
    mariadb-install-db --no-defaults --user=mysql --datadir="$dir/data" \
      --auth-root-authentication-method=normal --skip-test-db >"$dir/install.log" 2>&1 ||
      die "node $n: mariadb-install-db failed, see $dir/install.log"
  fi
}

# seqno recorded in grastate.dat: -1 after a crash (or while running).
grastate() {
  local file key=$2
  file="$(node_dir "$1")/data/grastate.dat"
  [ -f "$file" ] && awk -v k="$key:" '$1 == k { print $2 }' "$file"
}

# The position a crashed node has reached, read by InnoDB recovery ("uuid:seqno"). The recovery
# run should print it and exit within seconds; it is watched, and killed after 120 s or above
# 2 GB of memory (seen once: a recovery run that went on serving and grew without bound). The
# position is taken from its log either way; without one the node gets a full state transfer.
recover_position() {
  local n=$1 dir log pid rss
  dir="$(node_dir "$n")"
  log="$dir/recover.log"
  rm -f "$log"
  "$MARIADBD" --defaults-file="$dir/my.cnf" --user=mysql --wsrep-recover --log-error="$log" >/dev/null 2>&1 &
  pid=$!
  for _ in $(seq 1 240); do
    kill -0 "$pid" 2>/dev/null || break
    rss="$(ps -o rss= -p "$pid" 2>/dev/null | tr -d ' ')"
    if grep -qs 'WSREP: Recovered position' "$log" || [ "${rss:-0}" -gt 2000000 ]; then
      sleep 1
      kill -0 "$pid" 2>/dev/null && kill -KILL "$pid" 2>/dev/null
      break
    fi
    sleep 0.5
  done
  kill -KILL "$pid" 2>/dev/null || true
  wait "$pid" 2>/dev/null || true
  sed -n 's/.*WSREP: Recovered position: *\([^ ]*\).*/\1/p' "$log" | tail -n 1
}

start_node() {
  local n=$1 dir extra=()
  shift
  dir="$(node_dir "$n")"
  extra=("$@")
  if [ -d "$dir/data/mysql" ] && [ "$(grastate "$n" seqno)" = "-1" ]; then
    local position
    position="$(recover_position "$n")"
    if [ -n "$position" ] && [ "${position#*:}" != "-1" ]; then
      say "node $n: recovered position $position"
      extra+=("--wsrep-start-position=$position")
    fi
  fi
  say "node $n: starting (SQL port $(sql_port "$n"))${extra[*]:+ ${extra[*]}}"
  rm -f "$dir/mariadbd.pid"
  setsid nohup "$MARIADBD" --defaults-file="$dir/my.cnf" --user=mysql "${extra[@]}" \
    >>"$dir/stdout.log" 2>&1 </dev/null &
}

# Waits until node N answers and is Synced with every node of `expected` in its cluster.
wait_synced() {
  local n=$1 expected=$2 state=''
  for _ in $(seq 1 "$WAIT_SECONDS"); do
    state="$(node_state "$n")"
    [ "$state" = "$expected Synced" ] && return 0
    if ! node_process_running "$n" && [ -z "$state" ] && [ -s "$(node_dir "$n")/mariadbd.pid" ]; then
      break
    fi
    sleep 1
  done
  tail -n 30 "$(node_dir "$n")/error.log" >&2 || true
  die "node $n did not reach '$expected Synced' (last: '${state:-no answer}')"
}

ensure_root_over_tcp() {
  local dir
  dir="$(node_dir "$1")"
  # mariadb-install-db made root@localhost (socket); the tests connect over TCP to 127.0.0.1 and
  # skip-name-resolve keeps that address as it is. Replicated to the other nodes.
  mariadb --no-defaults --socket="$dir/mariadbd.sock" -uroot -e \
    "CREATE USER IF NOT EXISTS 'root'@'127.0.0.1'; GRANT ALL PRIVILEGES ON *.* TO 'root'@'127.0.0.1' WITH GRANT OPTION;"
}

primary_node() {
  for n in "${GALERA_NODES[@]}"; do
    if [ "$(node_sql "$n" "SHOW GLOBAL STATUS LIKE 'wsrep_cluster_status'" 2>/dev/null | cut -f2)" = Primary ]; then
      echo "$n"
      return 0
    fi
  done
  return 1
}

all_synced() {
  for n in "${GALERA_NODES[@]}"; do
    [ "$(node_state "$n")" = "3 Synced" ] || return 1
  done
}

# Which nodes to start: the arguments, or all three.
wanted=("$@")
[ ${#wanted[@]} -gt 0 ] || wanted=("${GALERA_NODES[@]}")
for n in "${wanted[@]}"; do
  case "$n" in 1 | 2 | 3) ;; *) die "unknown node '$n' (1, 2 or 3)" ;; esac
done

if [ $# -eq 0 ] && all_synced; then
  say "already running: 3 nodes Synced on ports $(sql_port 1), $(sql_port 2), $(sql_port 3)"
  exit 0
fi

install -d -m 0755 "$GALERA_DIR"
alive=()
for n in "${GALERA_NODES[@]}"; do node_alive "$n" && alive+=("$n"); done

if [ ${#alive[@]} -eq 0 ]; then
  # No node runs: bootstrap a new primary component from the node that stopped last, whose data is
  # the newest (grastate.dat says safe_to_bootstrap: 1), or from node 1 of a new cluster.
  first=''
  for n in "${GALERA_NODES[@]}"; do
    if [ "$(grastate "$n" safe_to_bootstrap)" = 1 ]; then first=$n; fi
  done
  if [ -z "$first" ]; then
    for n in "${GALERA_NODES[@]}"; do
      if [ -d "$(node_dir "$n")/data/mysql" ]; then
        # Every node crashed: none is known to be the newest. A test cluster is simply made anew.
        say "no node stopped cleanly: the cluster is created anew in $GALERA_DIR"
        rm -rf "$GALERA_DIR"/node*
        break
      fi
    done
    first=1
  fi
  for n in "${GALERA_NODES[@]}"; do init_node "$n"; done
  start_node "$first" --wsrep-new-cluster
  wait_synced "$first" 1
  ensure_root_over_tcp "$first"
  alive=("$first")
else
  primary="$(primary_node || true)"
  if [ -z "$primary" ]; then
    # Nodes run but none is in a primary component (the others died): make the first one primary.
    primary=${alive[0]}
    say "node $primary: no primary component among the running nodes; bootstrapping it"
    node_sql "$primary" "SET GLOBAL wsrep_provider_options = 'pc.bootstrap=YES'"
  fi
fi

for n in "${wanted[@]}"; do
  if node_alive "$n"; then continue; fi
  init_node "$n"
  if node_process_running "$n"; then
    say "node $n: its process runs but does not answer yet"
  else
    start_node "$n"
  fi
  # One at a time: a joiner may need a full state transfer, and the donor serves one.
  size=$((${#alive[@]} + 1))
  wait_synced "$n" "$size"
  alive+=("$n")
done

for n in "${GALERA_NODES[@]}"; do
  node_alive "$n" || continue
  wait_synced "$n" "${#alive[@]}"
done
say "running: ${#alive[@]} node(s) Synced; SQL on $(for n in "${alive[@]}"; do printf '%s ' "127.0.0.1:$(sql_port "$n")"; done)"
