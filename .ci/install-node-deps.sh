#!/usr/bin/env bash
# Installs the pinned official Huawei Cloud Node signer that the signer cross-check tests use as
# the reference. The tests also do this themselves when node_modules is missing.
set -euo pipefail
cd "$(dirname "$0")/../tests/MetaStudio.PowerShell.Tests/Signer/node"
command -v npm >/dev/null || { echo "npm is required for the signer cross-check tests" >&2; exit 1; }
npm ci --no-audit --no-fund
