#!/usr/bin/env bash
# Builds stand-ins for the public images compose.yaml uses, for a machine that cannot pull from a registry: a JRE
# image from this machine's JDK 25 (jlink) and RabbitMQ, Redis, PostgreSQL and nginx from Debian's packages
# (mmdebstrap), each taking the same ports, volumes, variables and health checks as the official image.
# Prints the variables that point compose.yaml at them:
#
#   eval "$(scripts/local-images.sh)" && docker compose up -d
#
# An image whose inputs (its recipe below, its files in deploy/local-images/, the JDK, the mirror) are unchanged is
# not built again: their hash is the image's tag. Needs root, mmdebstrap and a running Docker daemon.
set -euo pipefail
cd "$(dirname "$0")/.."

REPOSITORY=${LOCAL_IMAGES_REPOSITORY:-orders-platform-local}
JDK=${LOCAL_IMAGES_JDK:-/usr/lib/jvm/temurin-25-jdk-amd64}
SUITE=bookworm
IMAGES=(jre rabbitmq redis postgres nginx)

log() { echo "local-images: $*" >&2; }

# The apt sources of this machine when it runs this Debian release, else Debian's own redirector.
mirror() {
  if [[ -n "${DEBIAN_MIRROR:-}" ]]; then
    echo "$DEBIAN_MIRROR"
  elif [[ -f /etc/apt/sources.list.d/debian.sources ]] && grep -q "^Suites:.*\b$SUITE\b" /etc/apt/sources.list.d/debian.sources; then
    echo /etc/apt/sources.list.d/debian.sources
  else
    echo http://deb.debian.org/debian
  fi
}
MIRROR=$(mirror)

[[ -x "$JDK/bin/jlink" ]] || { log "error: no JDK at $JDK (set LOCAL_IMAGES_JDK)"; exit 1; }
command -v mmdebstrap >/dev/null || { log "error: mmdebstrap is missing (apt-get install mmdebstrap)"; exit 1; }
docker info >/dev/null 2>&1 || { log "error: the Docker daemon does not answer (docker info)"; exit 1; }

tag_of() { # name: the image's tag, a hash of what it is built from
  local name=$1
  {
    declare -f debian_image entrypoint "build_$name"
    if [[ -d "deploy/local-images/$name" ]]; then find "deploy/local-images/$name" -type f | LC_ALL=C sort | xargs cat; fi
    if [[ "$name" == jre ]]; then cat "$JDK/release"; fi
    echo "$SUITE $MIRROR"
    if [[ -f "$MIRROR" ]]; then cat "$MIRROR"; fi
  } | sha256sum | cut -c1-12 | sed "s|^|$REPOSITORY/$name:|"
}

# debian_image <name> <packages> [mmdebstrap option...] -- [docker import --change value...]
debian_image() {
  local name=$1 packages=$2
  shift 2
  local options=() changes=()
  while (($#)) && [[ "$1" != -- ]]; do options+=("$1"); shift; done
  (($#)) && shift
  for change in "$@" 'LABEL org.opencontainers.image.description="local stand-in built by scripts/local-images.sh"'; do
    changes+=(--change "$change")
  done
  local tag building
  tag=$(tag_of "$name")
  building="$tag-building"
  # imported under a temporary tag: a failed mmdebstrap still streams a partial tar
  if mmdebstrap --variant=minbase --format=tar --include="$packages" \
    --aptopt='APT::Install-Recommends "false"' \
    --dpkgopt='path-exclude=/usr/share/man/*' --dpkgopt='path-exclude=/usr/share/info/*' \
    --dpkgopt='path-exclude=/usr/share/doc/*' --dpkgopt='path-include=/usr/share/doc/*/copyright' \
    --dpkgopt='path-exclude=/usr/share/locale/*' \
    "${options[@]}" "$SUITE" - "$MIRROR" |
    docker import "${changes[@]}" - "$building" >/dev/null; then
    docker tag "$building" "$tag"
    docker rmi "$building" >/dev/null
  else
    docker rmi "$building" >/dev/null 2>&1 || true
    return 1
  fi
}

entrypoint() { # name: the stand-in's entrypoint script, copied into the image
  echo "--customize-hook=copy-in $PWD/deploy/local-images/$1/docker-entrypoint.sh /usr/local/bin"
}

build_jre() {
  local work
  work=$(mktemp -d)
  trap 'rm -rf "$work"' RETURN
  # the modules jdeps finds in the services (SE, the JDK's management, JFR and socket options) plus DNS, zip and
  # PKCS#11 providers and English and Spanish locale data (the notifier's messages); with a CDS archive
  "$JDK/bin/jlink" --output "$work/openjdk" --strip-debug --no-header-files --no-man-pages --generate-cds-archive \
    --add-modules java.se,jdk.unsupported,jdk.management,jdk.jfr,jdk.net,jdk.naming.dns,jdk.zipfs,jdk.crypto.cryptoki,jdk.localedata \
    --include-locales=en,es
  debian_image jre curl,ca-certificates '--customize-hook=mkdir -p "$1"/opt/java' "--customize-hook=copy-in $work/openjdk /opt/java" -- \
    'ENV JAVA_HOME=/opt/java/openjdk' \
    'ENV PATH=/opt/java/openjdk/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin' \
    'ENV LANG=C.UTF-8' \
    'CMD ["jshell"]'
}

build_rabbitmq() {
  debian_image rabbitmq rabbitmq-server \
    '--customize-hook=mkdir -p "$1"/etc/rabbitmq/conf.d' \
    '--customize-hook=echo "[rabbitmq_management]." >"$1"/etc/rabbitmq/enabled_plugins' \
    "$(entrypoint rabbitmq)" -- \
    'ENV LANG=C.UTF-8' 'VOLUME /var/lib/rabbitmq' 'EXPOSE 5672 15672' \
    'ENTRYPOINT ["docker-entrypoint.sh"]' 'CMD ["rabbitmq-server"]'
}

build_redis() {
  debian_image redis redis-server \
    '--customize-hook=mkdir -p "$1"/data' \
    "$(entrypoint redis)" -- \
    'VOLUME /data' 'WORKDIR /data' 'EXPOSE 6379' \
    'ENTRYPOINT ["docker-entrypoint.sh"]' 'CMD ["redis-server"]'
}

build_postgres() {
  # no cluster at install time: the entrypoint creates one in PGDATA on first start
  debian_image postgres postgresql \
    '--essential-hook=mkdir -p "$1"/etc/postgresql-common && echo "create_main_cluster = false" >"$1"/etc/postgresql-common/createcluster.conf' \
    '--customize-hook=chroot "$1" sh -c "ln -s /usr/lib/postgresql/*/bin/* /usr/local/bin/ && mkdir -p /docker-entrypoint-initdb.d"' \
    "$(entrypoint postgres)" -- \
    'ENV PGDATA=/var/lib/postgresql/data' 'ENV LANG=C.UTF-8' 'VOLUME /var/lib/postgresql/data' 'EXPOSE 5432' \
    'ENTRYPOINT ["docker-entrypoint.sh"]' 'CMD ["postgres"]'
}

build_nginx() {
  # the official image: an empty conf.d/ to mount a site into, logs on the console, curl for health checks
  debian_image nginx nginx,curl \
    '--customize-hook=rm -f "$1"/etc/nginx/sites-enabled/default' \
    '--customize-hook=ln -sf /dev/stdout "$1"/var/log/nginx/access.log' \
    '--customize-hook=ln -sf /dev/stderr "$1"/var/log/nginx/error.log' -- \
    'EXPOSE 80' 'CMD ["nginx", "-g", "daemon off;"]'
}

log_dir=$(mktemp -d)
trap 'rm -rf "$log_dir"' EXIT
pids=() building=()
for name in "${IMAGES[@]}"; do
  if docker image inspect "$(tag_of "$name")" >/dev/null 2>&1; then
    continue
  fi
  log "building $(tag_of "$name")"
  "build_$name" >"$log_dir/$name.log" 2>&1 &
  pids+=($!) building+=("$name")
done
failed=()
for i in "${!pids[@]}"; do
  wait "${pids[$i]}" || failed+=("${building[$i]}")
done
for name in "${failed[@]}"; do
  log "error: building $name failed:"
  tail -n 30 "$log_dir/$name.log" >&2
done
((${#failed[@]} == 0)) || exit 1

for name in "${building[@]}"; do # earlier builds of the same stand-in are no longer used
  docker images --format '{{.Repository}}:{{.Tag}}' "$REPOSITORY/$name" | grep -vx "$(tag_of "$name")" |
    xargs -r docker rmi >/dev/null 2>&1 || true
done

echo "JRE_IMAGE=$(tag_of jre)"
echo "RABBITMQ_IMAGE=$(tag_of rabbitmq)"
echo "REDIS_IMAGE=$(tag_of redis)"
echo "POSTGRES_IMAGE=$(tag_of postgres)"
echo "NGINX_IMAGE=$(tag_of nginx)"
