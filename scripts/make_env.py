"""Write the embedded defaults used by `make run` (SQLite, console e-mail, plain local http) to stdout.

`make run` serves like the product (DEBUG off) on http://127.0.0.1, so the cookies are not marked
Secure and nothing redirects to https; `make dev` turns DEBUG on for itself.
"""

import secrets

print("# Embedded defaults written by `make run`; delete this file to regenerate it.")
print("# Production gives these variables through its own environment instead.")
print("DATABASE_URL=sqlite:///var/hall32.sqlite3")
print("DEBUG=false")
print(f"SECRET_KEY={secrets.token_urlsafe(50)}")
print("ALLOWED_HOSTS=127.0.0.1,localhost")
print("EMAIL_URL=console://")
print("SECURE_SSL_REDIRECT=false")
print("SECURE_COOKIES=false")
print("SECURE_HSTS_SECONDS=0")
print("STATIC_MANIFEST=false")
