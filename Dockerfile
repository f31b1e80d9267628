# syntax=docker/dockerfile:1
# One file, one target per process: actors, funding, evaluation, gateway, console.
#   docker build --target actors -t agora/actors:1.0.0 .
# Each image also carries its Alembic migrations; the migration step is an explicit command
# (a compose service or a Kubernetes Job), never part of the server's start:
#   python -m agora_common.migrate /app/services/actors AGORA_ACTORS_DATABASE_URL

# ---------------------------------------------------------------------------------------------
# build: resolve the locked workspace into a self-contained virtual environment per process.
FROM python:3.11.14-slim-bookworm AS build

ENV UV_COMPILE_BYTECODE=1 \
    UV_LINK_MODE=copy \
    UV_PYTHON_DOWNLOADS=never \
    UV_PROJECT_ENVIRONMENT=/app/.venv \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1

RUN pip install --no-cache-dir "uv==0.13.8"

WORKDIR /src
COPY pyproject.toml uv.lock ./
COPY libs/common libs/common
COPY libs/contracts libs/contracts
COPY services/actors services/actors
COPY services/funding services/funding
COPY services/evaluation services/evaluation
COPY gateway gateway
COPY console console

FROM build AS build-actors
RUN uv sync --frozen --no-dev --no-editable --package agora-actors

FROM build AS build-funding
RUN uv sync --frozen --no-dev --no-editable --package agora-funding

FROM build AS build-evaluation
RUN uv sync --frozen --no-dev --no-editable --package agora-evaluation

FROM build AS build-gateway
RUN uv sync --frozen --no-dev --no-editable --package agora-gateway

FROM build AS build-console
RUN uv sync --frozen --no-dev --no-editable --package agora-console

# ---------------------------------------------------------------------------------------------
# runtime: the same slim Python, no compiler, no uv, no pip cache, no secrets; a fixed non-root
# user whose uid matches the Kubernetes securityContext (runAsUser 10001).
FROM python:3.11.14-slim-bookworm AS runtime

# /var/lib/agora/erasures: the mount point of the actors' erasure-list volume, owned by that user
# so that a fresh named volume (compose) starts writable (Kubernetes sets it by fsGroup).
RUN groupadd --system --gid 10001 agora \
    && useradd --system --uid 10001 --gid agora --no-create-home --home-dir /nonexistent \
       --shell /usr/sbin/nologin agora \
    && mkdir -p /var/lib/agora/erasures && chown 10001:10001 /var/lib/agora/erasures

# AGORA_DATA_DIR only holds development fallbacks; production (AGORA_ENV=production) takes every
# key from the environment. /tmp is the one writable place under a read-only root filesystem.
ENV PATH=/app/.venv/bin:$PATH \
    PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    AGORA_DATA_DIR=/tmp/agora

WORKDIR /app
USER 10001:10001
EXPOSE 8000

# The services: agora_common.serve runs uvicorn on 8000, in HTTPS with a required client
# certificate when AGORA_TLS_* name the files (mTLS with the gateway, docs/deploy.md), and a plain
# port 8001 with /healthz, /readyz and /metrics only, for probes that hold no client certificate.
FROM runtime AS service-runtime
EXPOSE 8001
HEALTHCHECK --interval=15s --timeout=3s --start-period=30s --retries=3 \
    CMD ["python", "-c", "import urllib.request; urllib.request.urlopen('http://127.0.0.1:8001/healthz', timeout=2)"]

FROM service-runtime AS actors
COPY --from=build-actors /app/.venv /app/.venv
COPY services/actors/alembic.ini /app/services/actors/alembic.ini
COPY services/actors/migrations /app/services/actors/migrations
CMD ["python", "-m", "agora_common.serve", "actors.main:create_app", "--host", "0.0.0.0", "--port", "8000", "--health-port", "8001"]

FROM service-runtime AS funding
COPY --from=build-funding /app/.venv /app/.venv
COPY services/funding/alembic.ini /app/services/funding/alembic.ini
COPY services/funding/migrations /app/services/funding/migrations
CMD ["python", "-m", "agora_common.serve", "funding.main:create_app", "--host", "0.0.0.0", "--port", "8000", "--health-port", "8001"]

FROM service-runtime AS evaluation
COPY --from=build-evaluation /app/.venv /app/.venv
COPY services/evaluation/alembic.ini /app/services/evaluation/alembic.ini
COPY services/evaluation/migrations /app/services/evaluation/migrations
CMD ["python", "-m", "agora_common.serve", "evaluation.main:create_app", "--host", "0.0.0.0", "--port", "8000", "--health-port", "8001"]

# The gateway: plain HTTP behind the TLS-terminating ingress or proxy. --no-proxy-headers: uvicorn
# must not rewrite the peer address from X-Forwarded-For; the gateway decides client addresses
# itself, believing the header only from AGORA_GATEWAY_TRUSTED_PROXIES (docs/deploy.md).
FROM runtime AS gateway
HEALTHCHECK --interval=15s --timeout=3s --start-period=30s --retries=3 \
    CMD ["python", "-c", "import urllib.request; urllib.request.urlopen('http://127.0.0.1:8000/healthz', timeout=2)"]
COPY --from=build-gateway /app/.venv /app/.venv
COPY gateway/alembic.ini /app/gateway/alembic.ini
COPY gateway/migrations /app/gateway/migrations
CMD ["python", "-m", "uvicorn", "gateway.main:create_app", "--factory", "--host", "0.0.0.0", "--port", "8000", "--no-proxy-headers"]

# The web console (docs/console.md): pages for people, a client of the gateway's public API only,
# reached through the gateway at /console/. No database, no migrations, no secrets; plain HTTP
# from the gateway (AGORA_CONSOLE_HOST/PORT), uvicorn without proxy headers (python -m
# agora_console): it reads the person's address from the X-Forwarded-For the gateway writes.
FROM runtime AS console
HEALTHCHECK --interval=15s --timeout=3s --start-period=15s --retries=3 \
    CMD ["python", "-c", "import urllib.request; urllib.request.urlopen('http://127.0.0.1:8000/console/healthz', timeout=2)"]
COPY --from=build-console /app/.venv /app/.venv
CMD ["python", "-m", "agora_console"]
