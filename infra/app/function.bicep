// The Flex Consumption (FC1) plan and the Function App. Every setting the app reads has the same
// name as in local.settings.json; storage is reached with the user-assigned identity, and secrets
// are Key Vault references resolved with that identity.
param planName string
param functionAppName string
param location string
param tags object
param identityId string
param identityClientId string
param storageAccountName string
param deploymentContainerName string
param applicationInsightsName string
param keyVaultName string

@allowed([ 512, 2048, 4096 ])
param instanceMemoryMB int

@minValue(1)
@maxValue(1000)
param maximumInstanceCount int

resource storage 'Microsoft.Storage/storageAccounts@2024-01-01' existing = {
  name: storageAccountName
}

resource applicationInsights 'Microsoft.Insights/components@2020-02-02' existing = {
  name: applicationInsightsName
}

resource vault 'Microsoft.KeyVault/vaults@2023-07-01' existing = {
  name: keyVaultName
}

resource plan 'Microsoft.Web/serverfarms@2024-04-01' = {
  name: planName
  location: location
  tags: tags
  kind: 'functionapp'
  sku: {
    name: 'FC1'
    tier: 'FlexConsumption'
  }
  properties: {
    reserved: true
  }
}

resource functionApp 'Microsoft.Web/sites@2024-04-01' = {
  name: functionAppName
  location: location
  tags: union(tags, { 'azd-service-name': 'api' })
  kind: 'functionapp,linux'
  identity: {
    type: 'UserAssigned'
    userAssignedIdentities: {
      '${identityId}': {}
    }
  }
  properties: {
    serverFarmId: plan.id
    httpsOnly: true
    keyVaultReferenceIdentity: identityId
    siteConfig: {
      minTlsVersion: '1.2'
      ftpsState: 'Disabled'
    }
    functionAppConfig: {
      deployment: {
        storage: {
          type: 'blobContainer'
          value: '${storage.properties.primaryEndpoints.blob}${deploymentContainerName}'
          authentication: {
            type: 'UserAssignedIdentity'
            userAssignedIdentityResourceId: identityId
          }
        }
      }
      scaleAndConcurrency: {
        instanceMemoryMB: instanceMemoryMB
        maximumInstanceCount: maximumInstanceCount
      }
      runtime: {
        name: 'dotnet-isolated'
        version: '10.0'
      }
    }
  }

  resource appSettings 'config' = {
    name: 'appsettings'
    properties: {
      // The Functions host's storage, through the identity.
      AzureWebJobsStorage__credential: 'managedidentity'
      AzureWebJobsStorage__clientId: identityClientId
      AzureWebJobsStorage__blobServiceUri: storage.properties.primaryEndpoints.blob
      AzureWebJobsStorage__queueServiceUri: storage.properties.primaryEndpoints.queue
      AzureWebJobsStorage__tableServiceUri: storage.properties.primaryEndpoints.table

      // The app's tables and queues: the same "Storage" connection prefix as locally.
      Storage__credential: 'managedidentity'
      Storage__clientId: identityClientId
      Storage__tableServiceUri: storage.properties.primaryEndpoints.table
      Storage__queueServiceUri: storage.properties.primaryEndpoints.queue

      APPLICATIONINSIGHTS_CONNECTION_STRING: applicationInsights.properties.ConnectionString
      APPLICATIONINSIGHTS_AUTHENTICATION_STRING: 'ClientId=${identityClientId};Authorization=AAD'

      // Secrets: Key Vault references, resolved with keyVaultReferenceIdentity.
      Sentier__AdminKey: '@Microsoft.KeyVault(VaultName=${vault.name};SecretName=sentier-admin-key)'
      Sentier__EncryptionKey: '@Microsoft.KeyVault(VaultName=${vault.name};SecretName=sentier-encryption-key)'

      // Requests reach the worker through the platform's front end, which appends the caller's
      // address to X-Forwarded-For: trust exactly that one hop (docs/operations.md).
      Sentier__TrustedProxyHops: '1'
    }
  }
}

output name string = functionApp.name
output uri string = 'https://${functionApp.properties.defaultHostName}'
