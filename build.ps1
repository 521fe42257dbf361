<#
.SYNOPSIS
    Builds, documents, tests and stages the MetaStudio module.
.DESCRIPTION
    1. Help: when the PlatyPS module is installed, New-ExternalHelp turns docs/*.md into en-US/;
       otherwise the build's own converter (tools/HelpBuilder) does it during dotnet build.
    2. dotnet build of the solution (this also stages artifacts/module/MetaStudio).
    3. dotnet test, unless -SkipTests.
    4. Copies the staged module to out/MetaStudio.
    5. Unless -SkipTests, in PowerShell 7: the Pester suite (tests/Pester, Pester 5.7.1 restored from NuGet)
       against out/MetaStudio.
    6. -Package: out/packages/MetaStudio.<version>.nupkg, made by Publish-PSResource into that folder as a
       local repository (tools/ModulePackage.psm1). -Install (implies -Package): installs that package for the
       current user with Install-PSResource, so that `Get-MsAsset` autoloads in every new session and in
       ForEach-Object -Parallel runspaces.
    Works in Windows PowerShell 5.1 and PowerShell 7.4+ (-Package and -Install need PSResourceGet, which
    PowerShell 7.4+ ships). Needs the .NET 10 SDK.
.EXAMPLE
    ./build.ps1 -Configuration Release -SkipTests
.EXAMPLE
    ./build.ps1 -SkipTests -Install
#>
[CmdletBinding()]
param(
    [ValidateSet('Debug', 'Release')]
    [string] $Configuration = 'Release',

    [switch] $SkipTests,

    # Also make out/packages/MetaStudio.<version>.nupkg.
    [switch] $Package,

    # Also install that package for the current user (implies -Package).
    [switch] $Install
)

$ErrorActionPreference = 'Stop'
Set-StrictMode -Version 3.0

# Arguments come as one string array so that -c, -p:Name=Value and --no-build reach dotnet untouched
# instead of being parsed as PowerShell parameters.
function Invoke-Dotnet {
    param([string[]] $Arguments)
    Write-Host "dotnet $($Arguments -join ' ')" -ForegroundColor Cyan
    & dotnet @Arguments
    if ($LASTEXITCODE -ne 0) { throw "dotnet $($Arguments -join ' ') failed (exit code $LASTEXITCODE)." }
}

$root = $PSScriptRoot
$artifacts = if ($env:MS_ARTIFACTS) { $env:MS_ARTIFACTS } else { Join-Path $root 'artifacts' }
$staged = Join-Path (Join-Path $artifacts 'module') 'MetaStudio'
$out = Join-Path (Join-Path $root 'out') 'MetaStudio'
$packages = Join-Path (Join-Path $root 'out') 'packages'

if (-not (Get-Command dotnet -ErrorAction SilentlyContinue)) {
    throw 'The .NET SDK (dotnet) is required: https://dot.net'
}

Push-Location $root
try {
    # Help first, so the build stages whichever help was made.
    $buildProperties = @()
    $platyPS = Get-Module -ListAvailable -Name PlatyPS | Sort-Object Version -Descending | Select-Object -First 1
    if ($platyPS) {
        Write-Host "Generating help with PlatyPS $($platyPS.Version)" -ForegroundColor Cyan
        Import-Module $platyPS -Force
        New-ExternalHelp -Path (Join-Path $root 'docs') -OutputPath (Join-Path $root 'en-US') -Force | Out-Null
        $buildProperties += '-p:SkipHelpGeneration=true'
    }
    else {
        Write-Host 'PlatyPS is not installed: the build converts docs/*.md with tools/HelpBuilder.' -ForegroundColor Cyan
    }

    $solution = Join-Path $root 'MetaStudio.PowerShell.sln'
    Invoke-Dotnet -Arguments (@('build', $solution, '-c', $Configuration) + $buildProperties)

    if (-not $SkipTests) {
        Invoke-Dotnet -Arguments @('test', $solution, '-c', $Configuration, '--no-build')
    }

    if (-not (Test-Path (Join-Path $staged 'MetaStudio.psd1'))) {
        throw "The build did not stage the module in $staged."
    }
    if (Test-Path $out) { Remove-Item $out -Recurse -Force }
    New-Item -ItemType Directory -Path $out -Force | Out-Null
    # psd1, assemblies, formats/ and en-US/ exactly as staged by the build.
    Copy-Item -Path (Join-Path $staged '*') -Destination $out -Recurse -Force

    if (-not $SkipTests) {
        if ($PSVersionTable.PSVersion.Major -ge 7) {
            # The Pester suite (Pester 5.7.1 from NuGet) in a child pwsh, so the module is not left loaded
            # (and locked) in this session; it tests the staged copy and starts its own emulator processes.
            Invoke-Dotnet -Arguments @('restore', (Join-Path (Join-Path (Join-Path $root 'tools') 'Pester') 'Pester.Restore.csproj'))
            $runner = Join-Path (Join-Path (Join-Path $root 'tests') 'Pester') 'Invoke-Pester.ps1'
            $shell = @((Get-Process -Id $PID).Path)
            if ((Split-Path $shell[0] -Leaf) -like 'dotnet*') { $shell += Join-Path $PSHOME 'pwsh.dll' }   # pwsh as a dotnet tool
            $env:METASTUDIO_MODULE_MANIFEST = Join-Path $out 'MetaStudio.psd1'
            try {
                & $shell[0] @($shell | Select-Object -Skip 1) -NoProfile -NonInteractive -File $runner -Configuration $Configuration
                if ($LASTEXITCODE -ne 0) { throw "The Pester suite failed (exit code $LASTEXITCODE)." }
            }
            finally {
                Remove-Item Env:METASTUDIO_MODULE_MANIFEST -ErrorAction SilentlyContinue
            }
        }
        else {
            Write-Host 'The Pester suite needs PowerShell 7 (pwsh): skipped in Windows PowerShell.' -ForegroundColor Yellow
        }
    }

    if ($Package -or $Install) {
        Import-Module (Join-Path (Join-Path $root 'tools') 'ModulePackage.psm1') -Force
        $nupkg = New-MsModulePackage -ModulePath $out -OutputDirectory $packages
        Write-Host "Package: $($nupkg.FullName)" -ForegroundColor Green
        if ($Install) {
            $installed = Install-MsModulePackage -PackageDirectory $packages -Version (Import-PowerShellDataFile (Join-Path $out 'MetaStudio.psd1')).ModuleVersion
            Write-Host "Installed MetaStudio $($installed.Version) for the current user in $($installed.InstalledLocation)" -ForegroundColor Green
        }
    }
}
finally {
    Pop-Location
}

Write-Host ''
Write-Host "Module staged in $out" -ForegroundColor Green
if ($Install) {
    Write-Host 'Use it in any new session (it loads on first use): Get-Help about_MetaStudio'
}
else {
    Write-Host 'Use it with:'
    Write-Host '    Import-Module ./out/MetaStudio'
    Write-Host '    Get-Help about_MetaStudio'
}
