# Shared by run.sh, test.sh and .ci/run. Bash strict mode is set by the caller.

# JDK 21+ is needed; prefer JAVA_HOME, then the Temurin 25 on this machine, then whatever java is on PATH.
use_jdk() {
  local candidate
  for candidate in "${JAVA_HOME:-}" /usr/lib/jvm/temurin-25-jdk-amd64; do
    if [[ -n "$candidate" && -x "$candidate/bin/java" ]]; then
      local major
      major=$("$candidate/bin/java" -XshowSettings:properties -version 2>&1 | awk -F' = ' '/java.specification.version/ {print $2}')
      if [[ "${major%%.*}" -ge 21 ]]; then
        export JAVA_HOME="$candidate"
        export PATH="$JAVA_HOME/bin:$PATH"
        return 0
      fi
    fi
  done
  echo "error: a JDK 21 or newer is needed (set JAVA_HOME); found: $(java -version 2>&1 | head -1)" >&2
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
