#!/usr/bin/env bash
# Memory per idle subscribed WebSocket connection of a gateway, two ways:
#  - RSS growth, as `resbench conns` reports it (what the issue's target is stated in), and
#  - live heap growth, from class histograms taken before and after the connections (each forces a
#    full GC), with the classes that grew most: what the connections themselves keep.
# Usage: RB=path/to/resbench conns-heap.sh GATEWAY_JAR CLIENTS [java options...]
# Starts nats-server (port NATS_PORT, default 14333) if none listens there, and the jar as a gateway
# only (port GW_PORT, default 18333, -Xmx1g unless given). Needs jcmd and `ulimit -n` above 2 x CLIENTS.
set -euo pipefail
JAR=${1:?gateway jar}; N=${2:?number of clients}; shift 2
RB=${RB:-resbench}; NATS_PORT=${NATS_PORT:-14333}; GW_PORT=${GW_PORT:-18333}
OUT=$(mktemp -d)
up() { for _ in $(seq 1 600); do (echo >/dev/tcp/127.0.0.1/"$1") 2>/dev/null && return 0; sleep 0.1; done; return 1; }
if ! (echo >/dev/tcp/127.0.0.1/"$NATS_PORT") 2>/dev/null; then
  nats-server -a 127.0.0.1 -p "$NATS_PORT" >"$OUT/nats.log" 2>&1 & NATS=$!; up "$NATS_PORT"
fi
java -Xmx1g "$@" -jar "$JAR" --server.port="$GW_PORT" --server.address=127.0.0.1 \
  --resgate.nats.url=nats://127.0.0.1:"$NATS_PORT" --resgate.service.enabled=false --logging.level.root=WARN \
  >"$OUT/gateway.log" 2>&1 & GW=$!
trap 'kill $GW ${NATS:-} 2>/dev/null || true' EXIT
up "$GW_PORT"
W=(--nats nats://127.0.0.1:"$NATS_PORT" --ws ws://127.0.0.1:"$GW_PORT"/ --http http://127.0.0.1:"$GW_PORT" --timeout 300s)
"$RB" fanout --clients 100 --events 2000 --warmup 200 --window 1000 "${W[@]}" --quiet >/dev/null   # warm up
jcmd $GW GC.class_histogram >"$OUT/before.txt"
"$RB" conns --clients "$N" --pid $GW --settle 30s "${W[@]}" >"$OUT/conns.json" 2>"$OUT/conns.log" & C=$!
sleep 25   # within the 30 s the clients stay connected and idle
jcmd $GW GC.class_histogram >"$OUT/after.txt"
wait $C
python3 - "$OUT" "$N" <<'PY'
import json, sys
out, n = sys.argv[1], int(sys.argv[2])
def histo(f):
    d = {}
    for line in open(f"{out}/{f}"):
        p = line.split()
        if len(p) >= 4 and p[0].endswith(':'):
            d[p[3]] = int(p[2])
        elif line.startswith('Total'):
            d['<total>'] = int(p[2])
    return d
a, b = histo('before.txt'), histo('after.txt')
r = json.load(open(f"{out}/conns.json"))
print(f"clients {n}: RSS {r['kb_per_conn']} KB/conn (resbench conns), "
      f"live heap {(b['<total>'] - a['<total>']) / n / 1024:.1f} KB/conn, verify {r['verify']}")
grew = sorted(((b[k] - a.get(k, 0), k) for k in b if k != '<total>'), reverse=True)[:12]
for d, k in grew:
    print(f"  {d / n:8.0f} B/conn  {k}")
PY
echo "logs and histograms: $OUT"
