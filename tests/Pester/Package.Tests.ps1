# The Gallery-ready package: the staged module (as built; nothing is rebuilt here) is published with
# Publish-PSResource to a temporary local repository, installed with Install-PSResource into a temporary
# user scope, and a new pwsh with no Import-Module finds and runs the cmdlets by autoload, also inside
# ForEach-Object -Parallel. The same functions do ./build.ps1 -Package and -Install (tools/ModulePackage.psm1).
# Every child pwsh gets the temporary home as its user scope, so the real user's modules and repository
# settings are never read or written (HOME and XDG_* redirect both on Linux and macOS; Windows keeps the
# user's Documents folder whatever the environment says, so the test is skipped there).
BeforeDiscovery {
    $skip = [bool]$IsWindows
}

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    $manifest = Get-MsTestModulePath
    $version = (Import-PowerShellDataFile $manifest).ModuleVersion
    $work = Join-Path ([System.IO.Path]::GetTempPath()) "ms-package-$([guid]::NewGuid().ToString('N'))"
    $userHome = Join-Path $work 'home'
    $repository = Join-Path $work 'repository'
    [void][System.IO.Directory]::CreateDirectory($userHome)
    $userScope = @{
        HOME            = $userHome
        XDG_DATA_HOME   = Join-Path $userHome '.local/share'
        XDG_CONFIG_HOME = Join-Path $userHome '.config'
        XDG_CACHE_HOME  = Join-Path $userHome '.cache'
        PSModulePath    = ''      # empty: the child computes its own (the temporary user scope, then the shared ones), not the staged module
    }
    function Invoke-UserPwsh([scriptblock] $ScriptBlock, [object[]] $ArgumentList = @()) {
        $json = Invoke-MsTestPwshScript -ScriptBlock $ScriptBlock -ArgumentList $ArgumentList -Environment $userScope -WorkingDirectory $work
        $json | Select-Object -Last 1 | ConvertFrom-Json
    }

    if (-not $IsWindows) {
        $emulator = Start-MsTestEmulator
        $published = Invoke-UserPwsh -ArgumentList (Join-Path (Get-MsTestRoot) 'tools/ModulePackage.psm1'), (Split-Path $manifest), $repository -ScriptBlock {
            param($Tools, $ModulePath, $Repository)
            $ErrorActionPreference = 'Stop'
            Import-Module $Tools
            $package = New-MsModulePackage -ModulePath $ModulePath -OutputDirectory $Repository
            $installed = Install-MsModulePackage -PackageDirectory $Repository
            @{ Package = $package.FullName; InstalledLocation = $installed.InstalledLocation; Version = "$($installed.Version)"
               Repositories = @(Get-PSResourceRepository).Name } | ConvertTo-Json -Compress
        }
        $connect = "`$s = Connect-MsService -Region cn-north-4 -Endpoint '$($emulator.BaseUri)' -AccessKey '$($emulator.AccessKey)' " +
            "-SecretKey (ConvertTo-SecureString '$($emulator.SecretKey)' -AsPlainText -Force)"
    }
}

AfterAll {
    if ($emulator) { Stop-MsTestEmulator $emulator }
    if ($work) { Remove-Item $work -Recurse -Force -ErrorAction SilentlyContinue }
}

Describe 'The MetaStudio package' -Skip:$skip {
    It 'is MetaStudio.<version>.nupkg with the whole module layout and the Gallery fields' {
        $published.Package | Should -Be (Join-Path $repository "MetaStudio.$version.nupkg")
        Add-Type -AssemblyName System.IO.Compression.FileSystem
        $zip = [System.IO.Compression.ZipFile]::OpenRead($published.Package)
        try {
            $entries = @($zip.Entries.FullName -replace '\\', '/')
            $nuspecEntry = $zip.Entries | Where-Object FullName -eq 'MetaStudio.nuspec'
            $reader = [System.IO.StreamReader]::new($nuspecEntry.Open())
            $nuspec = [xml]$reader.ReadToEnd()
            $reader.Dispose()
        }
        finally { $zip.Dispose() }
        foreach ($file in 'MetaStudio.psd1', 'MetaStudio.psm1', 'MetaStudio.PowerShell.dll', 'LICENSE', 'dependencies/Polly.Core.dll',
            'loader/core/MetaStudio.PowerShell.Loader.dll', 'loader/desktop/MetaStudio.PowerShell.Loader.dll',
            'en-US/MetaStudio.PowerShell.dll-Help.xml', 'formats/Assets.Format.ps1xml') {
            $entries | Should -Contain $file
        }
        $metadata = $nuspec.package.metadata
        $metadata.version | Should -Be $version
        $metadata.projectUrl | Should -Not -BeNullOrEmpty
        $metadata.licenseUrl | Should -Not -BeNullOrEmpty
        $metadata.releaseNotes | Should -Not -BeNullOrEmpty
        foreach ($tag in 'PSEdition_Core', 'PSEdition_Desktop', 'Windows', 'Linux', 'MacOS') { $metadata.tags -split ' ' | Should -Contain $tag }
    }

    It 'installs for the current user and leaves no repository registered' {
        $published.Version | Should -Be $version
        $published.InstalledLocation | Should -BeLike "$userHome*"
        @($published.Repositories | Where-Object { $_ -like 'MetaStudioLocal-*' }).Count | Should -Be 0
        [System.IO.File]::Exists((Join-Path $published.InstalledLocation "MetaStudio/$version/MetaStudio.psd1")) | Should -BeTrue
    }

    It 'autoloads in a new pwsh with no Import-Module' {
        $result = Invoke-UserPwsh -ArgumentList $connect -ScriptBlock {
            param($Connect)
            $ErrorActionPreference = 'Stop'
            $loadedAtStart = [bool](Get-Module MetaStudio)
            $command = Get-Command Get-MsAsset
            Invoke-Expression $Connect
            $asset = New-MsAsset -Name 'autoloaded' -Type IMAGE -Session $s
            @{ LoadedAtStart = $loadedAtStart; Source = $command.Source; ModuleBase = (Get-Module MetaStudio).ModuleBase
               Name = (Get-MsAsset -AssetId $asset.AssetId -Session $s).AssetName } | ConvertTo-Json -Compress
        }
        $result.LoadedAtStart | Should -BeFalse
        $result.Source | Should -Be 'MetaStudio'
        $result.ModuleBase | Should -BeLike "$userHome*"
        $result.Name | Should -Be 'autoloaded'
    }

    It 'autoloads inside ForEach-Object -Parallel runspaces' {
        $result = Invoke-UserPwsh -ArgumentList $connect -ScriptBlock {
            param($Connect)
            $ErrorActionPreference = 'Stop'
            $rows = 1..3 | ForEach-Object -ThrottleLimit 3 -Parallel {
                $ErrorActionPreference = 'Stop'
                Invoke-Expression $using:Connect
                $asset = New-MsAsset -Name "parallel-$_" -Type IMAGE -Session $s
                [pscustomobject]@{ Name = (Get-MsAsset -AssetId $asset.AssetId -Session $s).AssetName; ModuleBase = (Get-Module MetaStudio).ModuleBase }
            }
            @{ LoadedInParent = [bool](Get-Module MetaStudio); Rows = @($rows) } | ConvertTo-Json -Compress -Depth 3
        }
        $result.LoadedInParent | Should -BeFalse
        @($result.Rows.Name | Sort-Object) | Should -Be @('parallel-1', 'parallel-2', 'parallel-3')
        $result.Rows.ModuleBase | ForEach-Object { $_ | Should -BeLike "$userHome*" }
    }
}
