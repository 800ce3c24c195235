# Runs after `azd provision` on Windows; the same steps as postprovision.sh.
$ErrorActionPreference = 'Stop'

foreach ($name in 'AZURE_KEY_VAULT_NAME', 'AZURE_RESOURCE_GROUP', 'AZURE_FUNCTION_APP_NAME') {
    if (-not [Environment]::GetEnvironmentVariable($name)) { throw "run through azd: $name is not set" }
}
$vault = $env:AZURE_KEY_VAULT_NAME
$group = $env:AZURE_RESOURCE_GROUP
$app = $env:AZURE_FUNCTION_APP_NAME

function Ensure-Secret([string] $secretName) {
    az keyvault secret show --vault-name $vault --name $secretName --query id -o none 2>$null
    if ($LASTEXITCODE -eq 0) { Write-Host "Key Vault secret $secretName exists; kept."; return }
    $bytes = [byte[]]::new(32)
    [System.Security.Cryptography.RandomNumberGenerator]::Fill($bytes)
    # The value goes to az through a file only this user can read, never on a command line that
    # other processes can list; the file is removed whatever happens.
    $file = New-TemporaryFile
    try {
        [System.IO.File]::WriteAllText($file.FullName, [Convert]::ToHexString($bytes).ToLowerInvariant())
        for ($try = 1; $try -le 12; $try++) {
            az keyvault secret set --vault-name $vault --name $secretName --file $file.FullName --encoding utf-8 --output none 2>$null
            if ($LASTEXITCODE -eq 0) { Write-Host "Key Vault secret $secretName created."; return }
            Start-Sleep -Seconds 10
        }
    }
    finally {
        Remove-Item -LiteralPath $file.FullName -Force -ErrorAction SilentlyContinue
    }
    throw "Could not write secret $secretName to $vault."
}

Ensure-Secret 'sentier-admin-key'
Ensure-Secret 'sentier-encryption-key'

# Key Vault references are fetched again on a configuration change, not on a restart: see postprovision.sh.
$refreshedAt = [DateTime]::UtcNow.ToString('yyyy-MM-ddTHH:mm:ssZ')
az functionapp config appsettings set --resource-group $group --name $app --settings "Sentier__SecretsRefreshedAt=$refreshedAt" --output none
if ($LASTEXITCODE -ne 0) { throw "Could not change the settings of $app, so its Key Vault references may stay unresolved." }

Write-Host ""
Write-Host "The admin key is in Key Vault $vault, secret sentier-admin-key. Read it with:"
Write-Host "  az keyvault secret show --vault-name $vault --name sentier-admin-key --query value -o tsv"
Write-Host "Whether the app resolved its Key Vault references (status Resolved; docs/deploy.md):"
Write-Host "  az rest --method get --url `"https://management.azure.com`$(az functionapp show -g $group -n $app --query id -o tsv)/config/configreferences/appsettings?api-version=2024-11-01`" --query `"value[].{setting:name, status:properties.status}`" -o table"
