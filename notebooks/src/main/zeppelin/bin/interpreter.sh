#!/bin/sh
# Stratum's launcher of an Apache Zeppelin interpreter process, in place of the bin/interpreter.sh
# that ships only in Zeppelin's binary tarball. The Zeppelin server (0.10.0) runs it as
#   interpreter.sh -d INTERPRETER_DIR -c CALLBACK_HOST -p CALLBACK_PORT -r PORT_RANGE
#                  -i INTERPRETER_GROUP_ID [-u USER] -l LOCAL_REPO -g SETTING_NAME
# and expects it to start org.apache.zeppelin.interpreter.remote.RemoteInterpreterServer, which
# registers itself with the server at CALLBACK_HOST:CALLBACK_PORT.
#
# Class path, in this order: the loopback-only Thrift server socket (boot/), the interpreter's own
# jars (INTERPRETER_DIR), Zeppelin's runtime (lib/), and the configuration folder (log4j).
# Environment (set by `stratum notebook serve` and the real-server test):
#   STRATUM_ZEPPELIN_RUNTIME  folder with boot/ and lib/ (notebooks/target/zeppelin-server)
#   STRATUM_JAVA              java executable (default: $JAVA_HOME/bin/java, then java)
#   STRATUM_INTERPRETER_JAVA_OPTS  JVM options (default -Xmx2g)
#   ZEPPELIN_CONF_DIR, ZEPPELIN_LOG_DIR  as for Zeppelin
set -eu

INTERPRETER_DIR=""
CALLBACK_HOST=""
CALLBACK_PORT=""
PORT_RANGE=":"
GROUP_ID=""
SETTING_NAME="interpreter"
while getopts "d:c:p:r:i:u:l:g:" opt; do
  case "$opt" in
    d) INTERPRETER_DIR=$OPTARG ;;
    c) CALLBACK_HOST=$OPTARG ;;
    p) CALLBACK_PORT=$OPTARG ;;
    r) PORT_RANGE=$OPTARG ;;
    i) GROUP_ID=$OPTARG ;;
    u) ;; # user impersonation is not supported: the process runs as the server's user
    l) ;; # local Maven repository for dynamic dependencies: Stratum installs its jars instead
    g) SETTING_NAME=$OPTARG ;;
    *) echo "usage: $0 -d DIR -c HOST -p PORT -r RANGE -i GROUP_ID -l REPO -g NAME" >&2; exit 2 ;;
  esac
done
if [ -z "$INTERPRETER_DIR" ] || [ -z "$CALLBACK_HOST" ] || [ -z "$CALLBACK_PORT" ] || [ -z "$GROUP_ID" ]; then
  echo "interpreter.sh: -d, -c, -p and -i are required" >&2
  exit 2
fi
: "${STRATUM_ZEPPELIN_RUNTIME:?set STRATUM_ZEPPELIN_RUNTIME to the Zeppelin runtime folder (boot/ and lib/)}"

if [ -n "${STRATUM_JAVA:-}" ]; then
  JAVA=$STRATUM_JAVA
elif [ -n "${JAVA_HOME:-}" ]; then
  JAVA=$JAVA_HOME/bin/java
else
  JAVA=java
fi

CONF_DIR=${ZEPPELIN_CONF_DIR:-$(dirname "$0")/../conf}
LOG_DIR=${ZEPPELIN_LOG_DIR:-$(dirname "$0")/../logs}
mkdir -p "$LOG_DIR"
LOG_FILE="$LOG_DIR/zeppelin-interpreter-$SETTING_NAME-$(echo "$GROUP_ID" | tr -c 'A-Za-z0-9_.-' '_').log"

CLASSPATH="$STRATUM_ZEPPELIN_RUNTIME/boot/*:$INTERPRETER_DIR/*:$STRATUM_ZEPPELIN_RUNTIME/lib/*:$CONF_DIR"

# exec: the JVM replaces this shell, so stopping the process the server started stops the JVM.
# shellcheck disable=SC2086
exec "$JAVA" ${STRATUM_INTERPRETER_JAVA_OPTS:--Xmx2g} -Dfile.encoding=UTF-8 \
  -Dzeppelin.log.file="$LOG_FILE" -cp "$CLASSPATH" \
  org.apache.zeppelin.interpreter.remote.RemoteInterpreterServer \
  "$CALLBACK_HOST" "$CALLBACK_PORT" "$GROUP_ID" "$PORT_RANGE" >>"$LOG_FILE" 2>&1
