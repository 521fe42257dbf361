# Shared by the Pester suite: the staged module's path, and emulator processes on loopback.
# Invoke-Pester.ps1 sets METASTUDIO_MODULE_MANIFEST and METASTUDIO_EMULATOR_DLL.

$script:Root = (Resolve-Path (Join-Path $PSScriptRoot '../..')).Path

function Get-MsTestModulePath {
    if ($env:METASTUDIO_MODULE_MANIFEST) { return $env:METASTUDIO_MODULE_MANIFEST }
    Join-Path $script:Root 'artifacts/module/MetaStudio/MetaStudio.psd1'
}

function Get-MsTestRoot { $script:Root }

<#
.SYNOPSIS
    Starts the built emulator in a child process on a free loopback port and returns
    @{ Process; BaseUri; AccessKey; SecretKey }. Extra arguments go to the emulator's command line.
#>
function Start-MsTestEmulator {
    param([string[]] $ArgumentList = @())
    $dll = if ($env:METASTUDIO_EMULATOR_DLL) { $env:METASTUDIO_EMULATOR_DLL } else {
        Join-Path $script:Root 'artifacts/bin/MetaStudio.Emulator/debug/MetaStudio.Emulator.dll'
    }
    $info = [System.Diagnostics.ProcessStartInfo]::new('dotnet')
    $info.ArgumentList.Add($dll)
    $info.ArgumentList.Add('--port')
    $info.ArgumentList.Add('0')
    foreach ($a in $ArgumentList) { $info.ArgumentList.Add($a) }
    $info.RedirectStandardOutput = $true
    $info.RedirectStandardError = $true
    $info.UseShellExecute = $false
    $process = [System.Diagnostics.Process]::Start($info)
    # The first line names the address: "MetaStudio emulator listening on http://127.0.0.1:PORT/".
    $read = $process.StandardOutput.ReadLineAsync()
    if (-not $read.Wait(30000) -or $null -eq $read.Result) {
        if (-not $process.HasExited) { $process.Kill() }
        throw "The emulator did not start: $($process.StandardError.ReadToEnd())"
    }
    if ($read.Result -notmatch 'listening on (\S+)') { $process.Kill(); throw "Unexpected emulator output: $($read.Result)" }
    [pscustomobject]@{
        Process   = $process
        BaseUri   = $Matches[1]
        AccessKey = 'EMULATORACCESSKEY0001'
        SecretKey = 'emulator-secret-key-0001'
    }
}

function Stop-MsTestEmulator {
    param($Emulator)
    if ($null -eq $Emulator -or $Emulator.Process.HasExited) { return }
    $Emulator.Process.Kill()
    $Emulator.Process.WaitForExit(5000) | Out-Null
}

<# Connects to a test emulator the way a user would, with the secret key as a SecureString. #>
function Connect-MsTestEmulator {
    param([Parameter(Mandatory)] $Emulator, [string] $Region = 'cn-north-4', [hashtable] $Extra = @{})
    $secret = ConvertTo-SecureString $Emulator.SecretKey -AsPlainText -Force
    Connect-MsService -Region $Region -Endpoint $Emulator.BaseUri -AccessKey $Emulator.AccessKey -SecretKey $secret @Extra
}

Export-ModuleMember -Function Get-MsTestModulePath, Get-MsTestRoot, Start-MsTestEmulator, Stop-MsTestEmulator, Connect-MsTestEmulator
