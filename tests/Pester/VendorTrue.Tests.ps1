# What a real shell shows of the vendor-true API: refusals that name the field, and Invoke-MsRequest's objects.
BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Import-Module (Get-MsTestModulePath) -Force -ErrorAction Stop
    $emulator = Start-MsTestEmulator
    $session = Connect-MsTestEmulator -Emulator $emulator
}

AfterAll {
    Disconnect-MsService -ErrorAction SilentlyContinue
    Stop-MsTestEmulator $emulator
    Remove-Module MetaStudio -ErrorAction SilentlyContinue
}

Describe 'Requests outside the official model' {
    It 'are refused before sending, naming the JSON path and what is allowed' {
        $err = $null
        New-MsVideoScript -Name 'pester-codec' -Text 'hi' -VideoConfig @{ codec = 'AV1' } -ErrorVariable err -ErrorAction SilentlyContinue
        $err.Count | Should -Be 1
        $err[0].FullyQualifiedErrorId | Should -BeLike 'MetaStudio.SpecViolation,*'
        $err[0].CategoryInfo.Category | Should -Be 'InvalidArgument'
        $err[0].Exception.Message | Should -Match ([regex]::Escape("`$.video_config.codec: 'AV1' is not a value of 'codec'. Allowed: H264, VP8, VP9, QTRLE."))
    }

    It 'mend what PowerShell users write the PowerShell way' {
        $script = New-MsVideoScript -Name 'pester-mend' -Text 'hi' -VideoConfig @{ Codec = 'vp9'; FrameRate = 30 }
        $script.VideoConfig.Codec | Should -Be 'VP9'
        $script.VideoConfig.FrameRate | Should -Be '30'
    }
}

Describe 'Invoke-MsRequest' {
    It 'answers PSCustomObjects with the API''s own names' {
        $null = New-MsAsset -Name 'pester-raw' -Type IMAGE
        $page = Invoke-MsRequest -Operation ListAssets -Query @{ name = 'pester-raw' }
        $page | Should -BeOfType [pscustomobject]
        $page.count | Should -Be 1
        ($page.assets | Select-Object -ExpandProperty asset_name) | Should -Be 'pester-raw'
    }

    It 'shows what it would send with -WhatIf and sends nothing' {
        $asset = Get-MsAsset -Name 'pester-raw'
        Invoke-MsRequest -Operation DeleteAsset -PathParameter @{ asset_id = $asset.AssetId } -WhatIf
        (Get-MsAsset -AssetId $asset.AssetId).AssetState | Should -Not -Be 'DELETING'
    }
}
