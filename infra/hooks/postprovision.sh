#!/bin/sh
# Runs after `azd provision`. Creates each secret the app needs in Key Vault if it is missing,
# with a value generated here and sent straight to Key Vault: it is never printed, written to a
# file, or passed through a template. Existing secrets are kept, so re-provisioning rotates nothing.
set -eu

: "${AZURE_KEY_VAULT_NAME:?run through azd: AZURE_KEY_VAULT_NAME is not set}"
: "${AZURE_RESOURCE_GROUP:?run through azd: AZURE_RESOURCE_GROUP is not set}"
: "${AZURE_FUNCTION_APP_NAME:?run through azd: AZURE_FUNCTION_APP_NAME is not set}"

created=0
ensure_secret() {
  if az keyvault secret show --vault-name "$AZURE_KEY_VAULT_NAME" --name "$1" --query id -o none 2>/dev/null; then
    echo "Key Vault secret $1 exists; kept."
    return
  fi
  # Role assignments can take a minute to reach Key Vault after the first provision.
  tries=0
  until az keyvault secret set --vault-name "$AZURE_KEY_VAULT_NAME" --name "$1" \
        --value "$(openssl rand -hex 32)" --output none 2>/dev/null; do
    tries=$((tries + 1))
    [ "$tries" -ge 12 ] && { echo "Could not write secret $1 to $AZURE_KEY_VAULT_NAME." >&2; exit 1; }
    sleep 10
  done
  echo "Key Vault secret $1 created."
  created=1
}

ensure_secret sentier-admin-key
ensure_secret sentier-encryption-key

if [ "$created" -eq 1 ]; then
  # Key Vault references are resolved when the app starts: restart so it sees the new secrets.
  az functionapp restart --resource-group "$AZURE_RESOURCE_GROUP" --name "$AZURE_FUNCTION_APP_NAME" --output none || true
fi

cat <<INFO

The admin key is in Key Vault $AZURE_KEY_VAULT_NAME, secret sentier-admin-key. Read it with:
  az keyvault secret show --vault-name $AZURE_KEY_VAULT_NAME --name sentier-admin-key --query value -o tsv
INFO
