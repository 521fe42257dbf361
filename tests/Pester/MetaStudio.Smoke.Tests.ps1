# Pester 5 smoke tests of the staged module in real pwsh (run by .ci/run through Invoke-Pester.ps1).
BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    $manifest = Get-MsTestModulePath
    Import-Module $manifest -Force -ErrorAction Stop
    $expected = @((Import-PowerShellDataFile $manifest).CmdletsToExport)
}

AfterAll {
    Remove-Module MetaStudio -ErrorAction SilentlyContinue
}

Describe 'MetaStudio module' {
    It 'exports every cmdlet of its manifest' {
        $commands = @(Get-Command -Module MetaStudio -CommandType Cmdlet)
        $commands.Count | Should -Be $expected.Count
        $commands.Name | Should -Contain 'Connect-MsService'
    }

    It 'has a written synopsis for every cmdlet' {
        $missing = Get-Command -Module MetaStudio -CommandType Cmdlet | Where-Object {
            $synopsis = (Get-Help $_.Name).Synopsis
            # Without help the engine shows the syntax, which starts with the cmdlet name.
            -not $synopsis -or $synopsis.Trim().StartsWith($_.Name)
        }
        @($missing).Name | Should -BeNullOrEmpty
    }

    It 'finds the about_MetaStudio topic' {
        (Get-Help about_MetaStudio | Out-String) | Should -Match 'HUAWEICLOUD_SDK_AK'
    }
}

Describe 'Against the emulator in real pwsh' {
    BeforeAll {
        $emulator = Start-MsTestEmulator
        $session = Connect-MsTestEmulator -Emulator $emulator
    }
    AfterAll {
        Disconnect-MsService -ErrorAction SilentlyContinue
        Stop-MsTestEmulator $emulator
    }

    It 'creates an asset and pipes it through the engine''s own cmdlets' {
        $created = New-MsAsset -Name 'pester-smoke' -Type IMAGE -Session $session
        $found = Get-MsAsset -Name 'pester-smoke' -Session $session | Where-Object AssetId -eq $created.AssetId | Select-Object -First 1
        $found.AssetName | Should -Be 'pester-smoke'
        ($found | ConvertTo-Json -Depth 3 | ConvertFrom-Json).AssetId | Should -Be $created.AssetId
    }
}
