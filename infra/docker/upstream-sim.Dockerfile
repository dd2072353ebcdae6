FROM node:20-bookworm-slim AS build
WORKDIR /app
RUN corepack enable
COPY . .
RUN pnpm install --frozen-lockfile && pnpm build && pnpm deploy --filter @dangjian/upstream-sim --prod --legacy /out

FROM node:20-bookworm-slim
WORKDIR /app
COPY --from=build /out /app
USER node
EXPOSE 4100
CMD ["node", "dist/main.js", "--host", "0.0.0.0"]
