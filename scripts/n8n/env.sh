#!/usr/bin/env bash
# Sourced: the pinned n8n release and where scripts/n8n/install.sh puts it.
# Needs scripts/node24.sh sourced first (for CE_SHAREFILE_CACHE_ROOT and Node 24 on PATH).
N8N_VERSION=2.41.1
N8N_INSTALL_DIR="${CE_SHAREFILE_CACHE_ROOT:?source scripts/node24.sh first}/n8n-$N8N_VERSION"
N8N_BIN="$N8N_INSTALL_DIR/node_modules/n8n/bin/n8n"
N8N_INSTALL_STAMP="$N8N_INSTALL_DIR/.installed"
export N8N_VERSION N8N_INSTALL_DIR N8N_BIN N8N_INSTALL_STAMP
