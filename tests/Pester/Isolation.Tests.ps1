# The module's dependencies live in a private load context on PowerShell 7: another module that ships its
# own Polly.Core (here the net8.0 build, using the runtime's TimeProvider) works beside MetaStudio, imported
# before it or after it, and MetaStudio keeps working on its own copy. Each order runs in a new pwsh process,
# because loaded assemblies cannot be unloaded.
BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    $manifest = Get-MsTestModulePath
    $moduleBase = Split-Path $manifest

    # The neighbour: Fixtures/OtherPolly.cs compiled against Polly.Core 8.9.1's net8.0 build, with that
    # Polly.Core.dll next to it, as such a module ships. Compiled in a child so this process never loads it.
    $work = Join-Path ([System.IO.Path]::GetTempPath()) "ms-isolation-$([guid]::NewGuid().ToString('N'))"
    $otherFolder = Join-Path $work 'OtherPolly'
    [void][System.IO.Directory]::CreateDirectory($otherFolder)
    $pollyNet8 = Join-Path (Get-MsTestNuGetPackageFolder) 'polly.core/8.9.1/lib/net8.0/Polly.Core.dll'
    Copy-Item $pollyNet8 $otherFolder
    $otherDll = Join-Path $otherFolder 'OtherPolly.dll'
    Invoke-MsTestPwshScript -ArgumentList (Join-Path $PSScriptRoot 'Fixtures/OtherPolly.cs'), (Join-Path $otherFolder 'Polly.Core.dll'), $otherDll -ScriptBlock {
        param($Source, $Polly, $Out)
        Add-Type -TypeDefinition ([System.IO.File]::ReadAllText($Source)) -ReferencedAssemblies $Polly, ([psobject].Assembly.Location) `
            -OutputAssembly $Out -OutputType Library -IgnoreWarnings
    } | Out-Null

    $emulator = Start-MsTestEmulator

    # One process: import both modules in the given order, use each, report which Polly.Core each ran on.
    $scenario = {
        param($Order, $Manifest, $OtherDll, $Helpers, $BaseUri, $AccessKey, $SecretKey)
        $ErrorActionPreference = 'Stop'
        Import-Module $Helpers
        $emulator = [pscustomobject]@{ BaseUri = $BaseUri; AccessKey = $AccessKey; SecretKey = $SecretKey }
        $report = [ordered]@{}
        function Use-MetaStudio([string] $Step) {
            $session = Connect-MsTestEmulator -Emulator $emulator
            $asset = New-MsAsset -Name "isolation-$Order-$Step" -Type IMAGE -Session $session
            $report[$Step] = (Get-MsAsset -AssetId $asset.AssetId -Session $session).AssetName
        }
        function Use-Other([string] $Step) { $report[$Step] = Invoke-OtherPolly }

        if ($Order -eq 'MetaStudioFirst') {
            Import-Module $Manifest
            Use-MetaStudio 'MetaStudioAlone'
            Import-Module $OtherDll
            Use-Other 'Other'
        }
        else {
            Import-Module $OtherDll
            Use-Other 'Other'
            Import-Module $Manifest
        }
        Use-MetaStudio 'MetaStudio'
        Use-Other 'OtherAgain'

        $contextOf = { param($a) [System.Runtime.Loader.AssemblyLoadContext]::GetLoadContext($a).Name }
        $report.Polly = @([System.AppDomain]::CurrentDomain.GetAssemblies() | Where-Object { $_.GetName().Name -eq 'Polly.Core' } |
            ForEach-Object { [pscustomobject]@{ Location = $_.Location; Context = & $contextOf $_ } })
        $report.CmdletContext = & $contextOf (Get-Command Get-MsAsset).ImplementingType.Assembly
        # Everything of ours in the shared (default) context: only the loader may be there.
        $moduleBase = Split-Path $Manifest
        $report.OursInDefault = @([System.AppDomain]::CurrentDomain.GetAssemblies() |
            Where-Object { -not $_.IsDynamic -and $_.Location.StartsWith($moduleBase) -and (& $contextOf $_) -eq 'Default' } |
            ForEach-Object { [System.IO.Path]::GetFileName($_.Location) })
        $report | ConvertTo-Json -Depth 4 -Compress
    }
    function Invoke-Scenario([string] $Order) {
        $json = Invoke-MsTestPwshScript -ScriptBlock $scenario -ArgumentList $Order, $manifest, $otherDll, (Join-Path $PSScriptRoot 'TestHelpers.psm1'),
            $emulator.BaseUri, $emulator.AccessKey, $emulator.SecretKey
        $json | Select-Object -Last 1 | ConvertFrom-Json
    }
}

AfterAll {
    Stop-MsTestEmulator $emulator
    if ($work) { Remove-Item $work -Recurse -Force -ErrorAction SilentlyContinue }
}

Describe 'Beside a module that ships Polly.Core for .NET 8' -ForEach @(
    @{ Order = 'MetaStudioFirst' }
    @{ Order = 'OtherFirst' }
) {
    BeforeAll {
        $report = Invoke-Scenario $Order
    }

    It '<Order>: the other module builds its TimeProvider pipeline, before and after MetaStudio ran' {
        $report.Other.Answer | Should -Be 42
        $report.OtherAgain.Answer | Should -Be 42
        $report.Other.PollyLocation | Should -Be (Join-Path $otherFolder 'Polly.Core.dll')
    }

    It '<Order>: MetaStudio works beside it' {
        $report.MetaStudio | Should -Be "isolation-$Order-MetaStudio"
        if ($Order -eq 'MetaStudioFirst') { $report.MetaStudioAlone | Should -Be "isolation-$Order-MetaStudioAlone" }
    }

    It '<Order>: each runs on its own Polly.Core, ours in the private context' {
        $report.Polly.Count | Should -Be 2
        ($report.Polly | Where-Object Context -eq 'Default').Location | Should -Be (Join-Path $otherFolder 'Polly.Core.dll')
        ($report.Polly | Where-Object Context -eq 'MetaStudio').Location | Should -Be (Join-Path $moduleBase 'dependencies/Polly.Core.dll')
        $report.CmdletContext | Should -Be 'MetaStudio'
    }

    It '<Order>: only the loader of the module is in the shared context' {
        $report.OursInDefault | Should -Be @('MetaStudio.PowerShell.Loader.dll')
    }
}

Describe 'Importing again in the same session' {
    It 'brings the cmdlets back after Import-Module -Force and after Remove-Module, on the same assembly' {
        # PSModulePath without the staged module, so autoloading cannot stand in for a re-import that brought nothing back.
        $json = Invoke-MsTestPwshScript -ArgumentList $manifest -Environment @{ PSModulePath = '' } -ScriptBlock {
            param($Manifest)
            $ErrorActionPreference = 'Stop'
            $counts = @()
            Import-Module $Manifest
            $first = (Get-Command Get-MsAsset).ImplementingType.Assembly
            $counts += @(Get-Command -Module MetaStudio).Count
            Import-Module $Manifest -Force
            $counts += @(Get-Command -Module MetaStudio).Count
            Remove-Module MetaStudio
            $counts += @(Get-Command -Module MetaStudio -ErrorAction Ignore).Count + @(Get-Module MetaStudio).Count
            Import-Module $Manifest
            $counts += @(Get-Command -Module MetaStudio).Count
            @{ Counts = $counts; Same = [object]::ReferenceEquals($first, (Get-Command Get-MsAsset).ImplementingType.Assembly)
               Copies = @([System.AppDomain]::CurrentDomain.GetAssemblies() | Where-Object { $_.GetName().Name -eq 'MetaStudio.PowerShell' }).Count } |
                ConvertTo-Json -Compress
        }
        $result = $json | Select-Object -Last 1 | ConvertFrom-Json
        $exported = @((Import-PowerShellDataFile $manifest).CmdletsToExport).Count
        $result.Counts | Should -Be @($exported, $exported, 0, $exported)
        $result.Same | Should -BeTrue
        $result.Copies | Should -Be 1
    }
}
