#!/usr/bin/env bash
# Run the whole test suite on SQLite and on PostgreSQL.
#
#   scripts/test.sh                  both databases
#   scripts/test.sh --db sqlite      SQLite only
#   scripts/test.sh --db postgres    PostgreSQL only (DATABASE_URL, default below), less the
#                                    browser and packaging tests, which run on SQLite only
#
# Further arguments go to pytest. A virtual environment is made in .venv on first use.
set -euo pipefail
cd "$(dirname "$0")/.."

databases="sqlite postgres"
if [ "${1:-}" = "--db" ]; then
    databases="$2"
    shift 2
fi
postgres_url="${DATABASE_URL:-postgres://postgres@127.0.0.1:5432/yhes}"

. scripts/_venv.sh

# The browser tests audit pages with axe-core, a Node package.
if [ ! -f node_modules/axe-core/axe.min.js ]; then
    if command -v npm >/dev/null; then
        echo "== installing the Node packages (axe-core for the browser tests)"
        npm ci --no-audit --no-fund
    else
        echo "axe-core is missing and npm is not installed: install Node.js and run" >&2
        echo "  npm ci --no-audit --no-fund" >&2
        echo "or leave the browser tests out: scripts/test.sh -m 'not browser'" >&2
        exit 1
    fi
fi

status=0
for db in $databases; do
    echo "== tests on $db"
    case "$db" in
        sqlite) DATABASE_URL= .venv/bin/pytest "$@" || status=$? ;;
        postgres)
            if ! .venv/bin/python scripts/wait_for_db.py "$postgres_url"; then
                echo "PostgreSQL does not answer at $postgres_url: start it or set DATABASE_URL." >&2
                exit 1
            fi
            # The browser tests check templates in a browser and the packaging tests
            # build a site of their own: neither depends on the database engine, so
            # they run once, in the SQLite run.
            DATABASE_URL="$postgres_url" .venv/bin/pytest -m "not browser and not slow" "$@" \
                || status=$?
            ;;
        *) echo "unknown database: $db (sqlite or postgres)" >&2; exit 2 ;;
    esac
    # pytest's exit code 5 means that no test ran: that is a failure too.
    [ "$status" -eq 0 ] || exit "$status"
done
