# The nr_workbook Office.js add-in server, for a DSI or a mutualisateur (docs/hebergement.md).
# Build:  docker build -t nr-workbook-serveur .
# Run:    docker run -d --name nr-serveur -p 127.0.0.1:8000:8000 \
#           -e NR_SERVEUR_URL_PUBLIQUE=https://nr.exemple.fr nr-workbook-serveur
# The container speaks plain HTTP on port 8000 behind a reverse proxy that terminates HTTPS (Caddy, nginx);
# to terminate TLS in the container instead, mount the certificate and set NR_SERVEUR_CERTIFICAT, NR_SERVEUR_CLE and
# NR_SERVEUR_HTTP_SANS_TLS=0. NR_SERVEUR_JETON sets an access token, NR_SERVEUR_PROCESSUS the number of processes.

FROM python:3.11-slim AS construction
WORKDIR /src
COPY pyproject.toml README.md ./
COPY nr_workbook ./nr_workbook
RUN pip install --no-cache-dir --prefix=/installation ".[serveur]"

FROM python:3.11-slim
LABEL org.opencontainers.image.title="nr_workbook – complément Office.js" \
      org.opencontainers.image.licenses="EUPL-1.2"
ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    MPLCONFIGDIR=/tmp/matplotlib \
    XLWINGS_LICENSE_KEY=noncommercial \
    NR_SERVEUR_HOTE=0.0.0.0 \
    NR_SERVEUR_PORT=8000 \
    NR_SERVEUR_HTTP_SANS_TLS=1 \
    NR_SERVEUR_PROCESSUS=2
COPY --from=construction /installation /usr/local
# pango for WeasyPrint (the COPIL synthesis as a tagged PDF), DejaVu for its text
RUN apt-get update && apt-get install -y --no-install-recommends libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 \
    fonts-dejavu-core \
    && rm -rf /var/lib/apt/lists/*
RUN useradd --system --uid 10001 --no-create-home --home-dir /nonexistent --shell /usr/sbin/nologin nr
USER 10001:10001
EXPOSE 8000
HEALTHCHECK --interval=30s --timeout=5s --start-period=20s --retries=3 \
    CMD ["python", "-m", "nr_workbook.excel.sante"]
ENTRYPOINT ["nr-workbook", "serveur"]
