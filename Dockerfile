# Samverkansportalen: one image for web (gunicorn + whitenoise), worker and beat.
FROM python:3.11-slim-bookworm

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1

# WeasyPrint's system libraries and fonts (signed PDFs), gettext for compilemessages, and the
# PostgreSQL 15 client (pg_dump/pg_restore for `manage.py backup` and `restore`; bookworm's
# version, the same major version as the postgres service in docker-compose.yml).
RUN apt-get update \
 && apt-get install -y --no-install-recommends \
      libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz0b libharfbuzz-subset0 \
      fonts-dejavu fonts-dejavu-core gettext postgresql-client \
 && rm -rf /var/lib/apt/lists/*

WORKDIR /app

# Dependencies first, so code changes do not reinstall them: exact versions with hashes from
# the lock file (`make lock` regenerates it from pyproject.toml).
COPY requirements.lock ./
RUN pip install --require-hashes --no-deps -r requirements.lock

COPY . .
RUN if [ -d locale ]; then DEBUG=1 python manage.py compilemessages -v0; fi \
 && SECRET_KEY=build-only DEBUG=0 python manage.py collectstatic --noinput -v0 \
 && useradd --system --uid 10001 --home /app --shell /usr/sbin/nologin app \
 && mkdir -p /app/media \
 && chown -R app /app/media

USER app
EXPOSE 8000
# The same command as the web service in docker-compose.yml (ops/prod_check.py runs that one).
# The timeout is above the slowest request (a large Excel import, a PDF export).
CMD ["gunicorn", "samverkan.wsgi:application", "--bind", "0.0.0.0:8000", "--workers", "3", "--timeout", "120", "--graceful-timeout", "30", "--access-logfile", "-"]
