# syntax=docker/dockerfile:1
#
# One image, two roles:
#   API (default):  docker run relance                                  -> node dist/src/api/main.js
#   worker:         docker run relance node dist/src/worker/main.js
# Configuration comes only from the environment (see src/config/config.ts, CONFIG_VARIABLES).
# With NODE_ENV=production the app refuses its embedded defaults: DATABASE_URL, TEMPORAL_ADDRESS
# and SMTP_URL must be set. docker-compose.yml shows a complete setup.

# Debian (glibc), not Alpine: the Temporal worker's native core (@temporalio/core-bridge) ships
# glibc binaries only.
ARG NODE_IMAGE=node:24-bookworm-slim

# ---- base: Node plus an npm that understands package.json "allowScripts" ------------------------
FROM ${NODE_IMAGE} AS base
WORKDIR /app
# allowScripts (which dependencies may run install scripts) is read by npm >= 11.16. Older npm
# ignores the field and would run the denied scripts, so install a current npm 11 explicitly
# instead of relying on the version bundled with the Node image.
RUN npm install -g npm@11 \
 && npm --version
ENV npm_config_update_notifier=false \
    npm_config_fund=false \
    npm_config_audit=false

# ---- build: all dependencies, compile TypeScript, prebundle the workflow code -------------------
FROM base AS build
COPY package.json package-lock.json ./
RUN --mount=type=cache,target=/root/.npm npm ci
COPY . .
# templates/ (e-mail and letter templates) is read at run time when the project has one; mkdir -p
# gives the runtime stage's COPY a source either way.
RUN npm run build \
 && test -f dist/src/api/main.js \
 && test -f dist/src/worker/main.js \
 && mkdir -p templates

# ---- prod-deps: production dependencies only, from the same lockfile ----------------------------
FROM base AS prod-deps
COPY package.json package-lock.json ./
RUN --mount=type=cache,target=/root/.npm npm ci --omit=dev

# ---- runtime ---------------------------------------------------------------------------------
FROM ${NODE_IMAGE} AS runtime
ENV NODE_ENV=production
WORKDIR /app
# Everything stays owned by root and read-only for the process; only .data (RELANCE_DATA_DIR's
# default) is writable, for anything the app keeps on local disk.
COPY package.json ./
COPY --from=prod-deps /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
COPY --from=build /app/templates ./templates
RUN mkdir -p /app/.data && chown node:node /app/.data
# The node image's unprivileged user (uid 1000).
USER node
EXPOSE 3000
# No HEALTHCHECK here: the image also runs the worker, which serves no HTTP. The API's health
# check (GET /health) is declared where the role is known (docker-compose.yml).
CMD ["node", "dist/src/api/main.js"]
