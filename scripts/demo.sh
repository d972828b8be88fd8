#!/usr/bin/env bash
# Start the example site with the demo content, on http://127.0.0.1:8000/.
# The first run makes .venv, the database and 3,000 associations; later runs reuse them.
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/_venv.sh
cd example_site
../.venv/bin/python manage.py migrate --verbosity 0
../.venv/bin/python manage.py yhes_demo
../.venv/bin/python manage.py shell --verbosity 0 -c "
from django.contrib.auth import get_user_model
User = get_user_model()
if not User.objects.filter(username='admin').exists():
    User.objects.create_superuser('admin', 'admin@example.com', 'yhes-demo')
"
echo
echo "Site:  http://127.0.0.1:${PORT:-8000}/"
echo "Admin: http://127.0.0.1:${PORT:-8000}/admin/  user: admin  password: yhes-demo"
echo
exec ../.venv/bin/python manage.py runserver "127.0.0.1:${PORT:-8000}"
