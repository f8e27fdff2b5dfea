#!/usr/bin/env bash
# Healthy and stalled readers under the full-speed flood (StalledReadersBenchmark), against this project's
# gateway: the sample's executable jar run gateway-only on a nats-server, as resbench's hooks run it.
#
# Usage (from the repository root, after `./mvnw -B -ntp -q -DskipTests install`):
#   resgate-spring-benchmarks/flood/stalled-readers.sh resgate-spring-sample/target/resgate-spring-sample-0.1.0-SNAPSHOT.jar
# Environment:
#   HEALTHY (450), STALLED (50), EVENTS (50000): clients that read, clients that stop reading, flood events
#   DEADLINE (10s): the gateway's resgate.gateway.write-timeout (passed to it and to the tool)
#   GW_JAVA_OPTS (-Xmx1g), GW_ARGS (extra gateway arguments), NATS_PORT (14334), GW_PORT (18334)
#   WARMUP (1): warm the gateway's JVM first with a small run of the tool (100 clients x 5,000 events)
#   OUT: folder for the gateway log and the JSON result (default: a new temporary folder)
# A fresh gateway is started for each call and stopped afterwards; nats-server too, unless one already
# listens on NATS_PORT. Prints the tool's summary and the gateway's "has not read" log lines; the JSON
# result is the last line of $OUT/result.json.
set -euo pipefail
JAR=${1:?gateway jar}; shift
HERE=$(cd "$(dirname "$0")" && pwd)
CLASSES=$HERE/../target/classes
[[ -f $CLASSES/io/resgate/spring/benchmarks/StalledReadersBenchmark.class ]] || {
  echo "build the benchmarks module first: ./mvnw -B -ntp -q -DskipTests install" >&2; exit 2; }
HEALTHY=${HEALTHY:-450}; STALLED=${STALLED:-50}; EVENTS=${EVENTS:-50000}; DEADLINE=${DEADLINE:-10s}
NATS_PORT=${NATS_PORT:-14334}; GW_PORT=${GW_PORT:-18334}
OUT=${OUT:-$(mktemp -d)}; mkdir -p "$OUT"
up() { for _ in $(seq 1 600); do (echo >/dev/tcp/127.0.0.1/"$1") 2>/dev/null && return 0; sleep 0.1; done; return 1; }
NATS=""
if ! (echo >/dev/tcp/127.0.0.1/"$NATS_PORT") 2>/dev/null; then
  nats-server -a 127.0.0.1 -p "$NATS_PORT" >"$OUT/nats.log" 2>&1 & NATS=$!; up "$NATS_PORT"
fi
# shellcheck disable=SC2086
java ${GW_JAVA_OPTS:--Xmx1g} -jar "$JAR" --server.port="$GW_PORT" --server.address=127.0.0.1 \
  --resgate.nats.url=nats://127.0.0.1:"$NATS_PORT" --resgate.service.enabled=false --logging.level.root=WARN \
  --logging.level.io.resgate.spring.gateway.session.WriteDeadline=INFO --spring.main.banner-mode=off \
  --resgate.gateway.write-timeout="$DEADLINE" ${GW_ARGS:-} >"$OUT/gateway.log" 2>&1 & GW=$!
cleanup() { local rc=$?; kill $GW 2>/dev/null; wait $GW 2>/dev/null; [[ -z $NATS ]] || kill $NATS 2>/dev/null; exit $rc; }
trap cleanup EXIT
up "$GW_PORT"
TOOL=(java -Xmx2g -cp "$CLASSES" io.resgate.spring.benchmarks.StalledReadersBenchmark
  ws=ws://127.0.0.1:"$GW_PORT"/ nats=nats://127.0.0.1:"$NATS_PORT" deadline="$DEADLINE" pid=$GW)
if [[ "${WARMUP:-1}" == 1 ]]; then
  "${TOOL[@]}" healthy=100 stalled=0 events=5000 label=warmup >/dev/null 2>&1 || echo "warm-up run failed" >&2
fi
echo "load average before the run: $(cut -d' ' -f1-3 /proc/loadavg)" >&2
echo "gateway pid $GW, VmRSS before the run: $(awk '/VmRSS/ {print $2, $3}' /proc/$GW/status)" >&2
set +e
"${TOOL[@]}" healthy="$HEALTHY" stalled="$STALLED" events="$EVENTS" label="healthy=$HEALTHY stalled=$STALLED" "$@" \
  >"$OUT/result.json"
STATUS=$?
set -e
echo "load average after the run: $(cut -d' ' -f1-3 /proc/loadavg)" >&2
kill -0 $GW 2>/dev/null || echo "THE GATEWAY DIED (see $OUT/gateway.log)" >&2
echo "gateway log: $(grep -c 'has not read for' "$OUT/gateway.log" || true) stalled-reader closes," \
  "$(grep -c ' WARN \| ERROR ' "$OUT/gateway.log" || true) WARN/ERROR lines," \
  "$(grep -c 'Exception' "$OUT/gateway.log" || true) lines naming an exception" >&2
grep -o 'has not read for [0-9]* ms' "$OUT/gateway.log" | awk '{print $5}' | sort -n |
  awk '{a[NR]=$1} END {if (NR) printf "  write waited at close: min %d ms, median %d ms, max %d ms\n", a[1], a[int((NR+1)/2)], a[NR]}' >&2
echo "result: $OUT/result.json" >&2
exit $STATUS
