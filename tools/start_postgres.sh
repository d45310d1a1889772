#!/usr/bin/env bash
# A PostgreSQL server for `nox -s postgres`, on Debian or Ubuntu, as root:
#
#     sudo bash tools/start_postgres.sh
#
# Installs Debian's postgresql if it is missing, starts its cluster listening on 127.0.0.1 only,
# and gives it the role `workbook` (password `workbook`) and the databases `workbook` and
# `workbook_2` it owns.
# Running it again changes nothing. Prints the database's URL, the value for
# WORKBOOK_POSTGRES_URL; everything else it prints goes to stderr.
set -euo pipefail

# Install, start and set up the server; what it prints goes to stderr (see the end).
start_postgres() {
    if [ -z "$(ls /usr/lib/postgresql 2>/dev/null)" ]; then
        apt-get update
        DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends postgresql
    fi

    # The newest PostgreSQL installed (Debian 12 has 15), and its cluster `main`.
    version=$(ls /usr/lib/postgresql | sort -n | tail -n 1)
    cluster=main
    if ! pg_lsclusters --no-header | awk '{ print $1, $2 }' | grep -qx "$version $cluster"; then
        # Installing the package makes this cluster, unless the machine is set up not to.
        pg_createcluster --encoding UTF8 --locale C.UTF-8 "$version" "$cluster"
    fi

    # Only this machine can reach it. Files in conf.d/ are read after postgresql.conf, so this one
    # wins; a change of address needs a restart.
    settings="/etc/postgresql/$version/$cluster/conf.d/workbook.conf"
    wanted="listen_addresses = '127.0.0.1'"
    if [ -n "${CI:-}" ]; then
        # CI's server holds nothing but what the tests make again: it need not wait for the disk
        # after each change, and the tests' tables come several times faster. Never on a server
        # of yours, whose other databases a crash would lose.
        wanted="$wanted
fsync = off
synchronous_commit = off
full_page_writes = off"
    fi
    if [ "$(cat "$settings" 2>/dev/null || true)" != "$wanted" ]; then
        echo "$wanted" >"$settings"
        if pg_ctlcluster "$version" "$cluster" status >/dev/null; then
            pg_ctlcluster "$version" "$cluster" restart
        fi
    fi
    if ! pg_ctlcluster "$version" "$cluster" status >/dev/null; then
        pg_ctlcluster "$version" "$cluster" start
    fi
    port=$(pg_conftool -s "$version" "$cluster" show port)

    # A UTF-8 ctype, whatever the cluster was made with: the apps search posts ignoring case in every
    # language (?q=été finds "Été"), which PostgreSQL does only with one. A cluster made where LANG
    # was unset is SQL_ASCII with the C ctype, so the databases are made from template0, which takes
    # any encoding; one made otherwise is made again (the tests keep nothing in them). Two databases:
    # the postgres session runs two steps at once, one on each.
    runuser -u postgres -- psql --port "$port" --quiet --set ON_ERROR_STOP=1 <<'SQL'
    SELECT 'CREATE ROLE workbook LOGIN'
    WHERE NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'workbook') \gexec
    ALTER ROLE workbook LOGIN PASSWORD 'workbook';
    SELECT format('DROP DATABASE %I WITH (FORCE)', datname) FROM pg_database
    WHERE datname IN ('workbook', 'workbook_2')
        AND (pg_encoding_to_char(encoding) <> 'UTF8' OR datctype <> 'C.UTF-8') \gexec
    SELECT format('CREATE DATABASE %I OWNER workbook TEMPLATE template0 ENCODING ''UTF8'''
        || ' LC_COLLATE ''C.UTF-8'' LC_CTYPE ''C.UTF-8''', name)
    FROM (VALUES ('workbook'), ('workbook_2')) AS wanted (name)
    WHERE NOT EXISTS (SELECT FROM pg_database WHERE datname = name) \gexec
SQL

    echo "PostgreSQL $version at 127.0.0.1:$port, databases workbook and workbook_2"
}

# Everything it says goes to stderr, stdout is for the URL alone. (Not `exec 3>&1`: the server
# would inherit that copy of stdout, and `$(bash tools/start_postgres.sh)` would wait for it.)
start_postgres >&2
echo "postgresql+psycopg://workbook:workbook@127.0.0.1:$port/workbook"
