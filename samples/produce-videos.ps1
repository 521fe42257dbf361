<#
.SYNOPSIS
    Produces one avatar video per row of a CSV file, waits for all of them together, and outputs a results table.

.DESCRIPTION
    Reads a CSV with a header row and the columns name,text (the text may contain commas; surrounding
    double quotes are removed), starts a 2D avatar video task for each row with Start-MsVideoTask, waits
    for all tasks at once with Wait-MsVideoTask (a failed task is reported as an error and does not stop
    the others), and outputs one row per task: Name, JobId, State, AssetId, Duration.

    Credentials: pass -AccessKey and -SecretKey, or leave them out and set HUAWEICLOUD_SDK_AK,
    HUAWEICLOUD_SDK_SK (and HUAWEICLOUD_SDK_REGION), which Connect-MsService reads itself.

    -ModelAssetId and -VoiceAssetId are the avatar model and voice model asset ids of your tenant. Against
    the local emulator any well-formed id works (for example 'model-1' and 'voice-1'): the emulator does
    not check that those assets exist. Output asset names are the CSV names; on the real service they must
    be unique in the tenant.

.EXAMPLE
    ./produce-videos.ps1 -Endpoint http://127.0.0.1:5080/ -AccessKey EMULATORACCESSKEY0001 -SecretKey emulator-secret-key-0001 -ModelAssetId model-1 -VoiceAssetId voice-1
#>
[CmdletBinding()]
param(
    [string] $Region = $(if ($env:HUAWEICLOUD_SDK_REGION) { $env:HUAWEICLOUD_SDK_REGION } else { 'cn-north-4' }),
    [uri] $Endpoint,
    [string] $AccessKey,
    [string] $SecretKey,
    [string] $CsvPath = [IO.Path]::Combine($PSScriptRoot, 'texts.csv'),
    [Parameter(Mandatory = $true)] [string] $ModelAssetId,
    [Parameter(Mandatory = $true)] [string] $VoiceAssetId,
    [double] $PollIntervalSec = 10,
    [int] $TimeoutSec = 3600
)

$ErrorActionPreference = 'Stop'

$connect = @{ Region = $Region }
if ($Endpoint) { $connect.Endpoint = $Endpoint }
if ($AccessKey -and $SecretKey) {
    $connect.AccessKey = $AccessKey
    # A SecureString, so the key is not kept as plain text (and Connect-MsService does not warn about it).
    $connect.SecretKey = [System.Net.NetworkCredential]::new('', $SecretKey).SecurePassword
}
$null = Connect-MsService @connect

# Import-Csv is not available in every host; the file is simple enough to split by hand.
$rows = [Collections.Generic.List[object]]::new()
# .NET resolves relative paths against the process directory, not the PowerShell location.
$lines = [IO.File]::ReadAllLines($ExecutionContext.SessionState.Path.GetUnresolvedProviderPathFromPSPath($CsvPath))
for ($i = 0; $i -lt $lines.Length; $i++) {
    $line = $lines[$i].Trim()
    if ($line -eq '') { continue }
    $parts = $line.Split([char[]]',', 2)
    if ($parts.Length -lt 2) { throw "Line $($i + 1) of $CsvPath has no text column: '$line'." }
    $name = $parts[0].Trim().Trim('"')
    $text = $parts[1].Trim().Trim('"')
    # The first line is a header when it names the columns.
    if ($i -eq 0 -and $name -eq 'name' -and $text -eq 'text') { continue }
    $rows.Add([pscustomobject]@{ Name = $name; Text = $text })
}
if ($rows.Count -eq 0) { throw "$CsvPath has no rows." }

# Start every task first, then wait for all of them together: the wait polls them side by side.
$ErrorActionPreference = 'Continue'
$finished = $rows | ForEach-Object {
    Start-MsVideoTask -Text $_.Text -ModelAssetId $ModelAssetId -VoiceAssetId $VoiceAssetId -OutputAssetName $_.Name
} | Wait-MsVideoTask -PollIntervalSec $PollIntervalSec -Timeout $TimeoutSec

# Four columns show as a table; JobId stays on each row for scripts that need it.
$display = [Management.Automation.PSPropertySet]::new('DefaultDisplayPropertySet', [string[]]@('Name', 'State', 'AssetId', 'Duration'))
$standard = [Management.Automation.PSMemberSet]::new('PSStandardMembers', [Management.Automation.PSMemberInfo[]]@($display))
foreach ($task in $finished) {
    $row = [pscustomobject]@{
        Name     = $task.OutputAssetConfig.AssetName
        JobId    = $task.JobId
        State    = $task.State
        AssetId  = $task.AssetId
        Duration = $task.Duration
    }
    $row.PSObject.Members.Add($standard)
    $row
}
