# syntax=docker/dockerfile:1.7
# The upstream organisation system's simulator (docs/upstream-api.md), for demonstrations and tests
# only: a real installation points UPSTREAM_URL at the real system.
#   docker build -f infra/docker/upstream-sim.Dockerfile -t dangjian/upstream-sim .  (from the repository root)
ARG NODE_IMAGE=node:20-bookworm-slim

FROM ${NODE_IMAGE} AS build
ENV PNPM_HOME=/pnpm PATH=/pnpm:$PATH CI=true COREPACK_ENABLE_DOWNLOAD_PROMPT=0
RUN corepack enable
WORKDIR /src
COPY package.json pnpm-lock.yaml pnpm-workspace.yaml ./
RUN --mount=type=cache,id=pnpm-store,target=/pnpm/store pnpm fetch
COPY . .
RUN --mount=type=cache,id=pnpm-store,target=/pnpm/store pnpm install --frozen-lockfile --offline
RUN pnpm --filter "@dangjian/upstream-sim..." run build
RUN --mount=type=cache,id=pnpm-store,target=/pnpm/store \
    set -eu; \
    pnpm --filter @dangjian/upstream-sim deploy --prod --legacy /out/apps/upstream-sim; \
    rm -rf /out/apps/upstream-sim/dist /out/apps/upstream-sim/src; \
    cp -r apps/upstream-sim/dist /out/apps/upstream-sim/dist; \
    for pkg in config domain; do \
      dest="$(readlink -f "/out/apps/upstream-sim/node_modules/@dangjian/$pkg")"; \
      case "$dest" in /out/*) ;; *) echo "@dangjian/$pkg resolves outside the deployment: $dest" >&2; exit 1 ;; esac; \
      rm -rf "$dest/dist" "$dest/src"; \
      cp -r "packages/$pkg/dist" "$dest/dist"; \
    done; \
    test -f /out/apps/upstream-sim/dist/main.js

FROM ${NODE_IMAGE} AS runtime
ENV NODE_ENV=production UPSTREAM_SIM_PORT=4100
COPY --from=build /out /app
WORKDIR /app/apps/upstream-sim
USER 1000:1000
EXPOSE 4100
STOPSIGNAL SIGTERM
HEALTHCHECK --interval=15s --timeout=5s --start-period=20s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:'+(process.env.UPSTREAM_SIM_PORT||4100)+'/healthz').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"]
# Listens on every interface inside the container (its default is 127.0.0.1).
CMD ["node", "dist/main.js", "--host", "0.0.0.0"]
