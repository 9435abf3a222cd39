#!/bin/sh
# Stand-in for the official redis image's entrypoint: `redis-server [options]` runs as the redis user in /data,
# reachable from other containers without a config file (protected mode off, as in the official image).
set -eu

case "${1:-}" in
  -*|*.conf) set -- redis-server "$@" ;;
esac
if [ "${1:-}" = redis-server ]; then
  shift
  chown -R redis:redis /data
  cd /data
  exec setpriv --reuid=redis --regid=redis --init-groups redis-server --protected-mode no "$@"
fi
exec "$@"
