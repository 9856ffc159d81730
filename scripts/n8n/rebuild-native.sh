#!/usr/bin/env bash
# Compiles native modules inside an npm install folder that is not this project:
# `rebuild-native.sh <folder> <module>...` (scripts/n8n/install.sh: sqlite3 in the cached n8n).
# Works however it is launched, through npm (which exports the project's ignore-scripts=true) or
# from a plain shell; the explicit flag wins over any ignore-scripts left in the environment.
set -euo pipefail
folder="${1:?usage: rebuild-native.sh <folder> <module>...}"
shift
[ "$#" -gt 0 ] || { echo "rebuild-native: name at least one module" >&2; exit 2; }
# shellcheck source=scripts/n8n/npm-outside-project.sh
source "$(dirname "${BASH_SOURCE[0]}")/npm-outside-project.sh"
cd "$folder"
npm rebuild "$@" --ignore-scripts=false --loglevel=error >&2
