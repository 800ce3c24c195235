#!/bin/sh
# Runs after `azd provision`. Creates each secret the app needs in Key Vault if it is missing,
# with a value generated here and sent straight to Key Vault on az's standard input: it is never
# printed, written to a file, passed as an argument (readable by other local users in /proc), or
# put in a template. Existing secrets are kept, so re-provisioning rotates nothing.
set -eu

: "${AZURE_KEY_VAULT_NAME:?run through azd: AZURE_KEY_VAULT_NAME is not set}"
: "${AZURE_RESOURCE_GROUP:?run through azd: AZURE_RESOURCE_GROUP is not set}"
: "${AZURE_FUNCTION_APP_NAME:?run through azd: AZURE_FUNCTION_APP_NAME is not set}"

ensure_secret() {
  if az keyvault secret show --vault-name "$AZURE_KEY_VAULT_NAME" --name "$1" --query id -o none 2>/dev/null; then
    echo "Key Vault secret $1 exists; kept."
    return
  fi
  # Role assignments can take a minute to reach Key Vault after the first provision.
  tries=0
  until openssl rand -hex 32 | tr -d '\n' | az keyvault secret set --vault-name "$AZURE_KEY_VAULT_NAME" --name "$1" \
        --file /dev/stdin --encoding utf-8 --output none 2>/dev/null; do
    tries=$((tries + 1))
    [ "$tries" -ge 12 ] && { echo "Could not write secret $1 to $AZURE_KEY_VAULT_NAME." >&2; exit 1; }
    sleep 10
  done
  echo "Key Vault secret $1 created."
}

ensure_secret sentier-admin-key
ensure_secret sentier-encryption-key

# App Service resolves Key Vault references when the app's configuration changes (and every 24 h),
# not on a restart. The provision wrote the settings while the app's Key Vault role was being
# assigned in parallel, so the references may have failed then; changing a setting now, with the
# secrets and the role in place, makes the app fetch them again (and restarts it).
az functionapp config appsettings set --resource-group "$AZURE_RESOURCE_GROUP" --name "$AZURE_FUNCTION_APP_NAME" \
  --settings "Sentier__SecretsRefreshedAt=$(date -u +%Y-%m-%dT%H:%M:%SZ)" --output none

cat <<INFO

The admin key is in Key Vault $AZURE_KEY_VAULT_NAME, secret sentier-admin-key. Read it with:
  az keyvault secret show --vault-name $AZURE_KEY_VAULT_NAME --name sentier-admin-key --query value -o tsv
Whether the app resolved its Key Vault references (status Resolved; docs/deploy.md):
  az rest --method get --url "https://management.azure.com\$(az functionapp show -g $AZURE_RESOURCE_GROUP -n $AZURE_FUNCTION_APP_NAME --query id -o tsv)/config/configreferences/appsettings?api-version=2024-11-01" --query "value[].{setting:name, status:properties.status}" -o table
INFO
