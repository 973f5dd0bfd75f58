#!/usr/bin/env bash
# The chat server beside Redis pub/sub, in one run, with the repository's own generator
# (chat-bench --target chat|redis): for each workload, each round starts a fresh chat server,
# measures it, stops it, then does the same with a fresh redis-server; after N rounds it prints
# the medians and their ratio (chat / redis). See docs/benchmarks.md, "Side by side with Redis".
#
#   bench/compare.sh [--quick] [--runs N] [--only W1,W2,...] [--out DIR] [--build]
#
#   workloads: fanout100  100 clients in one room, sweep, highest rate held at p99 < 20 ms
#              fanout1000 1,000 clients in one room, sweep, p99 < 50 ms
#              idle       5,000 idle connections: the server's RSS per connection
#              churn      5,000 connect/welcome/line/close cycles/s beside a steady room of 100
#              bigroom    one room of 10,000, sweep, p99 < 100 ms
#              rooms      1,000 rooms of 10, one sender in each, sweep, p99 < 20 ms
#              storm      10,000 connections at once into the lobby, beside a steady room of 100
#                         at 1,000 lines/s: how long after the last connect every one is welcomed
#                         (Redis: subscribed), and the steady room's p99 meanwhile
#   --quick   one round, short runs, smaller rooms (2,000 and 100×10): checks that it all works
#   --runs N  rounds (default 3); the median of N is reported
#   --out DIR where the raw JSON lines and logs go (default: a new directory under /tmp)
#   --build   rebuild the jars even if they exist
#
# Needs: Java 17, Maven (only to build), redis-server (Debian: apt-get install redis-server).
# Env: CHAT_FLAGS (extra chat-server flags), CHAT_JVM (JVM options for the chat server only, such
#      as -Xmn256m), REDIS_SERVER (the binary), JAVA (the java binary),
#      STORM_NICE (the storm's generator runs at this niceness, default 19, so that it takes the CPU
#      the server and the steady room's generator leave, as clients on other machines would; 0
#      gives it an equal share of the two cores).
# CPU per delivery is the server's CPU time (utime + stime from /proc/PID/stat, read by the
# generator before and after each measured run) over the deliveries of that run, taken at the
# highest rate both servers held, so that both did the same work.
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
# shellcheck source=bench/lib.sh
. "$root/bench/lib.sh" # free_port, field, median
chat_jar=$root/chat-server/target/chat-server.jar
bench_jar=$root/chat-bench/target/chat-bench.jar
java=${JAVA:-java}
redis_server=${REDIS_SERVER:-redis-server}

quick=0 runs=3 only="fanout100,fanout1000,idle,churn,bigroom,rooms,storm" out="" build=0
while [ $# -gt 0 ]; do
  case $1 in
    --quick) quick=1; runs=1 ;;
    --runs) runs=$2; shift ;;
    --only) only=$2; shift ;;
    --out) out=$2; shift ;;
    --build) build=1 ;;
    -h|--help) awk 'NR > 1 && /^#/ { sub(/^# ?/, ""); print; next } NR > 1 { exit }' "$0"; exit 0 ;;
    *) echo "compare.sh: unknown option $1 (see --help)" >&2; exit 2 ;;
  esac
  shift
done
case $runs in ''|*[!0-9]*|0) echo "compare.sh: --runs wants a positive number, got '$runs'" >&2; exit 2 ;; esac
for w in ${only//,/ }; do
  case $w in fanout100|fanout1000|idle|churn|bigroom|rooms|storm) ;;
    *) echo "compare.sh: unknown workload '$w' (fanout100 fanout1000 idle churn bigroom rooms storm)" >&2; exit 2 ;;
  esac
done
command -v "$redis_server" >/dev/null || { echo "compare.sh: $redis_server not found (Debian: apt-get install redis-server)" >&2; exit 1; }
command -v "$java" >/dev/null || { echo "compare.sh: $java not found (Java 17 or later)" >&2; exit 1; }

if [ $build = 1 ] || [ ! -f "$chat_jar" ] || [ ! -f "$bench_jar" ]; then
  echo "building the jars (mvn -B -pl chat-bench -am package -DskipTests)..."
  (cd "$root" && mvn -q -B -pl chat-bench -am package -DskipTests)
fi

# Each of 10,000 connections is a descriptor in the generator and one in the server.
ulimit -n "$(ulimit -Hn)" 2>/dev/null || true
fds=$(ulimit -n)
out=${out:-$(mktemp -d /tmp/chat-compare.XXXXXX)}
mkdir -p "$out"

# ---- processes: every one started here is stopped on exit, however the script ends ----------
pids=()
cleanup() {
  for pid in "${pids[@]}"; do
    kill "$pid" 2>/dev/null || true
  done
  for pid in "${pids[@]}"; do
    wait "$pid" 2>/dev/null || true
  done
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# Waits until something accepts on the port, or fails after 30 s.
await_port() {
  local port=$1 pid=$2
  for _ in $(seq 300); do
    (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null && return 0
    kill -0 "$pid" 2>/dev/null || { echo "compare.sh: the server on port $port exited; see $out" >&2; exit 1; }
    sleep 0.1
  done
  echo "compare.sh: nothing listens on port $port after 30 s; see $out" >&2
  exit 1
}

server_pid=0 server_port=0
start_server() { # start_server chat|redis LOGNAME
  server_port=$(free_port)
  if [ "$1" = chat ]; then
    # shellcheck disable=SC2086 # CHAT_JVM and CHAT_FLAGS are lists
    "$java" ${CHAT_JVM:-} -jar "$chat_jar" --host 127.0.0.1 --port "$server_port" --flood-rate 0 --max-connections 25000 \
      ${CHAT_FLAGS:-} >"$out/$2.log" 2>&1 &
  else
    # The Go scripts' settings: no persistence, no output limit for subscribers.
    "$redis_server" --port "$server_port" --bind 127.0.0.1 --save '' --appendonly no \
      --client-output-buffer-limit 'pubsub 0 0 0' --maxclients 25000 --dir "$out" >"$out/$2.log" 2>&1 &
  fi
  server_pid=$!
  pids+=("$server_pid")
  await_port "$server_port" "$server_pid"
}

stop_server() {
  kill "$server_pid" 2>/dev/null || true
  wait "$server_pid" 2>/dev/null || true
}

bench() { # bench TARGET MODE ARGS... : one generator run against the running server, JSON on stdout
  bench_at 0 "$@"
}

bench_at() { # bench_at NICENESS TARGET MODE ARGS... : the same, the generator at that niceness
  local niceness=$1 target=$2
  shift 2
  # In the background and waited for, so that a signal stops the script (and, through the trap, it) at once.
  nice -n "$niceness" "$java" -jar "$bench_jar" "$@" --target "$target" --port "$server_port" --server-pid "$server_pid" --json &
  local pid=$!
  pids+=("$pid")
  wait "$pid"
}

ratio() { # ratio A B: A / B to two places, or "-"
  awk -v a="$1" -v b="$2" 'BEGIN { if (a == "-" || b == "-" || b + 0 == 0) print "-"; else printf "%.2f", a / b }'
}

# ---- the workloads: each writes its JSON lines to $out/WORKLOAD-TARGET-ROUND.json ------------
if [ $quick = 1 ]; then
  dur=1s warm=1s idle_n=1000 idle_hold=2s churn_rate=1000 big=2000 rooms=100 storm_n=2000
  rates100=1000,4000 rates1000=100,400 rates_big=10,50 rates_rooms=1000,4000
else
  dur=3s warm=3s idle_n=5000 idle_hold=5s churn_rate=5000 big=10000 rooms=1000 storm_n=10000
  rates100=1000,2000,4000,8000,14000,20000,28000,40000,56000,80000
  rates1000=100,200,400,700,1000,1400,2000,2800,4000,5600,8000
  rates_big=2,5,10,20,50,100,200,400,700
  rates_rooms=1000,2000,3000,4000,5000,6000,7000,8000,10000,14000,20000,28000,40000
fi

run_workload() { # run_workload WORKLOAD TARGET ROUND
  local w=$1 t=$2 r=$3 f="$out/$1-$2-$3.json"
  start_server "$t" "$w-$t-$r"
  case $w in
    fanout100) bench "$t" sweep --clients 100 --senders 10 --rates "$rates100" --p99-ms 20 --duration "$dur" --warmup "$warm" ;;
    fanout1000) bench "$t" sweep --clients 1000 --senders 10 --rates "$rates1000" --p99-ms 50 --duration "$dur" --warmup "$warm" ;;
    idle) bench "$t" idle --clients "$idle_n" --duration "$idle_hold" ;;
    churn) bench "$t" churn --clients 100 --senders 10 --rate 1000 --churn-rate "$churn_rate" --duration "$dur" --warmup "$warm" ;;
    bigroom) bench "$t" sweep --clients "$big" --senders 10 --rates "$rates_big" --p99-ms 100 --duration "$dur" --warmup "$warm" ;;
    rooms) bench "$t" sweep --rooms "$rooms" --clients 10 --senders 1 --rates "$rates_rooms" --p99-ms 20 --duration "$dur" --warmup "$warm" ;;
    storm)
      # The steady room first (its own generator process), then the storm while it runs.
      "$java" -jar "$bench_jar" fanout --room steady --clients 100 --senders 10 --rate 1000 --duration 10s \
        --warmup 2s --target "$t" --port "$server_port" --json >"$out/stormsteady-$t-$r.json" 2>"$out/stormsteady-$t-$r.err" &
      local steady=$!
      pids+=("$steady")
      sleep 5
      # STORM_NICE: the storm's generator at a lower priority than the server and the steady room's.
      bench_at "${STORM_NICE:-19}" "$t" idle --clients "$storm_n" --duration 0s
      wait "$steady" || echo "compare.sh: the steady room beside the storm against $t failed" >&2 ;;
  esac >"$f" 2>"$out/$w-$t-$r.err" || echo "compare.sh: $w against $t (round $r) failed: $(tail -1 "$out/$w-$t-$r.err")" >&2
  stop_server
}

# value WORKLOAD TARGET ROUND KEY [MODE]: KEY of the result line of MODE (default: the last line).
value() {
  local f="$out/$1-$2-$3.json" line
  [ -s "$f" ] || { echo "-"; return; }
  if [ -n "${5:-}" ]; then line=$(grep "\"mode\":\"$5\"" "$f" | tail -1 || true); else line=$(tail -1 "$f"); fi
  local v
  v=$(field "$4" "$line")
  [ -n "$v" ] && [ "$v" != null ] && echo "$v" || echo "-"
}

# step_value WORKLOAD TARGET ROUND RATE KEY: KEY of the sweep step run at RATE, if it held.
step_value() {
  local f="$out/$1-$2-$3.json" line v
  [ -s "$f" ] || { echo "-"; return; }
  line=$(grep '"mode":"sweep_step"' "$f" | grep "\"rate\":$4," | grep '"held":true' | tail -1 || true)
  v=$(field "$5" "$line")
  [ -n "$v" ] && [ "$v" != null ] && echo "$v" || echo "-"
}

workloads=${only//,/ }
echo "chat server beside Redis pub/sub: $runs round(s) of [$workloads]$([ $quick = 1 ] && echo ', quick')"
echo "machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2 / 1048576}' /proc/meminfo), $(uname -sr)," \
  "$("$java" -version 2>&1 | head -1), $("$redis_server" --version | awk '{print $1, $2, $3}'); open files: $fds"
echo "raw results: $out; load average at the start: $(cut -d' ' -f1-3 /proc/loadavg)"
for w in $workloads; do
  case $w in bigroom|rooms|storm)
    if [ "$fds" -lt 11000 ] && [ $quick = 0 ]; then
      echo "compare.sh: skipping $w: it needs about 11,000 open files, the limit is $fds" >&2
      workloads=${workloads/$w/}
    fi ;;
  esac
done
for r in $(seq "$runs"); do
  for w in $workloads; do
    for t in chat redis; do
      printf '  round %d: %-10s %-5s ...' "$r" "$w" "$t"
      run_workload "$w" "$t" "$r"
      case $w in
        idle) echo " $(value "$w" "$t" "$r" kb_per_connection) KiB per connection" ;;
        churn) echo " $(value "$w" "$t" "$r" churn_cycles_per_s) cycles/s, steady p99 $(value "$w" "$t" "$r" p99_ms) ms" ;;
        storm) echo " all welcomed $(value "$w" "$t" "$r" welcomed_after_last_connect_s) s after the last connect, steady p99 $(value stormsteady "$t" "$r" p99_ms) ms" ;;
        *) echo " held $(value "$w" "$t" "$r" max_rate) lines/s" ;;
      esac
    done
  done
done

# ---- the table --------------------------------------------------------------------------------
echo
printf '%-11s %-52s %12s %12s %11s\n' workload "figure (median of $runs)" chat redis "chat/redis"
row() { # row WORKLOAD LABEL CHAT REDIS
  printf '%-11s %-52s %12s %12s %11s\n' "$1" "$2" "$3" "$4" "$(ratio "$3" "$4")"
}
medians() { # medians WORKLOAD TARGET KEY [MODE]
  for r in $(seq "$runs"); do value "$1" "$2" "$r" "$3" "${4:-}"; done | median
}
for w in $workloads; do
  case $w in
    fanout100|fanout1000|bigroom|rooms)
      case $w in
        fanout100) label="100 clients, rate held at p99 < 20 ms" ;;
        fanout1000) label="1,000 clients, rate held at p99 < 50 ms" ;;
        bigroom) label="1 room of $big, rate held at p99 < 100 ms" ;;
        rooms) label="$rooms rooms of 10, rate held at p99 < 20 ms" ;;
      esac
      row "$w" "$label (lines/s)" "$(medians "$w" chat max_rate)" "$(medians "$w" redis max_rate)"
      # CPU per delivery and the generator's share at the highest rate both held, round by round.
      cpu_chat=() cpu_redis=() gen_chat=() gen_redis=()
      for r in $(seq "$runs"); do
        a=$(value "$w" chat "$r" max_rate) b=$(value "$w" redis "$r" max_rate)
        [ "$a" = - ] || [ "$b" = - ] && continue
        common=$(awk -v a="$a" -v b="$b" 'BEGIN { m = a < b ? a : b; if (m > 0) print m }')
        [ -n "$common" ] || continue
        cpu_chat+=("$(step_value "$w" chat "$r" "$common" server_cpu_ns_per_delivery)")
        cpu_redis+=("$(step_value "$w" redis "$r" "$common" server_cpu_ns_per_delivery)")
        gen_chat+=("$(step_value "$w" chat "$r" "$common" generator_cpu_pct)")
        gen_redis+=("$(step_value "$w" redis "$r" "$common" generator_cpu_pct)")
      done
      row "" "server CPU ns per delivery, same rate" \
        "$(printf '%s\n' "${cpu_chat[@]:-}" | median)" "$(printf '%s\n' "${cpu_redis[@]:-}" | median)"
      row "" "generator CPU % of a core, same rate" \
        "$(printf '%s\n' "${gen_chat[@]:-}" | median)" "$(printf '%s\n' "${gen_redis[@]:-}" | median)"
      ;;
    idle)
      row idle "$idle_n idle connections, KiB RSS each" "$(medians idle chat kb_per_connection)" \
        "$(medians idle redis kb_per_connection)" ;;
    churn)
      row churn "cycles/s achieved of $churn_rate" "$(medians churn chat churn_cycles_per_s)" \
        "$(medians churn redis churn_cycles_per_s)"
      row "" "failed cycles" "$(medians churn chat churn_failed)" "$(medians churn redis churn_failed)"
      row "" "steady room of 100 beside it, p99 ms" "$(medians churn chat p99_ms)" "$(medians churn redis p99_ms)"
      row "" "server CPU % of a core" "$(medians churn chat server_cpu_pct)" "$(medians churn redis server_cpu_pct)"
      ;;
    storm)
      row storm "$storm_n at once: all welcomed, s after the last connect" \
        "$(medians storm chat welcomed_after_last_connect_s)" "$(medians storm redis welcomed_after_last_connect_s)"
      row "" "their connects took, s" "$(medians storm chat connect_s)" "$(medians storm redis connect_s)"
      row "" "steady room of 100 beside it, p99 ms" "$(medians stormsteady chat p99_ms)" \
        "$(medians stormsteady redis p99_ms)"
      ;;
  esac
done
echo
echo "load average at the end: $(cut -d' ' -f1-3 /proc/loadavg) (on $(nproc) cores; above that, other work shared the machine)"
echo "Each round ran chat, then redis, each on a fresh server; a sweep stops at its first step that"
echo "misses the bound or loses a line. A '-' is a figure not measured (a run that failed: see $out)."
