# build.ps1 end to end, the way a contributor runs it: build, generate help, stage to out/MetaStudio. With
# -SkipTests (the suites run in CI already; a second run here would only double the time), then the staged copy
# is checked in a fresh pwsh: every cmdlet, its help and its format views.
BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    $root = Get-MsTestRoot
    $configuration = if ($env:METASTUDIO_EMULATOR_DLL -match '[\\/](release)[\\/]') { 'Release' } else { 'Debug' }
    $run = Invoke-MsTestPwsh -File (Join-Path $root 'build.ps1') -ArgumentList @('-Configuration', $configuration, '-SkipTests') -TimeoutSec 600
    $staged = Join-Path $root 'out/MetaStudio'
    $expected = @((Import-PowerShellDataFile (Get-MsTestModulePath)).CmdletsToExport)
}

Describe 'build.ps1 -SkipTests' {
    It 'builds and stages the module in out/MetaStudio' {
        $run.ExitCode | Should -Be 0 -Because "$($run.Output)$($run.Error)"
        $run.Output | Should -Match 'Module staged in'
        foreach ($file in 'MetaStudio.psd1', 'MetaStudio.PowerShell.dll', 'en-US/MetaStudio.PowerShell.dll-Help.xml', 'en-US/about_MetaStudio.help.txt') {
            Join-Path $staged $file | Should -Exist
        }
        @(Get-ChildItem -Path (Join-Path $staged 'formats') -Filter *.Format.ps1xml).Count | Should -Be @((Import-PowerShellDataFile (Join-Path $staged 'MetaStudio.psd1')).FormatsToProcess).Count
    }

    It 'stages a module that a fresh pwsh imports with every cmdlet, its help and its views' {
        $folder = New-MsTestFolder -Prefix 'ms-build'
        $check = Join-Path $folder 'check.ps1'
        Set-Content -LiteralPath $check -Value @"
Import-Module '$staged' -ErrorAction Stop
(Get-Command -Module MetaStudio -CommandType Cmdlet).Name | Sort-Object | ConvertTo-Json -Compress
(Get-Help Save-MsAssetFile).Synopsis
(Get-FormatData -TypeName MetaStudio.PowerShell.Assets.MsAsset).FormatViewDefinition.Name
"@
        $fresh = Invoke-MsTestPwsh -File $check
        Remove-Item -LiteralPath $folder -Recurse -Force
        $fresh.ExitCode | Should -Be 0 -Because $fresh.Error
        $lines = @($fresh.Output -split "`r?`n" | Where-Object { $_ })
        ($lines[0] | ConvertFrom-Json) | Should -Be @($expected | Sort-Object)
        $lines[1] | Should -Be "Downloads an asset's files."
        $lines[2] | Should -Be 'MetaStudio.PowerShell.Assets.MsAsset'
    }
}
