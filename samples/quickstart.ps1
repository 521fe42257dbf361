<#
.SYNOPSIS
    MetaStudio quickstart: connect, create an asset, upload a file, list, update, remove, restore.

.DESCRIPTION
    Through the try runner (dotnet run --project tools/MetaStudio.Try) it runs against the local emulator, which
    the runner starts and points the HUAWEICLOUD_SDK_* variables at. Against the cloud set HUAWEICLOUD_SDK_AK,
    HUAWEICLOUD_SDK_SK and HUAWEICLOUD_SDK_REGION yourself, keep the keys in a credentials profile
    (Set-MsCredentialProfile), or pass -AccessKey and -SecretKey.

.EXAMPLE
    ./quickstart.ps1 -Region cn-north-4
#>
[CmdletBinding()]
param(
    [string] $Region = $(if ($env:HUAWEICLOUD_SDK_REGION) { $env:HUAWEICLOUD_SDK_REGION } else { 'cn-north-4' }),
    [string] $Endpoint,
    [string] $AccessKey,
    [string] $SecretKey
)

$ErrorActionPreference = 'Stop'

# 1. Connect. Without keys, Connect-MsService reads the HUAWEICLOUD_SDK_* variables.
$connect = @{ Region = $Region }
if ($Endpoint) { $connect.Endpoint = $Endpoint }
if ($AccessKey -and $SecretKey) {
    $connect.AccessKey = $AccessKey
    $connect.SecretKey = ConvertTo-SecureString $SecretKey -AsPlainText -Force
}
$session = Connect-MsService @connect
Write-Host "Connected to $($session.Region) as $($session.Identity)"

# 2. A small local file to upload: a 1x1 PNG.
$png = Join-Path ([IO.Path]::GetTempPath()) 'metastudio-quickstart.png'
[IO.File]::WriteAllBytes($png, [Convert]::FromBase64String('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg=='))

# 3. Create an image asset and upload the file (CreateFile, PUT with Content-MD5, ConfirmFileUpload).
$name = 'qs-' + (Get-Date -Format 'MMdd-HHmmss')
$asset = New-MsAsset -Name $name -Type IMAGE -Description 'Uploaded by the quickstart' -Tag quickstart
$asset | Send-MsAssetFile -Path $png | Out-Host

# A second asset to show filters and removal.
$spare = New-MsAsset -Name "$name-spare" -Type IMAGE -Tag quickstart

# 4. List and filter.
Write-Host "Assets named $name`:"
Get-MsAsset -Name $name | Out-Host
Write-Host 'Active images:'
Get-MsAsset -Name $name -Type IMAGE -State ACTIVED | Out-Host

# 5. Update one.
$updated = Set-MsAsset -AssetId $asset.AssetId -Description 'Updated by the quickstart' -Tag quickstart, updated
Write-Host "Updated tags: $($updated.Tags -join ', ')"

# 6. Remove the spare through the pipeline (to the recycle bin), show the bin, restore it.
Get-MsAsset -AssetId $spare.AssetId | Remove-MsAsset
Write-Host 'Recycle bin:'
Get-MsAsset -Name $name -State DELETING | Out-Host
Get-MsAsset -Name $name -State DELETING | Restore-MsAsset
Write-Host 'After restore:'
Get-MsAsset -Name $name | Select-Object AssetName, AssetState, AssetType, Tags | Format-Table -AutoSize | Out-Host

Remove-Item -LiteralPath $png
