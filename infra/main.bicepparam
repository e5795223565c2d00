using './main.bicep'

// Defaults for one production environment. No secret belongs here: the anonymity secret is generated
// inside the deployment and stored only in Key Vault.
param namePrefix = 'trustbot'
param appServicePlanSku = 'B1'
param botSku = 'F0'
param botDisplayName = 'TrustBot'
param logRetentionDays = 30
param createAnonymitySecret = true
