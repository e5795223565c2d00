metadata description = 'TrustBot: an Azure Bot (user-assigned managed identity) with the Teams channel, a Linux App Service for .NET 10, Table and Queue storage reached through role assignments, a Key Vault for the anonymity secret, and Application Insights.'

@description('Azure region for everything except the bot registration, which is global.')
param location string = resourceGroup().location

@description('Short lowercase prefix for resource names; a suffix derived from the resource group keeps them unique.')
@minLength(2)
@maxLength(12)
param namePrefix string = 'trustbot'

@description('App Service plan SKU. The scheduler runs in the web app, so the plan must support Always On (not F1/D1).')
@allowed([
  'B1'
  'B2'
  'B3'
  'S1'
  'S2'
  'S3'
  'P0v3'
  'P1v3'
  'P2v3'
])
param appServicePlanSku string = 'B1'

@description('Azure Bot pricing tier. Teams is a standard channel, so F0 is enough.')
@allowed([
  'F0'
  'S1'
])
param botSku string = 'F0'

@description('The name people see for the bot.')
param botDisplayName string = 'TrustBot'

@description('Days Log Analytics keeps telemetry.')
@minValue(30)
@maxValue(730)
param logRetentionDays int = 30

@description('Write a fresh anonymity secret to Key Vault. True only on the first deployment: a new secret breaks the one-answer-per-person rule for check-ins that are open. deploy.sh sets it to false when the secret already exists.')
param createAnonymitySecret bool = true

@description('Generated at deploy time; never set it. Only used when createAnonymitySecret is true.')
@secure()
param anonymitySecretSeed string = newGuid()

@description('Generated at deploy time; never set it. A second GUID doubles the secret\'s entropy.')
@secure()
param anonymitySecretSalt string = newGuid()

var suffix = uniqueString(resourceGroup().id)
var appName = '${namePrefix}-${suffix}'
var storageAccountName = take('st${namePrefix}${suffix}', 24)
var keyVaultName = take('kv-${namePrefix}-${suffix}', 24)
var anonymitySecretName = 'anonymity-secret'

// Built-in role definition ids (the same in every tenant).
var storageTableDataContributor = '0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3'
var storageQueueDataContributor = '974c5e8b-45b9-4653-ba55-5f855dd0fb88'
var keyVaultSecretsUser = '4633458b-17de-408a-b874-0445c86b69e6'

resource identity 'Microsoft.ManagedIdentity/userAssignedIdentities@2024-11-30' = {
  name: 'id-${appName}'
  location: location
}

resource logs 'Microsoft.OperationalInsights/workspaces@2026-03-01' = {
  name: 'log-${appName}'
  location: location
  properties: {
    sku: {
      name: 'PerGB2018'
    }
    retentionInDays: logRetentionDays
  }
}

resource insights 'Microsoft.Insights/components@2020-02-02' = {
  name: 'appi-${appName}'
  location: location
  kind: 'web'
  properties: {
    Application_Type: 'web'
    WorkspaceResourceId: logs.id
    IngestionMode: 'LogAnalytics'
  }
}

resource storage 'Microsoft.Storage/storageAccounts@2026-06-01' = {
  name: storageAccountName
  location: location
  sku: {
    name: 'Standard_LRS'
  }
  kind: 'StorageV2'
  properties: {
    // Entra ID only: no key exists that could leak into settings or logs.
    allowSharedKeyAccess: false
    defaultToOAuthAuthentication: true
    allowBlobPublicAccess: false
    minimumTlsVersion: 'TLS1_2'
    supportsHttpsTrafficOnly: true
  }
}

resource tableRole 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(storage.id, identity.id, storageTableDataContributor)
  scope: storage
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', storageTableDataContributor)
    principalId: identity.properties.principalId
    principalType: 'ServicePrincipal'
  }
}

resource queueRole 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(storage.id, identity.id, storageQueueDataContributor)
  scope: storage
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', storageQueueDataContributor)
    principalId: identity.properties.principalId
    principalType: 'ServicePrincipal'
  }
}

resource vault 'Microsoft.KeyVault/vaults@2026-05-15' = {
  name: keyVaultName
  location: location
  properties: {
    tenantId: tenant().tenantId
    sku: {
      family: 'A'
      name: 'standard'
    }
    enableRbacAuthorization: true
    enableSoftDelete: true
    softDeleteRetentionInDays: 90
    // Losing the secret would let people answer an open check-in twice; purge protection keeps a deleted one recoverable.
    enablePurgeProtection: true
    publicNetworkAccess: 'Enabled'
  }
}

resource anonymitySecret 'Microsoft.KeyVault/vaults/secrets@2026-05-15' = if (createAnonymitySecret) {
  parent: vault
  name: anonymitySecretName
  properties: {
    value: '${replace(anonymitySecretSeed, '-', '')}${replace(anonymitySecretSalt, '-', '')}'
    contentType: 'TrustBot participation-hash secret'
  }
}

resource vaultRole 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(vault.id, identity.id, keyVaultSecretsUser)
  scope: vault
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', keyVaultSecretsUser)
    principalId: identity.properties.principalId
    principalType: 'ServicePrincipal'
  }
}

resource plan 'Microsoft.Web/serverfarms@2025-03-01' = {
  name: 'asp-${appName}'
  location: location
  kind: 'linux'
  sku: {
    name: appServicePlanSku
  }
  properties: {
    reserved: true
  }
}

resource site 'Microsoft.Web/sites@2025-03-01' = {
  name: appName
  location: location
  kind: 'app,linux'
  identity: {
    type: 'UserAssigned'
    userAssignedIdentities: {
      '${identity.id}': {}
    }
  }
  properties: {
    serverFarmId: plan.id
    httpsOnly: true
    clientAffinityEnabled: false
    keyVaultReferenceIdentity: identity.id
    siteConfig: {
      linuxFxVersion: 'DOTNETCORE|10.0'
      alwaysOn: true
      http20Enabled: true
      minTlsVersion: '1.2'
      scmMinTlsVersion: '1.2'
      ftpsState: 'Disabled'
      healthCheckPath: '/healthz'
      appSettings: [
        {
          name: 'ASPNETCORE_ENVIRONMENT'
          value: 'Production'
        }
        {
          name: 'MicrosoftAppType'
          value: 'UserAssignedMSI'
        }
        {
          name: 'MicrosoftAppId'
          value: identity.properties.clientId
        }
        {
          name: 'MicrosoftAppTenantId'
          value: tenant().tenantId
        }
        {
          name: 'Storage__AccountName'
          value: storage.name
        }
        {
          name: 'Storage__TableEndpoint'
          value: storage.properties.primaryEndpoints.table
        }
        {
          name: 'Storage__QueueEndpoint'
          value: storage.properties.primaryEndpoints.queue
        }
        {
          name: 'Storage__ManagedIdentityClientId'
          value: identity.properties.clientId
        }
        {
          // DefaultAzureCredential picks the user-assigned identity from this variable.
          name: 'AZURE_CLIENT_ID'
          value: identity.properties.clientId
        }
        {
          name: 'Anonymity__Secret'
          value: '@Microsoft.KeyVault(VaultName=${vault.name};SecretName=${anonymitySecretName})'
        }
        {
          // Read by the Azure Monitor OpenTelemetry distro the app configures in code, which redacts before exporting.
          name: 'APPLICATIONINSIGHTS_CONNECTION_STRING'
          value: insights.properties.ConnectionString
        }
        {
          // The App Service agent would export request and dependency URLs (conversation ids, table keys) unfiltered.
          name: 'ApplicationInsightsAgent_EXTENSION_VERSION'
          value: 'disabled'
        }
        {
          name: 'XDT_MicrosoftApplicationInsights_Mode'
          value: 'disabled'
        }
        // No DOTNET_* runtime settings here: the GC and JIT settings ship in the app's runtimeconfig.json (see
        // src/TrustBot.Web/TrustBot.Web.csproj). DOTNET_EnableWriteXorExecute=0, the one that exists only as an
        // environment variable, is left out on purpose: the 'memory' benchmark measured no RSS saving from it
        // (164 MB with, 162 MB without, at 1,000 teams), and W^X keeps JIT-compiled code never writable and executable at once.
      ]
    }
  }
  // The app reads storage and the secret at start; the roles must exist before it runs.
  dependsOn: [
    tableRole
    queueRole
    vaultRole
    anonymitySecret
  ]
}

resource ftpPublishing 'Microsoft.Web/sites/basicPublishingCredentialsPolicies@2025-03-01' = {
  parent: site
  name: 'ftp'
  properties: {
    allow: false
  }
}

resource scmPublishing 'Microsoft.Web/sites/basicPublishingCredentialsPolicies@2025-03-01' = {
  parent: site
  name: 'scm'
  properties: {
    allow: false
  }
}

resource bot 'Microsoft.BotService/botServices@2022-09-15' = {
  name: 'bot-${appName}'
  location: 'global'
  kind: 'azurebot'
  sku: {
    name: botSku
  }
  properties: {
    displayName: botDisplayName
    endpoint: 'https://${site.properties.defaultHostName}/api/messages'
    msaAppType: 'UserAssignedMSI'
    msaAppId: identity.properties.clientId
    msaAppMSIResourceId: identity.id
    // A tenant id, not a resource id: the rule's name heuristic misfires on the "Id" suffix.
    #disable-next-line use-resource-id-functions
    msaAppTenantId: tenant().tenantId
  }
}

resource teams 'Microsoft.BotService/botServices/channels@2022-09-15' = {
  parent: bot
  name: 'MsTeamsChannel'
  location: 'global'
  properties: {
    channelName: 'MsTeamsChannel'
    properties: {
      isEnabled: true
    }
  }
}

@description('The bot\'s messaging endpoint (already set on the Azure Bot resource).')
output messagingEndpoint string = bot.properties.endpoint

@description('The bot\'s app id: the client id of the user-assigned managed identity. Use it in the Teams app manifest.')
output botAppId string = identity.properties.clientId

@description('The web app to deploy the build to.')
output webAppName string = site.name

@description('The Key Vault holding the anonymity secret.')
output keyVaultName string = vault.name
