# Samverkansportalen: one image for web (gunicorn + whitenoise), worker and beat.
FROM python:3.11-slim-bookworm

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1

# WeasyPrint's system libraries and fonts (signed PDFs), gettext for compilemessages.
RUN apt-get update \
 && apt-get install -y --no-install-recommends \
      libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz0b libharfbuzz-subset0 \
      fonts-dejavu fonts-dejavu-core gettext \
 && rm -rf /var/lib/apt/lists/*

WORKDIR /app

# Dependencies first, so code changes do not reinstall them (pyproject installs no package).
COPY pyproject.toml ./
RUN pip install .

COPY . .
RUN if [ -d locale ]; then DEBUG=1 python manage.py compilemessages -v0; fi \
 && SECRET_KEY=build-only DEBUG=0 python manage.py collectstatic --noinput -v0 \
 && useradd --system --home /app --shell /usr/sbin/nologin app \
 && mkdir -p /app/media \
 && chown -R app /app/media

USER app
EXPOSE 8000
CMD ["gunicorn", "samverkan.wsgi:application", "--bind", "0.0.0.0:8000", "--workers", "3", "--access-logfile", "-"]
