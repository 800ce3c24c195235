// The one storage account: the Functions host's own (deployment package, leases, queue triggers)
// and the app's tables and queues. Shared keys are disabled, so only Entra identities get in.
param name string
param location string
param tags object
param deploymentContainerName string

// Every table and queue the app uses (Sentier.Core StorageNames); a test compares these lists
// with the code so that they cannot drift apart.
var tableNames = [
  'Accounts'
  'ApiApps'
  'ApiTokens'
  'Contacts'
  'Webhooks'
  'WebhookDeliveries'
  'OutboxAccounts'
  'FacebookConnections'
  'FacebookForms'
  'FacebookLeads'
]
var queueNames = [
  'webhook-deliveries'
  'outbox-nudges'
  'facebook-sync'
]

resource storage 'Microsoft.Storage/storageAccounts@2024-01-01' = {
  name: name
  location: location
  tags: tags
  kind: 'StorageV2'
  sku: {
    name: 'Standard_LRS'
  }
  properties: {
    accessTier: 'Hot'
    allowSharedKeyAccess: false
    allowBlobPublicAccess: false
    allowCrossTenantReplication: false
    defaultToOAuthAuthentication: true
    minimumTlsVersion: 'TLS1_2'
    supportsHttpsTrafficOnly: true
    dnsEndpointType: 'Standard'
    publicNetworkAccess: 'Enabled'
    networkAcls: {
      defaultAction: 'Allow'
      bypass: 'AzureServices'
    }
  }

  resource blobs 'blobServices' = {
    name: 'default'

    resource deploymentContainer 'containers' = {
      name: deploymentContainerName
    }
  }

  resource tableService 'tableServices' = {
    name: 'default'

    resource appTables 'tables' = [for table in tableNames: {
      name: table
    }]
  }

  resource queueService 'queueServices' = {
    name: 'default'

    // Each queue with the poison queue the host moves failed messages to, and that queue's own:
    // every poison queue has a reader function, whose failures the host moves one step further.
    resource appQueues 'queues' = [for queue in queueNames: {
      name: queue
    }]

    resource poisonQueues 'queues' = [for queue in queueNames: {
      name: '${queue}-poison'
    }]

    resource poisonReaderPoisonQueues 'queues' = [for queue in queueNames: {
      name: '${queue}-poison-poison'
    }]
  }
}

output name string = storage.name
output deploymentContainerName string = deploymentContainerName
