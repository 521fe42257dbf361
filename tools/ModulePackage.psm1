# Packaging for build.ps1 -Package / -Install (and tests/Pester/Package.Tests.ps1): the staged module folder
# becomes <Name>.<Version>.nupkg through PSResourceGet's Publish-PSResource into a local folder repository,
# and is installed from there with Install-PSResource. Nothing goes to or comes from the internet.

function Assert-PSResourceGet {
    if (-not (Get-Command Publish-PSResource -ErrorAction SilentlyContinue)) {
        throw 'Packaging needs Microsoft.PowerShell.PSResourceGet 1.0+ (shipped with PowerShell 7.4+). In Windows PowerShell 5.1: Install-Module Microsoft.PowerShell.PSResourceGet -Scope CurrentUser, or run build.ps1 in pwsh.'
    }
}

# Publish-PSResource and Install-PSResource take a repository name, so a folder gets a registration for the
# duration of one call; it is removed afterwards, leaving the user's repository list as it was.
function Invoke-WithFolderRepository {
    param([Parameter(Mandatory)] [string] $Folder, [Parameter(Mandatory)] [scriptblock] $Action)
    Assert-PSResourceGet
    # (Named apart from the callers' variables: $Action runs in their scope chain.)
    $temporaryRepository = "MetaStudioLocal-$([guid]::NewGuid().ToString('N').Substring(0, 8))"
    Register-PSResourceRepository -Name $temporaryRepository -Uri ([System.IO.Path]::GetFullPath($Folder)) -Trusted
    try { & $Action $temporaryRepository }
    finally { Unregister-PSResourceRepository -Name $temporaryRepository }
}

<#
.SYNOPSIS
    Packs a staged module folder (with its manifest) into <OutputDirectory>/<Name>.<Version>.nupkg and returns the file.
#>
function New-MsModulePackage {
    [CmdletBinding()]
    param(
        [Parameter(Mandatory)] [string] $ModulePath,
        [Parameter(Mandatory)] [string] $OutputDirectory
    )
    $ModulePath = (Resolve-Path $ModulePath).Path
    $manifestPath = Join-Path $ModulePath "$(Split-Path $ModulePath -Leaf).psd1"
    $manifest = Import-PowerShellDataFile $manifestPath
    $name = [System.IO.Path]::GetFileNameWithoutExtension($manifestPath)
    [void][System.IO.Directory]::CreateDirectory($OutputDirectory)
    $package = Join-Path $OutputDirectory "$name.$($manifest.ModuleVersion).nupkg"
    # A repository refuses a version it already has; a rebuild replaces the package.
    if ([System.IO.File]::Exists($package)) { [System.IO.File]::Delete($package) }
    Invoke-WithFolderRepository -Folder $OutputDirectory -Action {
        param($repository)
        Publish-PSResource -Path $ModulePath -Repository $repository
    }
    if (-not [System.IO.File]::Exists($package)) { throw "Publish-PSResource did not write $package." }
    Get-Item $package
}

<#
.SYNOPSIS
    Installs a module for the current user from a folder of packages made by New-MsModulePackage; returns the installed resource.
#>
function Install-MsModulePackage {
    [CmdletBinding()]
    param(
        [Parameter(Mandatory)] [string] $PackageDirectory,
        [string] $Name = 'MetaStudio',
        [string] $Version
    )
    Invoke-WithFolderRepository -Folder $PackageDirectory -Action {
        param($repository)
        $install = @{ Name = $Name; Repository = $repository; Scope = 'CurrentUser'; TrustRepository = $true; Reinstall = $true; PassThru = $true }
        if ($Version) { $install.Version = $Version }
        Install-PSResource @install
    }
}

Export-ModuleMember -Function New-MsModulePackage, Install-MsModulePackage
