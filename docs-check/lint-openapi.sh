#!/usr/bin/env bash
# Lints the committed OpenAPI documents with Redocly CLI's recommended ruleset (the configuration names them):
#   lint-openapi.sh <@redocly/cli version> <redocly.yaml> <install folder>
# The CLI is installed into the install folder once (again only when the version changes). Lint errors fail the
# build; without node or npm the lint is skipped with a warning, never silently.
set -euo pipefail
version=$1
config=$2
prefix=$3

if ! command -v node >/dev/null 2>&1 || ! command -v npm >/dev/null 2>&1; then
  echo "[WARNING] docs-check: node or npm not found on the PATH: the Redocly lint of docs/openapi is SKIPPED" \
    "(install Node.js 20+ and npm to run it)"
  exit 0
fi
node_major=$(node -p 'process.versions.node.split(".")[0]')
if [ "$node_major" -lt 20 ]; then
  echo "[ERROR] docs-check: node $(node --version) is too old for @redocly/cli@$version (it needs 20.19+ or 22.12+)" >&2
  exit 1
fi
cli="$prefix/node_modules/.bin/redocly"
if [ ! -x "$cli" ] || [ "$("$cli" --version 2>/dev/null)" != "$version" ]; then
  echo "docs-check: installing @redocly/cli@$version into $prefix"
  npm install --prefix "$prefix" "@redocly/cli@$version" --no-audit --no-fund --loglevel=error
fi
echo "docs-check: redocly lint ($("$cli" --version)) of the APIs in $config"
exec "$cli" lint --config "$config" --format=stylish
