<#
.SYNOPSIS
    MetaStudio quickstart: connect, create an asset, upload a file, list, update, remove, restore.
.DESCRIPTION
    Uses only the module's cmdlets and .NET, so it runs in any PowerShell host. Against the local
    emulator pass -Endpoint, -AccessKey and -SecretKey; against the cloud set HUAWEICLOUD_SDK_AK,
    HUAWEICLOUD_SDK_SK and HUAWEICLOUD_SDK_REGION (and optionally HUAWEICLOUD_SDK_REGION_METASTUDIO_<REGION_ID>),
    or keep the keys in a credentials profile (Set-MsCredentialProfile).
#>
param(
    [string] $Region = $(if ($env:HUAWEICLOUD_SDK_REGION) { $env:HUAWEICLOUD_SDK_REGION } else { 'cn-north-4' }),
    [string] $Endpoint,
    [string] $AccessKey = $env:HUAWEICLOUD_SDK_AK,
    [string] $SecretKey = $env:HUAWEICLOUD_SDK_SK
)

$ErrorActionPreference = 'Stop'
# Text goes through Out-Default like the tables, so both print in order in any host.

# 1. Connect. Without explicit keys, Connect-MsService reads the HUAWEICLOUD_SDK_* variables.
$connect = @{ Region = $Region }
if ($Endpoint) { $connect.Endpoint = $Endpoint }
if ($AccessKey -and $SecretKey) {
    $connect.AccessKey = $AccessKey
    # A SecureString, so the key is not kept as plain text (and Connect-MsService does not warn about it).
    $connect.SecretKey = [System.Net.NetworkCredential]::new('', $SecretKey).SecurePassword
}
$session = Connect-MsService @connect
"Connected: $session" | Out-Default

# 2. A small local file to upload: a 1x1 PNG written with .NET.
$folder = [IO.Path]::Combine([IO.Path]::GetTempPath(), 'metastudio-quickstart')
[void][IO.Directory]::CreateDirectory($folder)
$png = [IO.Path]::Combine($folder, 'pixel.png')
[IO.File]::WriteAllBytes($png, [Convert]::FromBase64String('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg=='))

# 3. Create an image asset and upload the file (CreateFile, PUT with Content-MD5, ConfirmFileUpload).
$stamp = [datetime]::UtcNow.ToString('yyyyMMddHHmmss')
$asset = New-MsAsset -Name "quickstart-$stamp" -Type IMAGE -Description 'Uploaded by the quickstart' -Tag quickstart
$upload = $asset | Send-MsAssetFile -Path $png
$upload | Out-Default

# A second asset to show filters and removal.
$spare = New-MsAsset -Name "quickstart-$stamp-spare" -Type IMAGE -Tag quickstart

# 4. List and filter.
"Assets named quickstart-$stamp`:" | Out-Default
Get-MsAsset -Name "quickstart-$stamp" | Out-Default
'Active images:' | Out-Default
Get-MsAsset -Name "quickstart-$stamp" -Type IMAGE -State ACTIVED | Out-Default

# 5. Update one.
$updated = Set-MsAsset -AssetId $asset.AssetId -Description 'Updated by the quickstart' -Tag quickstart, updated
'Updated tags: ' + ($updated.Tags -join ', ') | Out-Default

# 6. Remove the spare through the pipeline (to the recycle bin), show the bin, restore it.
Get-MsAsset -AssetId $spare.AssetId | Remove-MsAsset -Confirm:$false
'Recycle bin:' | Out-Default
Get-MsAsset -Name "quickstart-$stamp" -State DELETING | Out-Default
Get-MsAsset -Name "quickstart-$stamp" -State DELETING | Restore-MsAsset
'After restore:' | Out-Default
Get-MsAsset -Name "quickstart-$stamp" | Out-Default
