# The gateway with the console built in. Multi-stage: build with the whole workspace, run with
# production dependencies only, as a non-root user.
FROM node:20-bookworm-slim AS build
WORKDIR /app
RUN corepack enable
COPY . .
RUN pnpm install --frozen-lockfile && pnpm build \
 && pnpm deploy --filter @dangjian/gateway --prod --legacy /out \
 && cp -r apps/console/dist /out/console

FROM node:20-bookworm-slim
WORKDIR /app
ENV NODE_ENV=production CONSOLE_DIST=/app/console
COPY --from=build /out /app
USER node
EXPOSE 4000
HEALTHCHECK --interval=10s --timeout=3s CMD node -e "fetch('http://127.0.0.1:4000/healthz').then(r=>process.exit(r.ok?0:1)).catch(()=>process.exit(1))"
CMD ["node", "dist/main.js"]
