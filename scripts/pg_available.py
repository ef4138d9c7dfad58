"""Exit 0 when a local PostgreSQL answers as user postgres on 127.0.0.1:5432, else 1."""

import sys

try:
    import psycopg

    with psycopg.connect(
        "host=127.0.0.1 port=5432 user=postgres dbname=postgres connect_timeout=2"
    ) as connection:
        connection.execute("select 1")
except Exception:
    sys.exit(1)
sys.exit(0)
