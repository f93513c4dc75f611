#!/usr/bin/env bash
# Writes .env for docker compose: every empty variable of .env.example gets a fresh random value (passwords and client
# secrets) or a random UUID (the auth-server's user subjects). An existing .env is left alone. Nothing generated here
# is committed (.env is git-ignored).
set -euo pipefail
cd "$(dirname "$0")/.."
if [[ -e .env ]]; then
  echo ".env exists; delete it first to generate new secrets" >&2
  exit 1
fi
random() { head -c 24 /dev/urandom | base64 | tr -d '/+=' ; }
uuid() { cat /proc/sys/kernel/random/uuid 2>/dev/null || python3 -c 'import uuid; print(uuid.uuid4())'; }
umask 077
while IFS= read -r line; do
  if [[ "$line" =~ ^([A-Z0-9_]+)=$ ]]; then
    name=${BASH_REMATCH[1]}
    if [[ "$name" == *_SUBJECT ]]; then echo "$name=$(uuid)"; else echo "$name=$(random)"; fi
  else
    echo "$line"
  fi
done < .env.example > .env
echo "wrote .env (owner-only); the demo sign-ins are its TALLY_*_PASSWORD lines"
