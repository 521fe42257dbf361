# Tab completion as pwsh offers it (TabExpansion2): cmdlet and parameter names, regions, the values of
# parameters with a closed set.
BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Import-Module (Get-MsTestModulePath) -Force

    function Complete([string] $Line) {
        @((TabExpansion2 -inputScript $Line -cursorColumn $Line.Length).CompletionMatches.CompletionText)
    }
}

Describe 'Tab completion' {
    It 'completes cmdlet names' {
        Complete 'Save-MsAss' | Should -Contain 'Save-MsAssetFile'
        Complete 'Wait-MsV' | Should -Be @('Wait-MsVideoTask', 'Wait-MsVoiceTrainingJob')
    }

    It 'completes the regions MetaStudio serves' {
        $regions = Complete 'Connect-MsService -Region '
        $regions | Should -Contain 'cn-north-4'
        $regions | Should -Contain 'cn-east-3'
        $regions | Should -Contain 'ap-southeast-3'
        Complete 'Connect-MsService -Region ap-' | Should -Be @('ap-southeast-3')
    }

    It 'completes the values of a closed set: asset types and states' {
        $types = Complete 'New-MsAsset -Name x -Type '
        $types | Should -Contain 'IMAGE'
        $types | Should -Contain 'HUMAN_MODEL_2D'
        Complete 'Get-MsAsset -State ACT' | Should -Be @('ACTIVED')
    }

    It 'completes the naming choice and categories of Save-MsAssetFile' {
        (Complete 'Save-MsAssetFile -AssetId x -NameFrom ' | Sort-Object) | Should -Be @('Asset', 'File')
        Complete 'Save-MsAssetFile -AssetId x -Category CO' | Should -Be @('COVER')
    }

    It 'completes parameter names, common ones included' {
        Complete 'Save-MsAssetFile -Sk' | Should -Be @('-SkipExisting')
        Complete 'Wait-MsVideoTask -Tim' | Should -Be @('-Timeout')
        Complete 'Remove-MsAsset -Perm' | Should -Be @('-Permanent')
        Complete 'Get-MsAsset -ErrorV' | Should -Be @('-ErrorVariable')
    }
}
