#!/usr/bin/env bash
# A TLS handshake storm beside a plain chat (issue 14; docs/benchmarks.md, "TLS"): a chat server
# with a TLS port, a steady room of 100 plain clients at 200 lines/s (20,000 deliveries/s) for
# 20 s, and 5 s in, 1,000 TLS clients connecting at once from 16 threads. Prints the plain users'
# p99 over the run, and how long the storm took; N rounds (default 3) and their medians.
#
#   bench/tls-storm.sh [--runs N] [--clients N] [--stay] [--out DIR]
#
# --stay keeps the TLS clients in #lobby until the storm is over (their arrivals are news to the
# lobby) instead of leaving at once. Env: CHAT_FLAGS (extra chat-server flags), JAVA, and
# SERVER_CPUS / CLIENT_CPUS (taskset lists, e.g. 0 and 1): the server on its own core and both
# generators on another, so that the TLS clients' handshakes do not take the server's CPU.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
# shellcheck source=bench/lib.sh
. "$root/bench/lib.sh" # free_port, field, median
chat_jar=$root/chat-server/target/chat-server.jar
bench_jar=$root/chat-bench/target/chat-bench.jar
java=${JAVA:-java}
runs=3 clients=1000 stay="" out=""
while [ $# -gt 0 ]; do
  case $1 in
    --runs) runs=$2; shift ;;
    --clients) clients=$2; shift ;;
    --stay) stay=--stay ;;
    --out) out=$2; shift ;;
    -h|--help) awk 'NR > 1 && /^#/ { sub(/^# ?/, ""); print; next } NR > 1 { exit }' "$0"; exit 0 ;;
    *) echo "tls-storm.sh: unknown option $1 (see --help)" >&2; exit 2 ;;
  esac
  shift
done
[ -f "$chat_jar" ] && [ -f "$bench_jar" ] || (cd "$root" && mvn -q -B -pl chat-bench -am package -DskipTests)
out=${out:-$(mktemp -d /tmp/chat-tls-storm.XXXXXX)}
server_cpus=${SERVER_CPUS:+taskset -c $SERVER_CPUS}
client_cpus=${CLIENT_CPUS:+taskset -c $CLIENT_CPUS}
pids=()
cleanup() { for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done; wait 2>/dev/null || true; }
trap cleanup EXIT
trap 'exit 130' INT TERM
echo "TLS storm: $clients clients ${stay:-leaving at once} beside 100 plain clients at 20,000 deliveries/s; $runs round(s); load $(cut -d' ' -f1-3 /proc/loadavg); raw: $out"
p99s=() storms=()
for r in $(seq "$runs"); do
  port=$(free_port) tls_port=$(free_port)
  # shellcheck disable=SC2086
  $server_cpus "$java" -jar "$chat_jar" --port "$port" --tls-port "$tls_port" --data-dir "$out/data" --flood-rate 0 \
    --max-connections 5000 --max-connections-per-address 0 ${CHAT_FLAGS:-} >"$out/server-$r.log" 2>&1 &
  server=$!; pids+=("$server")
  for _ in $(seq 300); do (exec 3<>"/dev/tcp/127.0.0.1/$tls_port") 2>/dev/null && break; sleep 0.1; done
  $client_cpus "$java" -jar "$bench_jar" fanout --port "$port" --room bench --clients 100 --senders 10 --rate 200 --duration 20s \
    --warmup 3s --server-pid "$server" --json >"$out/steady-$r.json" 2>"$out/steady-$r.err" &
  steady=$!; pids+=("$steady")
  sleep 8 # the steady room's connects and warm-up, then 5 s into its measured run
  storm=$($client_cpus "$java" -jar "$bench_jar" tls-storm --port "$tls_port" --clients "$clients" $stay --json || true)
  wait "$steady" || true
  kill "$server" 2>/dev/null || true; wait "$server" 2>/dev/null || true
  p99=$(field p99_ms "$(tail -1 "$out/steady-$r.json")") s=$(field storm_s "$storm") f=$(field failed "$storm")
  echo "  round $r: plain users' p99 ${p99:-?} ms; the storm took ${s:-?} s, ${f:-?} failed"
  p99s+=("${p99:--}") storms+=("${s:--}")
done
echo "median: plain users' p99 $(printf '%s\n' "${p99s[@]}" | grep -E '^[0-9.]+$' | median) ms, storm $(printf '%s\n' "${storms[@]}" | grep -E '^[0-9.]+$' | median) s; load at the end $(cut -d' ' -f1-3 /proc/loadavg)"
