# Shell functions the scripts of bench/ share (sourced, not run): a free port, a field of a
# chat-bench JSON line, the median of numbers.

# A port below the ephemeral range (so no client socket of the run can hold it) that nothing listens on.
free_port() {
  local port
  for _ in $(seq 200); do
    port=$((20000 + RANDOM % 12000))
    if ! (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
      echo "$port"
      return
    fi
  done
  echo "$(basename "$0"): no free port found" >&2
  exit 1
}

# field KEY JSONLINE: one value of a flat JSON line ("null" when not known).
field() {
  sed -n "s/.*\"$1\":\(\"[^\"]*\"\|[^,}]*\).*/\1/p" <<<"$2" | tr -d '"'
}

# median of the numbers on stdin ("-" if none): the middle one, or the mean of the two middle ones.
median() {
  grep -E '^-?[0-9.]+$' | sort -g | awk '{v[NR]=$1} END {
    if (NR == 0) { print "-"; exit }
    printf "%.6g\n", NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}

