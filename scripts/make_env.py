"""Write the embedded defaults used by `make run` (SQLite, DEBUG, console e-mail) to stdout."""

import secrets

print("# Embedded defaults written by `make run`; delete this file to regenerate it.")
print("# Production gives these variables through its own environment instead.")
print("DATABASE_URL=sqlite:///var/hall32.sqlite3")
print("DEBUG=true")
print(f"SECRET_KEY={secrets.token_urlsafe(50)}")
print("ALLOWED_HOSTS=127.0.0.1,localhost")
print("EMAIL_URL=console://")
print("SECURE_SSL_REDIRECT=false")
