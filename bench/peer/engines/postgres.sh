#!/usr/bin/env bash
# PostgreSQL full-text search peer: a private cluster (initdb) under
# $ENGINE_WORK, listening on 127.0.0.1:$PG_PORT only, stopped by `cleanup`.
# Build and search logic: pg/build.sql, pg/search.sql.
# Environment (optional): PG_BINDIR, PG_PORT (54329), PG_SHARED_BUFFERS (1GB),
#   PG_MAINT_MEM (1GB), PG_WORK_MEM (64MB), PG_PARALLEL (0 = single-threaded queries).
set -euo pipefail
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
W=${ENGINE_WORK:?ENGINE_WORK not set}
mkdir -p "$W"
if [ -z "${PG_BINDIR:-}" ]; then
  if command -v pg_config >/dev/null 2>&1 && [ -x "$(pg_config --bindir)/initdb" ]; then
    PG_BINDIR=$(pg_config --bindir)
  else
    PG_BINDIR=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)
  fi
fi
[ -x "$PG_BINDIR/initdb" ] || { echo "postgres: initdb not found (set PG_BINDIR)" >&2; exit 1; }

# state kept between actions
PGDATA_FILE=$W/pgdata.path
PORT_FILE=$W/port
pgdata() {  # stored relative to $W unless the mktemp fallback was needed
  local d; d=$(cat "$PGDATA_FILE")
  case "$d" in /*) echo "$d" ;; *) echo "$W/$d" ;; esac
}
port() { cat "$PORT_FILE"; }

as_owner() {  # initdb/pg_ctl refuse to run as root
  if [ "$(id -u)" = 0 ]; then (cd / && runuser -u postgres -- "$@"); else "$@"; fi
}
psql_() { "$PG_BINDIR/psql" -X -q -h 127.0.0.1 -p "$(port)" -U postgres -d bench "$@"; }

stop_cluster() {
  if [ -f "$PGDATA_FILE" ] && [ -f "$(pgdata)/postmaster.pid" ]; then
    as_owner "$PG_BINDIR/pg_ctl" -D "$(pgdata)" -m fast -w stop >/dev/null || true
  fi
}

case "${1:-}" in
  version)
    "$PG_BINDIR/postgres" --version | awk '{print $3}' ;;
  prepare)
    stop_cluster
    d=$W/pgdata
    rm -rf "$d"; mkdir -p "$d"
    if [ "$(id -u)" = 0 ]; then
      chown postgres: "$d"
      if ! runuser -u postgres -- test -w "$d"; then  # parent not traversable by postgres
        rmdir "$d"; d=$(mktemp -d "${TMPDIR:-/tmp}/peers-pgdata.XXXXXX"); chown postgres: "$d"
      fi
    fi
    chmod 700 "$d"
    if [ "$d" = "$W/pgdata" ]; then echo pgdata > "$PGDATA_FILE"; else echo "$d" > "$PGDATA_FILE"; fi
    as_owner "$PG_BINDIR/initdb" -D "$d" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 >/dev/null
    cat >> "$d/postgresql.conf" <<EOF
listen_addresses = '127.0.0.1'
unix_socket_directories = ''
shared_buffers = ${PG_SHARED_BUFFERS:-1GB}
maintenance_work_mem = ${PG_MAINT_MEM:-1GB}
work_mem = ${PG_WORK_MEM:-64MB}
max_parallel_workers_per_gather = ${PG_PARALLEL:-0}
max_parallel_maintenance_workers = 0
jit = off
autovacuum = off
wal_level = minimal
max_wal_senders = 0
max_wal_size = 8GB
synchronous_commit = off
EOF
    p=${PG_PORT:-54329}; ok=0
    for try in 0 1 2 3 4 5; do
      echo $((p + try)) > "$PORT_FILE"
      if as_owner "$PG_BINDIR/pg_ctl" -D "$d" -o "-p $(port)" -l "$d/server.log" -w -t 60 start >/dev/null; then
        ok=1; break
      fi
    done
    [ $ok = 1 ] || { tail -20 "$d/server.log" >&2; exit 1; }
    "$PG_BINDIR/createdb" -h 127.0.0.1 -p "$(port)" -U postgres bench
    echo "postgres: cluster up on 127.0.0.1:$(port)" >&2 ;;
  build)   # CORPUS INDEXDIR (the index lives in the cluster)
    out=$(psql_ -f "$HERE/pg/build.sql" < "$2")
    echo "$out"
    hwm=$(echo "$out" | awk '/^PG_BACKEND_VMHWM_KB/{print $2}')
    ticks=$(echo "$out" | awk '/^PG_BACKEND_CPU_TICKS/{print $2}')
    if [ -n "${ENGINE_RAW:-}" ]; then
      printf 'docs_indexed\t%s\n' "$(echo "$out" | awk '/^PG_DOCS/{print $2}')" >> "$ENGINE_RAW/meta.tsv"
      printf 'build_backend_peak_rss_kb\t%s\n' "$hwm" >> "$ENGINE_RAW/meta.tsv"
      printf 'build_backend_cpu_s\t%s\n' "$(awk -v t="$ticks" -v h="$(getconf CLK_TCK)" 'BEGIN{printf "%.2f", t / h}')" >> "$ENGINE_RAW/meta.tsv"
    fi
    true ;;
  size)
    psql_ -Atc "SELECT pg_total_relation_size('docs')"
    [ -n "${ENGINE_RAW:-}" ] && psql_ -Atc "SELECT 'gin_index_bytes', pg_relation_size('docs_tsv_gin')
      UNION ALL SELECT 'table_bytes', pg_table_size('docs')" -F $'\t' >> "$ENGINE_RAW/meta.tsv"
    true ;;
  search)  # INDEXDIR QUERIES RAWDIR REPS
    out=$(psql_ -v reps="$5" -v modes="${MODES:-top10 top10count count phrase dated}" -f "$HERE/pg/search.sql" < "$3")
    echo "$out"
    hwm=$(echo "$out" | awk '/^PG_BACKEND_VMHWM_KB/{print $2}')
    printf 'search_backend_peak_rss_kb\t%s\n' "$hwm" >> "$4/meta.tsv"
    psql_ -At -F $'\t' -c "SELECT mode, qidx, rep, ns FROM bench_lat ORDER BY mode, rep, qidx" > "$4/lat.tsv"
    psql_ -At -F $'\t' -c "SELECT mode, qidx, cnt, array_to_string(ids, E'\t') FROM bench_res ORDER BY mode, qidx" \
      | sed 's/\t$//' > "$4/res.tsv" ;;
  cleanup)
    stop_cluster
    if [ "${CLEAN_INDEX:-0}" = 1 ] && [ -f "$PGDATA_FILE" ]; then rm -rf "$(pgdata)"; fi ;;
  *) echo "usage: $0 version|prepare|build|size|search|cleanup ..." >&2; exit 2 ;;
esac
