# syntax=docker/dockerfile:1
# One image for every process: CMD runs the API and workers in one process (npm start); docker-compose.yml
# runs the API alone (`npm run start:api`) and the workers apart (`npm run start:worker`).
# Debian (glibc) rather than Alpine: @node-rs/argon2 ships its prebuilt binary for it.
ARG NODE_IMAGE=node:20-bookworm-slim

# Every dependency, dev ones included, for the build.
FROM ${NODE_IMAGE} AS deps
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund

# Compiles src/, migrations/ and seeds/ to dist/ (dist/src/main.js, dist/src/worker.js, dist/src/cli/cli.js), and the web reader to dist/web/public.
FROM deps AS build
COPY . .
RUN npm run build

# Production dependencies only, installed apart so no build tool reaches the runtime image.
FROM ${NODE_IMAGE} AS prod-deps
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --no-audit --no-fund && npm cache clean --force

FROM ${NODE_IMAGE} AS runtime
ENV NODE_ENV=production \
    NPM_CONFIG_UPDATE_NOTIFIER=false
WORKDIR /app
# package.json stays for the npm scripts: npm start, npm run start:worker, npm run seed, npm run cli.
COPY package.json package-lock.json ./
COPY --from=prod-deps /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
# Files stay owned by root: the service can read its code but not change it.
USER node
EXPOSE 3000
CMD ["node", "dist/src/main.js"]
