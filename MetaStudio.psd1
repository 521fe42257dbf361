@{
    # A small script that loads the module's code into a private load context on PowerShell 7
    # (src/MetaStudio.PowerShell.Loader); the cmdlets are in MetaStudio.PowerShell.dll.
    RootModule           = 'MetaStudio.psm1'
    ModuleVersion        = '0.1.0'
    GUID                 = '5b0f3c8e-7a0d-4a52-9f0e-3c1d6f2a9b41'
    Author               = 'MetaStudio.PowerShell contributors'
    CompanyName          = 'MetaStudio.PowerShell'
    Copyright            = '(c) MetaStudio.PowerShell contributors.'
    Description          = 'Cmdlets for Huawei Cloud MetaStudio: digital assets and files, video scripts and avatar video production, livestreaming, image and voice modeling, TTS.'
    PowerShellVersion    = '5.1'
    CompatiblePSEditions = @('Desktop', 'Core')
    # Windows PowerShell only (PowerShell 7 ignores it): netstandard2.0 and the HTTP handler settings need 4.7.2.
    DotNetFrameworkVersion = '4.7.2'
    FormatsToProcess     = @(
        'formats/Session.Format.ps1xml'
        'formats/Assets.Format.ps1xml'
        'formats/Files.Format.ps1xml'
        'formats/Video.Format.ps1xml'
        'formats/LiveRooms.Format.ps1xml'
        'formats/Products.Format.ps1xml'
        'formats/Imaging.Format.ps1xml'
        'formats/LiveTasks.Format.ps1xml'
        'formats/Voice.Format.ps1xml'
    )
    # One block per API group, so each group's cmdlets are added in its own place.
    CmdletsToExport      = @(
        # -- Session --
        'Connect-MsService'
        'Disconnect-MsService'
        'Get-MsSession'
        'Set-MsCredentialProfile'
        'Get-MsCredentialProfile'
        'Remove-MsCredentialProfile'

        # -- Digital assets --
        'New-MsAsset'
        'Get-MsAsset'
        'Set-MsAsset'
        'Remove-MsAsset'
        'Restore-MsAsset'
        'Enable-MsAsset'
        'Disable-MsAsset'
        'Get-MsAssetSummary'
        'Get-MsAssetReplicationInfo'
        'Copy-MsAsset'

        # -- Files --
        'New-MsAssetFile'
        'Complete-MsAssetFile'
        'Remove-MsAssetFile'
        'Send-MsAssetFile'
        'Save-MsAssetFile'

        # -- Video scripts, video tasks, TTS --
        'New-MsVideoScript'
        'Get-MsVideoScript'
        'Set-MsVideoScript'
        'Remove-MsVideoScript'
        'Copy-MsVideoScript'
        'Start-MsVideoTask'
        'Get-MsVideoTask'
        'Stop-MsVideoTask'
        'Wait-MsVideoTask'
        'New-MsTtsAudition'
        'Get-MsTtsAudition'

        # -- Live rooms and interaction rule libraries --
        'New-MsLiveRoom'
        'Get-MsLiveRoom'
        'Set-MsLiveRoom'
        'Remove-MsLiveRoom'
        'New-MsInteractionRuleGroup'
        'Get-MsInteractionRuleGroup'
        'Set-MsInteractionRuleGroup'
        'Remove-MsInteractionRuleGroup'

        # -- Live products --
        'New-MsProduct'
        'Get-MsProduct'
        'Set-MsProduct'
        'Remove-MsProduct'
        'Add-MsProductAsset'
        'Remove-MsProductAsset'

        # -- Image modeling (avatar model training) --
        'New-MsModelTrainingJob'
        'Get-MsModelTrainingJob'
        'Set-MsModelTrainingJob'
        'Remove-MsModelTrainingJob'
        'Send-MsModelTrainingFile'
        'Invoke-MsModelTrainingCommand'
        'Wait-MsModelTrainingJob'

        # -- Livestreaming tasks --
        'Start-MsLiveTask'
        'Get-MsLiveTask'
        'Stop-MsLiveTask'
        'Wait-MsLiveTask'
        'Invoke-MsLiveCommand'
        'Send-MsLiveEvent'

        # -- Voice modeling (voice training) --
        'Get-MsVoiceTrainingQuota'
        'New-MsVoiceTrainingJob'
        'Send-MsVoiceTrainingData'
        'Submit-MsVoiceTrainingJob'
        'Get-MsVoiceTrainingJob'
        'Remove-MsVoiceTrainingJob'
        'Wait-MsVoiceTrainingJob'
        'Get-MsVoiceTrainingLog'
        'Get-MsVoiceTrainingUploadUrl'
        'Get-MsVoiceTrainingReview'
        'Set-MsVoiceTrainingBatch'
        'Confirm-MsVoiceTrainingSegment'
        'Get-MsVoiceTrainingSegment'

        # -- Any operation of the official client --
        'Invoke-MsRequest'

        # -- end --
    )
    FunctionsToExport    = @()
    AliasesToExport      = @()
    VariablesToExport    = @()
    PrivateData          = @{
        PSData = @{
            Tags         = @('HuaweiCloud', 'MetaStudio', 'DigitalHuman', 'Avatar', 'TTS', 'Livestreaming',
                'PSEdition_Core', 'PSEdition_Desktop', 'Windows', 'Linux', 'MacOS')
            LicenseUri   = 'https://opensource.org/license/mit'
            ProjectUri   = 'https://github.com/MetaStudio-PowerShell/MetaStudio.PowerShell'
            ReleaseNotes = @'
0.1.0
- All 68 MetaStudio APIs as compiled cmdlets for Windows PowerShell 5.1 and PowerShell 7.4+.
- Sessions with AK/SK, temporary AK/SK and IAM password credentials; client-side rate limits per tenant, region and API.
- Dependencies (Polly.Core, Microsoft.Bcl.*, System.Text.Json) load in a private context on PowerShell 7, so other modules' copies never meet ours.
- Windows PowerShell: TLS 1.2 (1.3 where available) and enough connections per server for parallel uploads and waits.
'@
        }
    }
}
