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

<# The NuGet package folder (where Pester and the module's packages were restored). #>
function Get-MsTestNuGetPackageFolder {
    if ($env:NUGET_PACKAGES) { return $env:NUGET_PACKAGES }
    ((& dotnet nuget locals global-packages --list) -replace '^global-packages:\s*', '').Trim()
}

<#
.SYNOPSIS
    Runs a script block in a new pwsh process (the same pwsh as this one) and returns its output lines.
    For what one process cannot undo: import order, assembly loading, autoload from a fresh user scope.
    -Environment sets (or, with $null, removes) variables for the child only. Throws with the child's
    error output when it exits non-zero; -TimeoutSeconds is a hang guard only.
#>
function Invoke-MsTestPwsh {
    param(
        [Parameter(Mandatory)] [scriptblock] $ScriptBlock,
        [object[]] $ArgumentList = @(),
        [hashtable] $Environment = @{},
        [string] $WorkingDirectory = [System.IO.Path]::GetTempPath(),
        [int] $TimeoutSeconds = 300
    )
    $script = [System.IO.Path]::Combine([System.IO.Path]::GetTempPath(), "ms-pwsh-$([guid]::NewGuid().ToString('N')).ps1")
    [System.IO.File]::WriteAllText($script, $ScriptBlock.ToString())
    try {
        $shell = (Get-Process -Id $PID).Path
        $info = [System.Diagnostics.ProcessStartInfo]::new($shell)
        # Run as a dotnet tool (dotnet pwsh), this process is dotnet and pwsh.dll its first argument.
        if ([System.IO.Path]::GetFileNameWithoutExtension($shell) -eq 'dotnet') { $info.ArgumentList.Add((Join-Path $PSHOME 'pwsh.dll')) }
        foreach ($a in '-NoProfile', '-NonInteractive', '-File', $script) { $info.ArgumentList.Add($a) }
        foreach ($a in $ArgumentList) { $info.ArgumentList.Add([string]$a) }
        $info.WorkingDirectory = $WorkingDirectory
        $info.RedirectStandardOutput = $true
        $info.RedirectStandardError = $true
        $info.UseShellExecute = $false
        $info.Environment['POWERSHELL_TELEMETRY_OPTOUT'] = '1'
        $info.Environment['POWERSHELL_UPDATECHECK'] = 'Off'
        $info.Environment['NO_COLOR'] = '1'
        foreach ($key in $Environment.Keys) {
            if ($null -eq $Environment[$key]) { [void]$info.Environment.Remove($key) } else { $info.Environment[$key] = [string]$Environment[$key] }
        }
        $process = [System.Diagnostics.Process]::Start($info)
        $stdout = $process.StandardOutput.ReadToEndAsync()
        $stderr = $process.StandardError.ReadToEndAsync()
        if (-not $process.WaitForExit($TimeoutSeconds * 1000)) {
            $process.Kill($true)
            throw "The child pwsh did not finish within $TimeoutSeconds s."
        }
        $process.WaitForExit()
        if ($process.ExitCode -ne 0) {
            throw "The child pwsh exited with $($process.ExitCode):`n$($stderr.Result)`n$($stdout.Result)"
        }
        $stdout.Result -split '\r?\n' | Where-Object { $_ -ne '' }
    }
    finally {
        [System.IO.File]::Delete($script)
    }
}

Export-ModuleMember -Function Get-MsTestModulePath, Get-MsTestRoot, Start-MsTestEmulator, Stop-MsTestEmulator, Connect-MsTestEmulator, Invoke-MsTestPwsh, Get-MsTestNuGetPackageFolder
