#!/usr/bin/env bash
# Sourced before running npm in a folder that is not this project (the cached n8n install).
# npm exports the project's .npmrc to every script it runs as `npm_config_*` variables
# (ignore-scripts=true, legacy-peer-deps=true): left set, `npm rebuild` there exits 0 without
# compiling anything. Drop them so that folder gets npm's own defaults, whoever launched us.
while IFS='=' read -r _npmrc_key _; do
  _npmrc_key="${_npmrc_key//[[:space:]]/}"
  case "$_npmrc_key" in ''|'#'*|';'*) continue ;; esac
  unset "npm_config_${_npmrc_key//-/_}"
done < "$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)/.npmrc"
unset _npmrc_key npm_config_local_prefix
