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

    It 'documents -ThrottleLimit on the cmdlets that take many ids or rows' {
        foreach ($name in 'Get-MsAsset', 'New-MsAsset', 'Set-MsAsset', 'Remove-MsAsset', 'Remove-MsProduct', 'New-MsProduct', 'Start-MsVideoTask', 'Copy-MsVideoScript') {
            (Get-Command $name).Parameters.Keys | Should -Contain 'ThrottleLimit'
            (Get-Help $name -Parameter ThrottleLimit | Out-String) | Should -Match 'in flight'
        }
        (Get-Help Get-MsAsset).syntax | Out-String | Should -Match 'ThrottleLimit'
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

    It 'keeps piped rows and ids in input order with several in flight (-ThrottleLimit)' {
        $rows = 1..6 | ForEach-Object { [pscustomobject]@{ Name = "pester-bulk-$_"; Type = 'IMAGE' } }
        $created = @($rows | New-MsAsset -Session $session -ThrottleLimit 3)
        $created.AssetName | Should -Be $rows.Name
        $read = @($created.AssetId + 'missingasset0001' | Get-MsAsset -Session $session -ThrottleLimit 3 -ErrorVariable failed -ErrorAction SilentlyContinue)
        $read.AssetId | Should -Be $created.AssetId
        $failed.Count | Should -Be 1
        $failed[0].TargetObject | Should -Be 'missingasset0001'
    }

    It 'creates piped products and starts piped video tasks as bulk creates, in input order' {
        $rows = 1..5 | ForEach-Object { [pscustomobject]@{ Name = "pester-bulk-product-$_" } }
        $products = @($rows | New-MsProduct -Session $session -ThrottleLimit 3)
        $products.Name | Should -Be $rows.Name
        @($products.ProductId | Select-Object -Unique).Count | Should -Be 5
        $scripts = @(1..4 | ForEach-Object { New-MsVideoScript -Name "pester-bulk-script-$_" -Text 'Hi' -ModelAssetId model-1 -VoiceAssetId voice-1 -Session $session })
        $tasks = @($scripts | Start-MsVideoTask -Session $session -ThrottleLimit 3 -Confirm:$false)
        $tasks.ScriptId | Should -Be $scripts.ScriptId
        $copies = @($scripts | Copy-MsVideoScript -Session $session -ThrottleLimit 3 -Confirm:$false)
        $copies.ScriptName | Should -Be ($scripts.ScriptName | ForEach-Object { "${_}_copy" })
    }
}
