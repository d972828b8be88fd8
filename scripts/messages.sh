#!/usr/bin/env bash
# Update the Finnish and Swedish catalogues from the source, or compile them.
#   scripts/messages.sh          update wagtail_yhes/locale/*/LC_MESSAGES/django.po
#   scripts/messages.sh compile  write the .mo files that ship in the wheel
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/_venv.sh
export PYTHONPATH=. DJANGO_SETTINGS_MODULE=scripts.i18n_settings
if [ "${1:-}" = "compile" ]; then
    (cd wagtail_yhes && ../.venv/bin/django-admin compilemessages)
else
    .venv/bin/django-admin makemessages -l fi -l sv --no-obsolete --no-location \
        --ignore=.venv --ignore=tests --ignore=example_site --ignore=benchmarks \
        --ignore=build --ignore=dist --ignore=node_modules --ignore=.nox --ignore=scripts
fi
