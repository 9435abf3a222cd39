# Shared by run.sh, test.sh, bench.sh and .ci/run. Bash strict mode is set by the caller.

# use_jdk [major]: puts a JDK of at least that major version (default 21, the release the build compiles for) first
# on PATH and in JAVA_HOME: JAVA_HOME if it is new enough, else /usr/lib/jvm/temurin-25-jdk-amd64, else the java on
# PATH; otherwise stops with an error naming the version needed.
use_jdk() {
  local need=${1:-21} candidate major on_path=""
  if command -v java >/dev/null 2>&1; then
    on_path=$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")
  fi
  for candidate in "${JAVA_HOME:-}" /usr/lib/jvm/temurin-25-jdk-amd64 "$on_path"; do
    [[ -n "$candidate" && -x "$candidate/bin/java" ]] || continue
    major=$("$candidate/bin/java" -XshowSettings:properties -version 2>&1 |
      awk -F' = ' '/java.specification.version/ {print $2}')
    if [[ "${major%%.*}" =~ ^[0-9]+$ && "${major%%.*}" -ge "$need" ]]; then
      export JAVA_HOME="$candidate"
      export PATH="$JAVA_HOME/bin:$PATH"
      return 0
    fi
  done
  echo "error: JDK $need or newer is needed; set JAVA_HOME to one (found: JAVA_HOME=${JAVA_HOME:-unset}," \
    "java on PATH: $(java -version 2>&1 | head -1 || echo none))" >&2
  exit 1
}

port_open() { # host port
  (exec 3<>"/dev/tcp/$1/$2") 2>/dev/null && exec 3>&- 3<&-
}

# wait_for <what> <seconds> <command...>: polls the command every half second.
wait_for() {
  local what=$1 seconds=$2
  shift 2
  local deadline=$((SECONDS + seconds))
  until "$@" >/dev/null 2>&1; do
    if ((SECONDS >= deadline)); then
      echo "error: $what not ready after ${seconds}s" >&2
      return 1
    fi
    sleep 0.5
  done
}
