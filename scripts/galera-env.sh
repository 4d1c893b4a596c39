# Shared by scripts/galera-up.sh and scripts/galera-down.sh (sourced, not run): where the test
# cluster lives and which ports each node uses.
#
# Node N (1..3) listens for SQL on 127.0.0.1:(3310+N), for Galera replication on
# 127.0.0.1:(4567+10*(N-1)), receives incremental state transfers (IST) on the next port up and
# full state transfers (SST, rsync) on 127.0.0.1:(4444+10*(N-1)). Base ports 10 apart, so no
# node's IST port is another node's Galera port.

GALERA_DIR="${GALERA_DIR:-/var/tmp/erasure-galera}"
GALERA_PROVIDER="${GALERA_PROVIDER:-/usr/lib/galera/libgalera_smm.so}"
GALERA_NODES=(1 2 3)

sql_port() { echo $((3310 + $1)); }
galera_port() { echo $((4567 + 10 * ($1 - 1))); }
ist_port() { echo $((4568 + 10 * ($1 - 1))); }
sst_port() { echo $((4444 + 10 * ($1 - 1))); }
node_dir() { echo "$GALERA_DIR/node$1"; }

cluster_address() {
  local addresses=()
  for n in "${GALERA_NODES[@]}"; do addresses+=("127.0.0.1:$(galera_port "$n")"); done
  local IFS=,
  echo "gcomm://${addresses[*]}"
}

# Runs SQL on node N as root over TCP; prints tab-separated values without column names.
node_sql() {
  local n=$1
  shift
  mariadb --no-defaults --protocol=tcp -h 127.0.0.1 -P "$(sql_port "$n")" -uroot -N -B \
    --connect-timeout=3 -e "$*"
}

node_alive() {
  mariadb-admin --no-defaults --protocol=tcp -h 127.0.0.1 -P "$(sql_port "$1")" -uroot \
    --connect-timeout=2 ping >/dev/null 2>&1
}

# "<cluster size> <local state comment>" of node N (e.g. "3 Synced"), or nothing when it does not
# answer. SHOW STATUS works in every state, also on a node outside the primary component.
node_state() {
  node_sql "$1" "SHOW GLOBAL STATUS WHERE Variable_name IN ('wsrep_cluster_size', 'wsrep_local_state_comment')" \
    2>/dev/null | awk -F'\t' '{ v[$1] = $2 } END { if (NR > 0) print v["wsrep_cluster_size"], v["wsrep_local_state_comment"] }' \
    || true
}

node_pid() {
  local file
  file="$(node_dir "$1")/mariadbd.pid"
  [ -s "$file" ] && cat "$file"
}

node_process_running() {
  local pid
  pid="$(node_pid "$1")" || return 1
  [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null
}
