<#
.SYNOPSIS
    Measures how long Import-Module MetaStudio takes in real pwsh: cold (the first import in a new
    process) and warm (a further import in a new runspace of a process that already has it, as
    ForEach-Object -Parallel does).
.DESCRIPTION
    Each cold sample is a new pwsh process that times only its Import-Module call (process start-up
    is not counted). Warm samples run in one process. Prints the median and range of each, in ms.
    Measures; asserts nothing (the machine may be shared).
.EXAMPLE
    dotnet pwsh -NoProfile -File tools/Measure-ImportTime.ps1
.EXAMPLE
    dotnet pwsh -NoProfile -File tools/Measure-ImportTime.ps1 -Manifest out/MetaStudio/MetaStudio.psd1 -Cold 9 -Warm 20
#>
[CmdletBinding()]
param(
    [string] $Manifest,
    [ValidateRange(1, 100)] [int] $Cold = 7,
    [ValidateRange(1, 100)] [int] $Warm = 15
)

$ErrorActionPreference = 'Stop'
if (-not $Manifest) {
    $artifacts = if ($env:MS_ARTIFACTS) { $env:MS_ARTIFACTS } else { Join-Path $PSScriptRoot '../artifacts' }
    $Manifest = Join-Path $artifacts 'module/MetaStudio/MetaStudio.psd1'
}
$Manifest = (Resolve-Path $Manifest).Path
$shell = (Get-Process -Id $PID).Path
# Run as a dotnet tool (dotnet pwsh), the process is dotnet and pwsh.dll is its first argument.
$shellArgs = @(if ([System.IO.Path]::GetFileNameWithoutExtension($shell) -eq 'dotnet') { Join-Path $PSHOME 'pwsh.dll' })

function Get-Stats([double[]] $ms) {
    $sorted = $ms | Sort-Object
    [pscustomobject]@{ Median = [math]::Round($sorted[[int][math]::Floor(($sorted.Count - 1) / 2)], 1); Min = [math]::Round($sorted[0], 1); Max = [math]::Round($sorted[-1], 1); Samples = $sorted.Count }
}

$quoted = $Manifest -replace "'", "''"
$coldScript = "`$sw = [Diagnostics.Stopwatch]::StartNew(); Import-Module '$quoted' -ErrorAction Stop; `$sw.Elapsed.TotalMilliseconds"
$coldSamples = foreach ($i in 1..$Cold) {
    $out = & $shell @shellArgs -NoProfile -NonInteractive -Command $coldScript
    if ($LASTEXITCODE -ne 0) { throw "Import failed in a new process: $out" }
    [double]($out | Select-Object -Last 1)
}

$warmScript = {
    param($Manifest, $Count)
    Import-Module $Manifest -ErrorAction Stop
    foreach ($i in 1..$Count) {
        $ps = [powershell]::Create()
        try {
            $sw = [Diagnostics.Stopwatch]::StartNew()
            $null = $ps.AddCommand('Import-Module').AddParameter('Name', $Manifest).AddParameter('ErrorAction', 'Stop').Invoke()
            $sw.Elapsed.TotalMilliseconds
        }
        finally { $ps.Dispose() }
    }
}
$warmSamples = & $shell @shellArgs -NoProfile -NonInteractive -Command "& { $warmScript } '$quoted' $Warm"
if ($LASTEXITCODE -ne 0) { throw "Warm imports failed: $warmSamples" }

$rows = @(
    (Get-Stats $coldSamples) | Select-Object @{ n = 'Import'; e = { 'cold: first in a new pwsh process' } }, Median, Min, Max, Samples
    (Get-Stats ([double[]]$warmSamples)) | Select-Object @{ n = 'Import'; e = { 'warm: a new runspace, module already loaded' } }, Median, Min, Max, Samples
)
"pwsh $($PSVersionTable.PSVersion), $Manifest (ms)"
$rows | Format-Table -AutoSize | Out-String -Width 200
