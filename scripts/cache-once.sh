#!/usr/bin/env bash
# Sourced by the scripts that install something into the cache outside the repository (n8n for
# the e2e tests, n8n 1.x's libraries for the unit suite on 1.x).
# Puts Node 24 first on PATH (scripts/node24.sh) and drops the project's npm settings
# (scripts/n8n/npm-outside-project.sh): the folder installed into is not this project.
# install_once LOCK CHECK INSTALL: runs the function INSTALL unless the function CHECK says the
# install is complete, holding LOCK (flock) so that concurrent runs wait for each other instead
# of installing into the same folder, and checking again after the wait.
_cache_once_dir="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
# shellcheck source=scripts/node24.sh
source "$_cache_once_dir/node24.sh"
# shellcheck source=scripts/n8n/npm-outside-project.sh
source "$_cache_once_dir/n8n/npm-outside-project.sh"
unset _cache_once_dir

install_once() {
  local lock="$1" check="$2" install="$3"
  if "$check"; then
    return 0
  fi
  mkdir -p "$(dirname "$lock")"
  exec 9>"$lock"
  if command -v flock >/dev/null 2>&1; then
    flock 9
  fi
  if "$check"; then   # another run finished it while we waited
    return 0
  fi
  "$install"
}
