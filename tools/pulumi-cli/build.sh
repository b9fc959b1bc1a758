#!/usr/bin/env bash
# Builds the pinned Pulumi CLI from its Go module into a cache outside the clone and prints the
# cache root (the folder holding bin/). The cache key is the hash of go.sum, so a rebuild happens only
# when the pin changes. A build is written to a temporary folder and renamed into place at the end,
# so an interrupted build can never be mistaken for a good cache.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
version="$(awk '$1 == "github.com/pulumi/pulumi/pkg/v3" {print $2}' "$here/go.mod")"
cache_base="${PULUMI_SINCH_EST_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/pulumi-sinch-est}"
key="$(sha256sum "$here/go.sum" | cut -c1-16)"
root="$cache_base/pulumi-cli-$version-$key"

log() { printf 'pulumi-cli: %s\n' "$*" >&2; }

verify() {
  local got
  got="$("$1/bin/pulumi" version 2>/dev/null || true)"
  [ "$got" = "$version" ] && [ -x "$1/bin/pulumi-resource-pulumi-python" ]
}

if [ -d "$root" ] && verify "$root"; then
  log "using cached $version at $root"
  printf '%s\n' "$root"
  exit 0
fi

command -v go >/dev/null || { log "Go is required to build the Pulumi CLI ($version)"; exit 1; }
mkdir -p "$cache_base"
tmp="$(mktemp -d "$cache_base/.build-XXXXXX")"
trap 'rm -rf "$tmp"' EXIT
mkdir -p "$tmp/bin"

log "building $version (first run only; a few minutes)"
start=$SECONDS
(
  cd "$here"
  CGO_ENABLED=0 GOTOOLCHAIN=local go build -trimpath -tags osusergo,grpcnotrace \
    -ldflags "-s -w -X github.com/pulumi/pulumi/sdk/v3/go/common/version.Version=$version" \
    -o "$tmp/bin/pulumi" github.com/pulumi/pulumi/pkg/v3/cmd/pulumi
)
log "built in $((SECONDS - start)) s"

# The engine looks for this exact plugin name to host Python dynamic providers; ours runs the
# interpreter named by PULUMI_PYTHON_CMD so the provider sees the project's virtualenv.
cat > "$tmp/bin/pulumi-resource-pulumi-python" <<'LAUNCHER'
#!/bin/sh
exec "${PULUMI_PYTHON_CMD:-python3}" -u -m pulumi.dynamic "$@"
LAUNCHER
chmod +x "$tmp/bin/pulumi-resource-pulumi-python"

verify "$tmp" || { log "built binary does not report $version"; exit 1; }
rm -rf "$root"
mv "$tmp" "$root"
trap - EXIT
log "cached at $root"
printf '%s\n' "$root"
