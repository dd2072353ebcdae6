# syntax=docker/dockerfile:1.7
# The gateway with the console built in: GraphQL at /graphql, exports at /export, the console at /.
#   docker build -f infra/docker/gateway.Dockerfile -t dangjian/gateway .        (from the repository root)
# The same image runs the release's migrations and the operator commands:
#   node node_modules/@dangjian/domain/dist/cli/db.js migrate
#   node node_modules/@dangjian/domain/dist/cli/retention.js [--days 180]
#   node node_modules/@dangjian/domain/dist/cli/rekey.js     (OLD_PII_ENCRYPTION_KEY + PII_ENCRYPTION_KEY)
ARG NODE_IMAGE=node:20-bookworm-slim

FROM ${NODE_IMAGE} AS build
ENV PNPM_HOME=/pnpm PATH=/pnpm:$PATH CI=true COREPACK_ENABLE_DOWNLOAD_PROMPT=0
RUN corepack enable
WORKDIR /src
# The store is filled from the lockfile alone, so a source change does not download anything again.
COPY package.json pnpm-lock.yaml pnpm-workspace.yaml ./
RUN --mount=type=cache,id=pnpm-store,target=/pnpm/store pnpm fetch
COPY . .
RUN --mount=type=cache,id=pnpm-store,target=/pnpm/store pnpm install --frozen-lockfile --offline
RUN pnpm --filter "@dangjian/gateway..." --filter @dangjian/console run build
# Production dependencies only, laid out as apps/gateway beside apps/console/dist: the gateway looks
# for the console at ../../console/dist relative to its own dist/ (it reads no CONSOLE_DIST setting).
# pnpm deploy picks a workspace package's files by its ignore rules, which may leave out the
# git-ignored dist/ folders; they are copied explicitly so the image never depends on that.
RUN --mount=type=cache,id=pnpm-store,target=/pnpm/store \
    set -eu; \
    pnpm --filter @dangjian/gateway deploy --prod --legacy /out/apps/gateway; \
    rm -rf /out/apps/gateway/dist /out/apps/gateway/src /out/apps/gateway/test; \
    cp -r apps/gateway/dist /out/apps/gateway/dist; \
    for pkg in config domain; do \
      dest="$(readlink -f "/out/apps/gateway/node_modules/@dangjian/$pkg")"; \
      case "$dest" in /out/*) ;; *) echo "@dangjian/$pkg resolves outside the deployment: $dest" >&2; exit 1 ;; esac; \
      rm -rf "$dest/dist" "$dest/src"; \
      cp -r "packages/$pkg/dist" "$dest/dist"; \
    done; \
    mkdir -p /out/apps/console; \
    cp -r apps/console/dist /out/apps/console/dist; \
    test -f /out/apps/console/dist/index.html; \
    test -f /out/apps/gateway/node_modules/@dangjian/domain/dist/cli/db.js

FROM ${NODE_IMAGE} AS runtime
ENV NODE_ENV=production PORT=4000 DANGJIAN_DATA_DIR=/data
# Files belong to root and are only readable by the process, which runs as the unprivileged
# "node" user (uid 1000, numeric so Kubernetes can verify runAsNonRoot).
COPY --from=build /out /app
# DANGJIAN_DATA_DIR: the one place the process writes files, owned by its user.
RUN mkdir /data && chown 1000:1000 /data
WORKDIR /app/apps/gateway
USER 1000:1000
EXPOSE 4000
STOPSIGNAL SIGTERM
# Ready = MySQL and Redis answer (/readyz); /healthz only says the process is alive.
HEALTHCHECK --interval=15s --timeout=5s --start-period=30s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:'+(process.env.PORT||4000)+'/readyz').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"]
CMD ["node", "dist/main.js"]
