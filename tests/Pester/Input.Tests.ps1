# Hostile input in a real shell (issue 11 item 1). Local paths: -Path expands wildcards against the file system provider,
# -LiteralPath does not, Get-ChildItem output binds by its PSPath, relative paths follow Set-Location, and a folder or
# a pattern that matches nothing is a clear error before any request. Nested configs: a hashtable that contains itself
# is an error naming the parameter, not a stack overflow that ends pwsh.
BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Import-Module (Get-MsTestModulePath) -Force -ErrorAction Stop
    $folder = (New-MsTestFolder 'paths').FullName
    foreach ($name in 'one.png', 'two.png', 'three[x].png') {
        [System.IO.File]::WriteAllBytes((Join-Path $folder $name), [byte[]](1, 2, 3, 4))
    }
    $emulator = Start-MsTestEmulator
    $session = Connect-MsTestEmulator -Emulator $emulator -WarningAction SilentlyContinue
}

AfterAll {
    Stop-MsTestEmulator $emulator
    [System.IO.Directory]::Delete($folder, $true)
    Remove-Module MetaStudio -ErrorAction SilentlyContinue
}

Describe 'Path parameters in a real shell' {
    It 'uploads every file a wildcard matches, from a path relative to the current location' {
        $asset = New-MsAsset -Name 'paths-wildcard' -Type VIDEO -Session $session
        Push-Location $folder
        try {
            $sent = Send-MsAssetFile -AssetId $asset.AssetId -Path '*o.png' -Category OTHER -Session $session
        } finally {
            Pop-Location
        }
        $sent.FileName | Should -Be @('two.png')
        $all = Send-MsAssetFile -AssetId $asset.AssetId -Path (Join-Path $folder '*e.png') -Category OTHER -Session $session
        $all.FileName | Should -Be @('one.png')
    }

    It 'takes Get-ChildItem output literally, brackets included' {
        $asset = New-MsAsset -Name 'paths-pipe' -Type VIDEO -Session $session
        $sent = Get-ChildItem -LiteralPath $folder -Filter '*.png' | Sort-Object Name |
            Send-MsAssetFile -AssetId $asset.AssetId -Category OTHER -Session $session
        $sent.FileName | Should -Be @('one.png', 'three[x].png', 'two.png')
    }

    It 'says a folder is a folder and a pattern that matches nothing matches nothing' {
        $asset = New-MsAsset -Name 'paths-bad' -Type VIDEO -Session $session
        { Send-MsAssetFile -AssetId $asset.AssetId -Path $folder -Session $session -ErrorAction Stop } |
            Should -Throw -ErrorId 'MetaStudio.PathIsDirectory*'
        { Send-MsAssetFile -AssetId $asset.AssetId -Path (Join-Path $folder '*.gif') -Session $session -ErrorAction Stop } |
            Should -Throw -ErrorId 'MetaStudio.FileNotFound*'
        (Get-Command Send-MsAssetFile).Parameters['LiteralPath'].Aliases | Should -Contain 'PSPath'
    }
}

Describe 'Nested configs in a real shell' {
    It 'refuses a hashtable that contains itself with an error naming the parameter, and the shell lives on' {
        $meta = @{ owner = 'me' }
        $meta.self = $meta
        $before = @(Get-MsAsset -Session $session).Count
        $result = New-MsAsset -Name 'loop' -Type IMAGE -ExtraMeta $meta -Session $session -ErrorVariable failed -ErrorAction SilentlyContinue
        $result | Should -BeNullOrEmpty
        $failed.Count | Should -Be 1
        $failed[0].FullyQualifiedErrorId | Should -BeLike 'MetaStudio.InvalidInput*'
        $failed[0].CategoryInfo.Category | Should -Be 'InvalidArgument'
        $failed[0].Exception.Message | Should -BeLike '*-ExtraMeta at self contains itself*'
        @(Get-MsAsset -Session $session).Count | Should -Be $before
    }
}
