# syntax=docker/dockerfile:1
# Images are pinned to versions: Node 20.20.2 (the Node the project is tested on) on Debian
# bookworm. Tags can still move when Docker rebuilds them for OS fixes; to pin bit for bit, add
# the digest (`FROM node:20.20.2-bookworm@sha256:…`, from `docker buildx imagetools inspect`).

# Build stage: full Node image (has python3, make and g++ for better-sqlite3's native build).
FROM node:20.20.2-bookworm AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY tsconfig.json tsconfig.build.json ./
COPY src ./src
RUN npm run build && npm prune --omit=dev

# Runtime stage: slim image, runtime dependencies and compiled JavaScript only, non-root.
FROM node:20.20.2-bookworm-slim
ENV NODE_ENV=production PORT=5005 HOST=0.0.0.0
WORKDIR /app
COPY --from=build --chown=node:node /app/package.json ./
COPY --from=build --chown=node:node /app/node_modules ./node_modules
COPY --from=build --chown=node:node /app/dist ./dist
# Only SQLite writes here (the database, and the generated development JWT secret). No VOLUME:
# with PostgreSQL nothing is kept, and an anonymous volume would pile up on every run. For
# SQLite mount one: docker run -v spotter-data:/app/data -e DATABASE_URL=sqlite:/app/data/spotter.db …
RUN mkdir -p /app/data && chown node:node /app/data
USER node
EXPOSE 5005
HEALTHCHECK --interval=15s --timeout=3s --start-period=20s CMD node -e "fetch('http://127.0.0.1:'+(process.env.PORT||5005)+'/health').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"
# node itself is PID 1 (no npm, no shell): it gets SIGTERM from docker stop and drains.
CMD ["node", "dist/server.js"]
