# Gateway hooks for resbench's run-suite.sh: this project's gateway, i.e. the sample's executable jar run
# gateway-only (service side off) on NATS. The hooks build nothing; build the jar first, e.g.
#   ./mvnw -B -ntp -q -DskipTests package -pl resgate-spring-sample -am
# and run the suite from the resbench folder:
#   JAR=$PWD/resgate-spring-sample/target/resgate-spring-sample-0.1.0-SNAPSHOT.jar \
#     GATEWAY_HOOKS=$PWD/resgate-spring-benchmarks/resbench/hooks-project.sh LABEL=project FRESH=0 ./run-suite.sh
#
# Environment:
#   JAR           the sample's executable jar (required)
#   GW_JAVA_OPTS  JVM flags (default -Xmx1g), e.g. "-Xmx1g -XX:StartFlightRecording=filename=/tmp/gw.jfr"
#   GW_ARGS       extra application arguments, e.g. "--resgate.gateway.outbound-queue-size=20000"
#   JAVA          the java launcher (default: java on PATH)
#   WARMUP        1 (default): after each start, warm the JVM with a short fan-out, get, HTTP and call load
#                 (a JVM server in production is warm); 0: measure from a cold JVM
#   JAVA_RUN      folder for pid files and logs (default /tmp/resbench-project)
# run-suite.sh provides NATS_PORT, GW_PORT, NATS_URL, WS_URL, HTTP_URL and RB (the resbench binary).
JAVA_RUN="${JAVA_RUN:-/tmp/resbench-project}"; mkdir -p "$JAVA_RUN"
_pj_nats_pidfile() { echo "$JAVA_RUN/nats-$NATS_PORT.pid"; }
_pj_gw_pidfile() { echo "$JAVA_RUN/gw-$GW_PORT.pid"; }
_pj_up() { (echo >/dev/tcp/127.0.0.1/"$1") 2>/dev/null; }
# _pj_wait PORT [PID]: up to 60 s for PORT to accept connections; fails early if PID dies
_pj_wait() {
  local i
  for ((i = 0; i < 600; i++)); do
    _pj_up "$1" && return 0
    if [[ -n "${2:-}" ]] && ! kill -0 "$2" 2>/dev/null; then return 1; fi
    sleep 0.1
  done
  return 1
}
_pj_kill() {
  local f=$1 p i
  [[ -f $f ]] || return 0
  p=$(cat "$f"); kill "$p" 2>/dev/null
  for ((i = 0; i < 100; i++)); do kill -0 "$p" 2>/dev/null || break; sleep 0.1; done
  kill -9 "$p" 2>/dev/null; rm -f "$f"
}
gateway_start() {
  [[ -f "${JAR:?set JAR to the sample jar}" ]] || { echo "JAR not found: $JAR" >&2; return 1; }
  if ! _pj_up "$NATS_PORT"; then
    nats-server -a 127.0.0.1 -p "$NATS_PORT" >"$JAVA_RUN/nats.log" 2>&1 &
    echo $! >"$(_pj_nats_pidfile)"
    _pj_wait "$NATS_PORT" $! || { echo "nats-server did not start (see $JAVA_RUN/nats.log)" >&2; return 1; }
  fi
  if _pj_up "$GW_PORT"; then echo "port $GW_PORT is already in use" >&2; return 1; fi
  # shellcheck disable=SC2086
  "${JAVA:-java}" ${GW_JAVA_OPTS:--Xmx1g} -jar "$JAR" --server.port="$GW_PORT" --server.address=127.0.0.1 \
    --resgate.nats.url="$NATS_URL" --resgate.service.enabled=false --logging.level.root=WARN \
    --spring.main.banner-mode=off ${GW_ARGS:-} >"$JAVA_RUN/gw.log" 2>&1 &
  echo $! >"$(_pj_gw_pidfile)"
  _pj_wait "$GW_PORT" $! || { echo "gateway did not start (see $JAVA_RUN/gw.log)" >&2; return 1; }
  if [[ "${WARMUP:-1}" == 1 ]]; then
    local w=(--nats "$NATS_URL" --ws "$WS_URL" --http "$HTTP_URL" --quiet --timeout 60s)
    "$RB" fanout --clients 100 --events 3000 --warmup 200 --window 1000 "${w[@]}" >/dev/null
    "$RB" get --clients 10 --requests 20000 "${w[@]}" >/dev/null
    "$RB" http --conns 10 --requests 20000 "${w[@]}" >/dev/null
    "$RB" call --clients 10 --requests 10000 "${w[@]}" >/dev/null
  fi
  return 0
}
gateway_stop() { _pj_kill "$(_pj_gw_pidfile)"; }
gateway_pid() { cat "$(_pj_gw_pidfile)"; }
nats_pid() { cat "$(_pj_nats_pidfile)" 2>/dev/null || true; }
all_stop() { _pj_kill "$(_pj_gw_pidfile)"; _pj_kill "$(_pj_nats_pidfile)"; }
