<#
.SYNOPSIS
    Runs the Pester suite (tests/Pester/*.Tests.ps1) in real pwsh against the staged module.
.DESCRIPTION
    Imports Pester 5.7.1 from the NuGet package folder (restored by tools/Pester/Pester.Restore.csproj),
    points the tests at the staged module and the built emulator (tests start their own emulator
    processes through TestHelpers.psm1), writes NUnit XML to artifacts/test-results/pester.xml and
    prints one line "Pester: N passed, N failed". Exit code 1 when a test failed or none ran.
.EXAMPLE
    dotnet tool restore; dotnet restore tools/Pester/Pester.Restore.csproj; dotnet build MetaStudio.PowerShell.sln
    dotnet pwsh -NoProfile -File tests/Pester/Invoke-Pester.ps1
.EXAMPLE
    dotnet pwsh -NoProfile -File tests/Pester/Invoke-Pester.ps1 -Path tests/Pester/Views.Tests.ps1 -Output Detailed
#>
[CmdletBinding()]
param(
    [string[]] $Path = @($PSScriptRoot),
    [ValidateSet('None', 'Normal', 'Detailed', 'Diagnostic')]
    [string] $Output = 'Normal',
    [string] $Configuration = 'debug'
)

$ErrorActionPreference = 'Stop'
$root = (Resolve-Path (Join-Path $PSScriptRoot '../..')).Path
$artifacts = if ($env:MS_ARTIFACTS) { $env:MS_ARTIFACTS } else { Join-Path $root 'artifacts' }

# Where the module and emulator are, for TestHelpers.psm1 (environment, so child pwsh processes see them too).
if (-not $env:METASTUDIO_MODULE_MANIFEST) {
    $env:METASTUDIO_MODULE_MANIFEST = Join-Path $artifacts 'module/MetaStudio/MetaStudio.psd1'
}
if (-not $env:METASTUDIO_EMULATOR_DLL) {
    $env:METASTUDIO_EMULATOR_DLL = Join-Path $artifacts "bin/MetaStudio.Emulator/$($Configuration.ToLowerInvariant())/MetaStudio.Emulator.dll"
}
if (-not $env:METASTUDIO_TRY_DLL) {
    $env:METASTUDIO_TRY_DLL = Join-Path $artifacts "bin/MetaStudio.Try/$($Configuration.ToLowerInvariant())/MetaStudio.Try.dll"
}
# Nothing may leave this machine (the module refuses non-loopback destinations), and the developer's own
# credentials (HUAWEICLOUD_SDK_* variables, ~/.huaweicloud/credentials) and proxies are never seen by the tests.
$env:METASTUDIO_LOOPBACK_ONLY = '1'
Get-ChildItem env: | Where-Object {
    $_.Name -like 'HUAWEICLOUD_SDK_*' -or $_.Name -in 'HTTP_PROXY', 'HTTPS_PROXY', 'NO_PROXY', 'ALL_PROXY', 'METASTUDIO_CREDENTIAL_SOURCE', 'METASTUDIO_METADATA_ENDPOINT',
        'METASTUDIO_RATELIMIT_STORE', 'METASTUDIO_RATELIMIT_SHARE'
} |
    ForEach-Object { Remove-Item "env:$($_.Name)" }
$env:HUAWEICLOUD_SDK_CREDENTIALS_FILE = Join-Path ([System.IO.Path]::GetTempPath()) "metastudio-pester-no-credentials-$PID/credentials"

foreach ($file in $env:METASTUDIO_MODULE_MANIFEST, $env:METASTUDIO_EMULATOR_DLL, $env:METASTUDIO_TRY_DLL) {
    if (-not [System.IO.File]::Exists($file)) { throw "Not built: $file. Run 'dotnet build MetaStudio.PowerShell.sln' first." }
}

# Pester from the NuGet package folder: the restore-only project put it there.
Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
$packages = Get-MsTestNuGetPackageFolder
$pesterManifest = Join-Path $packages 'pester/5.7.1/tools/Pester.psd1'
if (-not [System.IO.File]::Exists($pesterManifest)) {
    throw "Pester 5.7.1 is not restored ($pesterManifest). Run 'dotnet restore tools/Pester/Pester.Restore.csproj'."
}
Import-Module $pesterManifest -Force

$results = Join-Path $artifacts 'test-results'
[System.IO.Directory]::CreateDirectory($results) | Out-Null

$config = New-PesterConfiguration
$config.Run.Path = $Path
$config.Run.PassThru = $true
$config.Output.Verbosity = $Output
$config.TestResult.Enabled = $true
$config.TestResult.OutputFormat = 'NUnitXml'
$config.TestResult.OutputPath = Join-Path $results 'pester.xml'

$run = Invoke-Pester -Configuration $config
$failed = $run.FailedCount + $run.FailedBlocksCount + $run.FailedContainersCount
"Pester: $($run.PassedCount) passed, $failed failed"
if ($failed -gt 0 -or $run.PassedCount -eq 0) { exit 1 }
exit 0
