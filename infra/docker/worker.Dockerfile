# syntax=docker/dockerfile:1.7
# The worker: BullMQ processors, the nightly sync scheduler, the outbox pusher; /healthz and
# /metrics on WORKER_PORT (4001).
#   docker build -f infra/docker/worker.Dockerfile -t dangjian/worker .           (from the repository root)
# One sync run in the foreground: node dist/cli/sync.js [--full]
ARG NODE_IMAGE=node:20-bookworm-slim

FROM ${NODE_IMAGE} AS build
ENV PNPM_HOME=/pnpm PATH=/pnpm:$PATH CI=true COREPACK_ENABLE_DOWNLOAD_PROMPT=0
RUN corepack enable
WORKDIR /src
COPY package.json pnpm-lock.yaml pnpm-workspace.yaml ./
RUN --mount=type=cache,id=pnpm-store,target=/pnpm/store pnpm fetch
COPY . .
RUN --mount=type=cache,id=pnpm-store,target=/pnpm/store pnpm install --frozen-lockfile --offline
RUN pnpm --filter "@dangjian/worker..." run build
# See gateway.Dockerfile: dist/ folders are copied explicitly rather than trusted to pnpm deploy.
RUN --mount=type=cache,id=pnpm-store,target=/pnpm/store \
    set -eu; \
    pnpm --filter @dangjian/worker deploy --prod --legacy /out/apps/worker; \
    rm -rf /out/apps/worker/dist /out/apps/worker/src /out/apps/worker/test; \
    cp -r apps/worker/dist /out/apps/worker/dist; \
    for pkg in config domain upstream-client; do \
      dest="$(readlink -f "/out/apps/worker/node_modules/@dangjian/$pkg")"; \
      case "$dest" in /out/*) ;; *) echo "@dangjian/$pkg resolves outside the deployment: $dest" >&2; exit 1 ;; esac; \
      rm -rf "$dest/dist" "$dest/src"; \
      cp -r "packages/$pkg/dist" "$dest/dist"; \
    done; \
    test -f /out/apps/worker/dist/main.js

FROM ${NODE_IMAGE} AS runtime
ENV NODE_ENV=production WORKER_PORT=4001 DANGJIAN_DATA_DIR=/data
COPY --from=build /out /app
# DANGJIAN_DATA_DIR: the one place the process writes files, owned by its user.
RUN mkdir /data && chown 1000:1000 /data
WORKDIR /app/apps/worker
USER 1000:1000
EXPOSE 4001
STOPSIGNAL SIGTERM
# 200 when MySQL and Redis answer, 503 naming the failing part otherwise.
HEALTHCHECK --interval=15s --timeout=5s --start-period=30s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:'+(process.env.WORKER_PORT||4001)+'/healthz').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"]
CMD ["node", "dist/main.js"]
