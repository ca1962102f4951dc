#!/usr/bin/env bash
# Create .venv with the locked dependencies. uv itself is pinned and installed into
# .cache/uv (ignored) from PyPI, so a fresh machine needs only python3.11.
set -euo pipefail
cd "$(dirname "$0")/.."

UV_VERSION="0.13.9"
UV=".cache/uv/bin/uv"

if ! "$UV" --version 2>/dev/null | grep -q "$UV_VERSION"; then
  echo "==> installing uv $UV_VERSION into .cache/uv"
  python3 -m venv .cache/uv
  .cache/uv/bin/pip install --quiet --disable-pip-version-check "uv==$UV_VERSION"
fi

export UV_PYTHON_DOWNLOADS=never
echo "==> syncing .venv from uv.lock"
"$UV" sync --frozen --quiet
