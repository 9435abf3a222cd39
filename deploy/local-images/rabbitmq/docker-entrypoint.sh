#!/bin/sh
# Stand-in for the official rabbitmq image's entrypoint: RABBITMQ_DEFAULT_USER/PASS/VHOST create the first user
# on a fresh node, and that user may connect from other hosts (the official image allows guest remotely too).
set -eu

if [ "${1:-rabbitmq-server}" != rabbitmq-server ]; then
  exec "$@"
fi
{
  echo "loopback_users = none"
  echo "listeners.tcp.default = 5672"
  echo "management.tcp.port = 15672"
  echo "default_user = ${RABBITMQ_DEFAULT_USER:-guest}"
  echo "default_pass = ${RABBITMQ_DEFAULT_PASS:-guest}"
  echo "default_vhost = ${RABBITMQ_DEFAULT_VHOST:-/}"
} >/etc/rabbitmq/conf.d/10-defaults.conf
mkdir -p /var/lib/rabbitmq /var/log/rabbitmq
chown -R rabbitmq:rabbitmq /var/lib/rabbitmq /var/log/rabbitmq /etc/rabbitmq
# logs to the console, as the official image does
export RABBITMQ_LOGS=- HOME=/var/lib/rabbitmq
# the server itself: Debian's /usr/sbin/rabbitmq-server would send its output to files
exec setpriv --reuid=rabbitmq --regid=rabbitmq --init-groups /usr/lib/rabbitmq/bin/rabbitmq-server
