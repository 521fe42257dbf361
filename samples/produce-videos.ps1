<#
.SYNOPSIS
    Makes one avatar video per row of a CSV file, saves the good ones and writes a results table.

.DESCRIPTION
    Reads a CSV with the columns Name and Text, starts one 2D avatar video task per row, waits for all of them
    together and saves each good video as <OutDir>/<Name>.mp4 as soon as it is done. Writes <OutDir>/results.csv
    with one row per input row (Name, State, JobId, AssetId, File, Error) and prints the same table.

    Exit code 1 when any row failed, else 0, so a scheduler sees the failure. The good videos are saved either
    way, and a rerun keeps the files already there (Save-MsAssetFile -SkipExisting). Names must be unique: each
    names a file and the video asset.

    Credentials: run Connect-MsService first, or set HUAWEICLOUD_SDK_AK, HUAWEICLOUD_SDK_SK and
    HUAWEICLOUD_SDK_REGION (the try runner points them at the local emulator). -ModelAssetId and -VoiceAssetId
    default to the first active avatar model (HUMAN_MODEL_2D) and voice model (VOICE_MODEL) asset of the tenant.
    Against the emulator any id works, and a row whose name contains FAIL fails.

.EXAMPLE
    ./produce-videos.ps1 -CsvPath ./texts.csv -OutDir ./videos -ModelAssetId $model -VoiceAssetId $voice

.EXAMPLE
    dotnet run --project tools/MetaStudio.Try -- samples/produce-videos.ps1 -CsvPath samples/texts-with-a-failure.csv -OutDir out/videos -ModelAssetId model-1 -VoiceAssetId voice-1
#>
[CmdletBinding()]
param(
    [Parameter(Mandatory)]
    [string] $CsvPath,

    [Parameter(Mandatory)]
    [string] $OutDir,

    [string] $ModelAssetId,

    [string] $VoiceAssetId,

    [double] $PollIntervalSec = 5,

    [int] $TimeoutSec = 3600
)

$ErrorActionPreference = 'Stop'

$rows = @(Import-Csv -LiteralPath $CsvPath)
if ($rows.Count -eq 0) { throw "$CsvPath has no rows." }
$missing = 'Name', 'Text' | Where-Object { $_ -notin $rows[0].PSObject.Properties.Name }
if ($missing) { throw "$CsvPath has no $($missing -join ' or ') column." }
$duplicates = $rows | Group-Object -Property Name | Where-Object Count -gt 1
if ($duplicates) { throw "Each Name must be unique (it names the file): $($duplicates.Name -join ', ')." }

if (-not $ModelAssetId) { $ModelAssetId = Get-MsAsset -Type HUMAN_MODEL_2D -State ACTIVED -First 1 | Select-Object -ExpandProperty AssetId }
if (-not $VoiceAssetId) { $VoiceAssetId = Get-MsAsset -Type VOICE_MODEL -State ACTIVED -First 1 | Select-Object -ExpandProperty AssetId }
if (-not $ModelAssetId -or -not $VoiceAssetId) { throw 'No active avatar or voice model asset was found: give -ModelAssetId and -VoiceAssetId.' }

New-Item -ItemType Directory -Path $OutDir -Force | Out-Null

# One result per input row, in input order, filled in as the rows go.
$results = [ordered]@{}
foreach ($row in $rows) {
    $results[$row.Name] = [pscustomobject]@{ Name = $row.Name; State = 'NOT_STARTED'; JobId = $null; AssetId = $null; File = $null; Error = $null }
}

# 1. Start every task first: a row that cannot start is recorded and the others go on.
$started = foreach ($row in $rows) {
    try {
        $task = Start-MsVideoTask -Text $row.Text -ModelAssetId $ModelAssetId -VoiceAssetId $VoiceAssetId -OutputAssetName $row.Name
        $results[$row.Name].JobId = $task.JobId
        $results[$row.Name].State = $task.State
        $task
    }
    catch {
        $results[$row.Name].Error = $_.Exception.Message
    }
}
$byJob = @{}
foreach ($result in $results.Values) { if ($result.JobId) { $byJob[$result.JobId] = $result } }

# 2. Wait for all of them together and save each good video the moment it is done. Failed tasks are not
#    output: their errors come after the successes and are collected in $failed.
$started | Wait-MsVideoTask -PollIntervalSec $PollIntervalSec -Timeout $TimeoutSec -ErrorAction SilentlyContinue -ErrorVariable failed |
    ForEach-Object {
        $result = $byJob[$_.JobId]
        $result.State = $_.State
        $result.AssetId = $_.AssetId
        try {
            $saved = $_ | Save-MsAssetFile -Destination $OutDir -Name $result.Name -Category MAIN -SkipExisting
            $result.File = $saved.Path
        }
        catch {
            $result.State = 'NOT_SAVED'
            $result.Error = $_.Exception.Message
        }
    }

# 3. The failures: the error says why, the task says how it ended (FAILED, BLOCK, CANCELED, or still running).
foreach ($e in $failed) {
    $result = $byJob["$($e.TargetObject)"]
    if (-not $result) { continue }
    $result.Error = $e.Exception.Message
    $task = Get-MsVideoTask -JobId $result.JobId -ErrorAction SilentlyContinue
    $result.State = if ($task) { $task.State } else { 'UNKNOWN' }
}

$results.Values | Export-Csv -LiteralPath (Join-Path $OutDir 'results.csv') -NoTypeInformation
$results.Values | Format-Table -Property Name, State, @{ Name = 'File'; Expression = { if ($_.File) { Split-Path $_.File -Leaf } } }, Error

$bad = @($results.Values | Where-Object { $_.State -ne 'SUCCEED' -or $_.Error })
if ($bad.Count -gt 0) {
    Write-Warning "$($bad.Count) of $($results.Count) video(s) failed: $($bad.Name -join ', ')."
    exit 1
}
exit 0
