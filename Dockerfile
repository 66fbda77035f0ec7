# syntax=docker/dockerfile:1
# briefing-bot image (docs/deploy.md). Multi-stage: the build stage installs
# and builds exactly as CI does (.ci/run); the runtime stage holds only what
# `serve` needs and runs as the unprivileged `node` user, with the SQLite
# database on the /data volume.
#   docker build -t briefing-bot .
#   docker build --target test .        # the whole suite, as CI runs it
#   docker run -d --env-file .env -p 3000:3000 -v briefing-data:/data briefing-bot

FROM node:20-bookworm-slim AS build
WORKDIR /app
# Compilers for better-sqlite3 when no prebuilt binary matches the platform.
RUN apt-get update \
 && apt-get install -y --no-install-recommends python3 make g++ \
 && rm -rf /var/lib/apt/lists/*
COPY . .
# npm ci runs `prepare`, which builds dist/ (and the lexicon cache).
RUN npm ci

FROM build AS test
RUN npm test

FROM build AS prune
RUN npm prune --omit=dev

FROM node:20-bookworm-slim AS runtime
ENV NODE_ENV=production \
    BRIEFING_DB=/data/briefing.db \
    PORT=3000
WORKDIR /app
COPY --from=prune --chown=root:root /app/package.json /app/package-lock.json ./
COPY --from=prune --chown=root:root /app/node_modules ./node_modules
COPY --from=prune --chown=root:root /app/dist ./dist
COPY --from=prune --chown=root:root /app/seeds ./seeds
COPY --from=prune --chown=root:root /app/slack ./slack
RUN mkdir -p /data && chown node:node /data
VOLUME ["/data"]
USER node
EXPOSE 3000
HEALTHCHECK --interval=30s --timeout=5s --start-period=120s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + (process.env.PORT || 3000) + '/health').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
CMD ["node", "--max-semi-space-size=4", "dist/src/cli/main.js", "serve"]
