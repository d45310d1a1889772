#!/usr/bin/env bash
# A Redis server for step 12's shared-limit test, on Debian or Ubuntu, as root:
#
#     sudo bash tools/start_redis.sh
#
# Installs Debian's redis-server if it is missing and starts one listening on 127.0.0.1:6379
# only, keeping nothing on disk (the tests' counters are thrown away). Running it again changes
# nothing. Prints the server's URL, the default of the tests' TEST_REDIS_URL; everything else it
# prints goes to stderr.
set -euo pipefail

start_redis() {
    if ! command -v redis-server >/dev/null; then
        apt-get update
        DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends redis-server
    fi
    if redis-cli -h 127.0.0.1 -p 6379 ping 2>/dev/null | grep -qx PONG; then
        echo "Redis already answers at 127.0.0.1:6379"
        return
    fi
    redis-server --daemonize yes --bind 127.0.0.1 --port 6379 --save '' --appendonly no
    for _ in $(seq 50); do
        if redis-cli -h 127.0.0.1 -p 6379 ping 2>/dev/null | grep -qx PONG; then
            echo "Redis started at 127.0.0.1:6379"
            return
        fi
        sleep 0.1
    done
    echo "Redis did not answer at 127.0.0.1:6379" && return 1
}

start_redis >&2
echo "redis://127.0.0.1:6379/0"
