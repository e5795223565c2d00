#!/usr/bin/env bash
# Builds the Teams app package: manifest/build-package.sh --bot-id <guid> --domain <host> [options] (--help lists them).
# Needs only the .NET 10 SDK; the first run compiles the builder (about half a minute), later runs reuse it.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
exec dotnet run --file "$here/build-package.cs" -- "$@"
