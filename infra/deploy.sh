#!/usr/bin/env bash
# Deploys TrustBot's Azure resources into one resource group, creating the group when a location is given.
#   infra/deploy.sh <resource-group> [location]
# Needs the Azure CLI (2.53 or later, for .bicepparam files with extra --parameters), `az login`, and Owner (or
# Contributor + Role Based Access Control Administrator) on the resource group, because the template assigns roles.
set -euo pipefail

if [ $# -lt 1 ] || [ $# -gt 2 ]; then
  echo "usage: $0 <resource-group> [location]" >&2
  exit 2
fi
group="$1"
location="${2:-}"
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
secret_name="anonymity-secret"

if [ "$(az group exists --name "$group")" != "true" ]; then
  if [ -z "$location" ]; then
    echo "Resource group '$group' does not exist; pass a location to create it." >&2
    exit 2
  fi
  az group create --name "$group" --location "$location" --output none
fi

# The anonymity secret is written once. Writing a new one while a check-in is open would let people answer it
# twice, so a redeployment keeps the secret that is already in the vault (checked through ARM: the value is
# never read here).
create_secret=true
for vault_id in $(az resource list --resource-group "$group" --resource-type Microsoft.KeyVault/vaults --query "[].id" --output tsv); do
  if az resource show --ids "$vault_id/secrets/$secret_name" --output none 2>/dev/null; then
    create_secret=false
  fi
done

az deployment group create \
  --resource-group "$group" \
  --name trustbot \
  --template-file "$here/main.bicep" \
  --parameters "$here/main.bicepparam" \
  --parameters createAnonymitySecret="$create_secret" \
  --query "properties.outputs" \
  --output json
