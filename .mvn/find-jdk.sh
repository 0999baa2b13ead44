# shellcheck shell=sh
# Finds a JDK 21 or newer and exports JAVA_HOME. Sourced by ./mvnw and ./stratum.
# Order: $JAVA_HOME, `java` on PATH, then the JDKs installed under /usr/lib/jvm, /opt and
# ~/.sdkman (newest first). Prints a one-line reason and fails when none is found.
stratum_java_major() {
  "$1/bin/java" -XshowSettings:properties -version 2>&1 |
    sed -n 's/^ *java\.specification\.version = \([0-9][0-9]*\).*/\1/p' | head -n 1
}
stratum_find_jdk() {
  case $- in *f*) set +f; stratum_restore_f=1 ;; *) stratum_restore_f= ;; esac
  for cand in "${JAVA_HOME:-}" \
    "$(dirname "$(dirname "$(readlink -f "$(command -v java 2>/dev/null || echo /nonexistent)")")")" \
    $(ls -d /usr/lib/jvm/* /opt/java/* /opt/jdk* "$HOME"/.sdkman/candidates/java/* 2>/dev/null | sort -rV); do
    [ -n "$cand" ] && [ -x "$cand/bin/java" ] && [ -x "$cand/bin/javac" ] || continue
    major=$(stratum_java_major "$cand")
    if [ -n "$major" ] && [ "$major" -ge 21 ]; then
      JAVA_HOME="$cand"
      STRATUM_JAVA_MAJOR="$major"
      export JAVA_HOME STRATUM_JAVA_MAJOR
      # Maven 3.9's Guice uses sun.misc.Unsafe; JDK 23+ warns about it on every build.
      if [ "$major" -ge 23 ]; then
        case "${MAVEN_OPTS:-}" in *sun-misc-unsafe*) ;; *)
          MAVEN_OPTS="--sun-misc-unsafe-memory-access=allow ${MAVEN_OPTS:-}"
          export MAVEN_OPTS ;;
        esac
      fi
      [ -z "$stratum_restore_f" ] || set -f
      return 0
    fi
  done
  [ -z "$stratum_restore_f" ] || set -f
  echo "stratum: no JDK 21 or newer found (looked at JAVA_HOME, PATH, /usr/lib/jvm, /opt); install one, e.g. apt-get install openjdk-21-jdk-headless" >&2
  return 1
}
