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

@description('The Meta app id of the Facebook Lead Ads integration; empty until the app exists (docs/facebook.md).')
param facebookAppId string = ''

@description('The pages of your UI the Facebook login dialog may return users to, comma-separated; empty: oauth/start answers 409.')
param facebookRedirectUris string = ''

@description('Front Door ID (X-Azure-FDID) of the Azure Front Door profile in front of the app; empty: no front proxy.')
@maxLength(36)
param frontDoorId string = ''

// With a Front Door ID the app accepts only requests from Azure Front Door's backends carrying this
// profile's ID, so every request has come through it and its X-Forwarded-For entry can be trusted.
var frontDoorLocked = !empty(frontDoorId)

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
      ipSecurityRestrictions: frontDoorLocked
        ? [
            {
              name: 'Azure Front Door'
              description: 'Only requests through this app\'s Front Door profile'
              action: 'Allow'
              priority: 100
              tag: 'ServiceTag'
              ipAddress: 'AzureFrontDoor.Backend'
              headers: {
                'x-azure-fdid': [ frontDoorId ]
              }
            }
          ]
        : []
      ipSecurityRestrictionsDefaultAction: frontDoorLocked ? 'Deny' : 'Allow'
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

      // The app's tables and queues: the same "AppStorage" connection prefix as locally. Not
      // "Storage": the host resolves a trigger's connection X as AzureWebJobsX first, so that name
      // would read the AzureWebJobsStorage settings above.
      AppStorage__credential: 'managedidentity'
      AppStorage__clientId: identityClientId
      AppStorage__tableServiceUri: storage.properties.primaryEndpoints.table
      AppStorage__queueServiceUri: storage.properties.primaryEndpoints.queue

      APPLICATIONINSIGHTS_CONNECTION_STRING: applicationInsights.properties.ConnectionString
      APPLICATIONINSIGHTS_AUTHENTICATION_STRING: 'ClientId=${identityClientId};Authorization=AAD'

      // Secrets: Key Vault references, resolved with keyVaultReferenceIdentity.
      Sentier__AdminKey: '@Microsoft.KeyVault(VaultName=${vault.name};SecretName=sentier-admin-key)'
      Sentier__EncryptionKey: '@Microsoft.KeyVault(VaultName=${vault.name};SecretName=sentier-encryption-key)'
      Facebook__AppSecret: '@Microsoft.KeyVault(VaultName=${vault.name};SecretName=facebook-app-secret)'
      Facebook__VerifyToken: '@Microsoft.KeyVault(VaultName=${vault.name};SecretName=facebook-verify-token)'

      // Facebook Lead Ads: the Meta app (docs/facebook.md) and the poller's NCRONTAB schedule, which
      // the timer trigger resolves from this setting (%Facebook:PollSchedule%).
      Facebook__AppId: facebookAppId
      Facebook__RedirectUris: facebookRedirectUris
      Facebook__GraphVersion: 'v25.0'
      Facebook__PollSchedule: '0 */5 * * * *'

      // Proxies in front of the platform that append to X-Forwarded-For. The platform's own entry is
      // consumed by the worker's forwarded-headers step, so without Front Door there are none; a
      // hop is trusted only while the lock above guarantees it (docs/operations.md).
      Sentier__TrustedProxyHops: frontDoorLocked ? '1' : '0'
    }
  }
}

output name string = functionApp.name
output uri string = 'https://${functionApp.properties.defaultHostName}'
