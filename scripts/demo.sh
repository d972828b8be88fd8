#!/usr/bin/env bash
# Start the example site with the demo content, on http://127.0.0.1:${PORT:-8000}/.
# The first run makes .venv, the database and 3,000 associations; later runs reuse them.
# PORT chooses the port; the site's own links (emails, open data, the sitemap) follow it.
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/_venv.sh
port="${PORT:-8000}"
host=127.0.0.1
base_url="http://$host:$port"
# Links in the moderators' emails point to the admin at this address.
export WAGTAILADMIN_BASE_URL="$base_url"
cd example_site
../.venv/bin/python manage.py migrate --verbosity 0
../.venv/bin/python manage.py yhes_demo --hostname "$host" --port "$port"
../.venv/bin/python manage.py shell --verbosity 0 -c "
from django.contrib.auth import get_user_model
User = get_user_model()
if not User.objects.filter(username='admin').exists():
    User.objects.create_superuser('admin', 'admin@example.com', 'yhes-demo')
"

../.venv/bin/python manage.py runserver --noreload "$host:$port" &
server=$!
trap 'kill "$server" 2>/dev/null || true' EXIT INT TERM
# The addresses come last, once the site answers, so that they are the last thing shown.
../.venv/bin/python - "$base_url" <<'PYTHON'
import sys, time, urllib.request
for _attempt in range(120):
    try:
        urllib.request.urlopen(sys.argv[1] + "/", timeout=2)
        break
    except OSError:
        time.sleep(0.5)
PYTHON
cat <<TEXT

The demo runs; emails that the site sends are printed here. Stop it with Ctrl+C.

  Home page, with links to every part:  $base_url/
  Järjestöjen ääni page:                $base_url/jarjestojen-aani/
  Association directory:                $base_url/yhdistyshaku/
  Add an association:                   $base_url/yhdistyshaku/submit/
  Update an association's details:      $base_url/yhdistyshaku/update/
  Admin:                                $base_url/admin/  (user admin, password yhes-demo)

TEXT
wait "$server"
