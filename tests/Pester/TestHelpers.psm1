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

<# The staged module's parent folder: on PSModulePath, `Import-Module MetaStudio` and autoloading find the module. #>
function Get-MsTestModuleRoot { Split-Path (Split-Path (Get-MsTestModulePath) -Parent) -Parent }

<# The built try runner (tools/MetaStudio.Try), run with `dotnet <dll>`. #>
function Get-MsTestTryRunnerPath {
    if ($env:METASTUDIO_TRY_DLL) { return $env:METASTUDIO_TRY_DLL }
    Join-Path $script:Root 'artifacts/bin/MetaStudio.Try/debug/MetaStudio.Try.dll'
}

<#
.SYNOPSIS
    The command line that starts this same pwsh: the executable, and pwsh.dll when pwsh runs as a dotnet tool.
#>
function Get-MsTestPwshCommand {
    $self = (Get-Process -Id $PID).Path
    $dll = Join-Path $PSHOME 'pwsh.dll'
    if ((Split-Path $self -Leaf) -like 'dotnet*' -and (Test-Path $dll)) { return @($self, $dll) }
    , @($self)
}

<#
.SYNOPSIS
    Runs a program as a scheduler would: its own process, no console input, the module found through PSModulePath,
    and (with -Emulator) the HUAWEICLOUD_SDK_* variables pointing at a test emulator. Returns ExitCode, Output and
    Error (the text of standard output and standard error). A run past -TimeoutSec is killed and fails the test.
#>
function Invoke-MsTestProcess {
    param(
        [Parameter(Mandatory)] [string[]] $Command,
        [string[]] $ArgumentList = @(),
        $Emulator,
        [hashtable] $Environment = @{},
        [string] $WorkingDirectory = (Get-Location).Path,
        [int] $TimeoutSec = 180
    )
    $info = [System.Diagnostics.ProcessStartInfo]::new($Command[0])
    foreach ($a in @($Command | Select-Object -Skip 1) + $ArgumentList) { $info.ArgumentList.Add($a) }
    $info.WorkingDirectory = $WorkingDirectory
    $info.RedirectStandardOutput = $true
    $info.RedirectStandardError = $true
    $info.RedirectStandardInput = $true
    $info.UseShellExecute = $false
    $info.Environment['PSModulePath'] = (Get-MsTestModuleRoot) + [IO.Path]::PathSeparator + $env:PSModulePath
    $info.Environment['NO_COLOR'] = '1'
    if ($Emulator) {
        $info.Environment['HUAWEICLOUD_SDK_AK'] = $Emulator.AccessKey
        $info.Environment['HUAWEICLOUD_SDK_SK'] = $Emulator.SecretKey
        $info.Environment['HUAWEICLOUD_SDK_REGION'] = 'cn-north-4'
        $info.Environment['HUAWEICLOUD_SDK_REGION_METASTUDIO_CN_NORTH_4'] = $Emulator.BaseUri   # the official per-region endpoint variable
    }
    foreach ($key in $Environment.Keys) { $info.Environment[$key] = $Environment[$key] }
    $process = [System.Diagnostics.Process]::Start($info)
    $process.StandardInput.Close()
    $stdout = $process.StandardOutput.ReadToEndAsync()
    $stderr = $process.StandardError.ReadToEndAsync()
    if (-not $process.WaitForExit($TimeoutSec * 1000)) {
        $process.Kill($true)
        throw "$($Command -join ' ') $($ArgumentList -join ' ') did not end within $TimeoutSec s (a hang guard)."
    }
    $process.WaitForExit()
    [pscustomobject]@{ ExitCode = $process.ExitCode; Output = $stdout.Result; Error = $stderr.Result }
}

<# Runs a script file with `pwsh -NoProfile -NonInteractive -File`, as a scheduled task does. #>
function Invoke-MsTestPwsh {
    param([Parameter(Mandatory)] [string] $File, [string[]] $ArgumentList = @(), $Emulator, [hashtable] $Environment = @{}, [int] $TimeoutSec = 180)
    Invoke-MsTestProcess -Command (Get-MsTestPwshCommand) -ArgumentList (@('-NoProfile', '-NonInteractive', '-File', $File) + $ArgumentList) `
        -Emulator $Emulator -Environment $Environment -TimeoutSec $TimeoutSec
}

<# A fresh folder under the temporary folder, for a test's files. #>
function New-MsTestFolder {
    param([string] $Prefix = 'ms-pester')
    New-Item -ItemType Directory -Path (Join-Path ([IO.Path]::GetTempPath()) "$Prefix-$([guid]::NewGuid().ToString('N'))") -Force
}

<#
.SYNOPSIS
    Runs a script block in a new pwsh (Invoke-MsTestProcess) and returns its standard output lines; throws with
    its error output when it exits non-zero. For what one process cannot undo: import order, loaded assemblies,
    autoload from a fresh user scope.
#>
function Invoke-MsTestPwshScript {
    param(
        [Parameter(Mandatory)] [scriptblock] $ScriptBlock,
        [object[]] $ArgumentList = @(),
        [hashtable] $Environment = @{},
        [string] $WorkingDirectory = [System.IO.Path]::GetTempPath(),
        [int] $TimeoutSec = 300
    )
    $file = Join-Path ([System.IO.Path]::GetTempPath()) "ms-pwsh-$([guid]::NewGuid().ToString('N')).ps1"
    [System.IO.File]::WriteAllText($file, $ScriptBlock.ToString())
    try {
        $run = Invoke-MsTestProcess -Command (Get-MsTestPwshCommand) -WorkingDirectory $WorkingDirectory -TimeoutSec $TimeoutSec `
            -ArgumentList (@('-NoProfile', '-NonInteractive', '-File', $file) + @($ArgumentList | ForEach-Object { [string]$_ })) `
            -Environment (@{ POWERSHELL_TELEMETRY_OPTOUT = '1'; POWERSHELL_UPDATECHECK = 'Off' } + $Environment)
        if ($run.ExitCode -ne 0) { throw "The child pwsh exited with $($run.ExitCode):`n$($run.Error)`n$($run.Output)" }
        $run.Output -split '\r?\n' | Where-Object { $_ -ne '' }
    }
    finally {
        [System.IO.File]::Delete($file)
    }
}

Export-ModuleMember -Function Get-MsTestModulePath, Get-MsTestRoot, Start-MsTestEmulator, Stop-MsTestEmulator, Connect-MsTestEmulator,
    Get-MsTestModuleRoot, Get-MsTestTryRunnerPath, Get-MsTestPwshCommand, Invoke-MsTestProcess, Invoke-MsTestPwsh, New-MsTestFolder,
    Invoke-MsTestPwshScript, Get-MsTestNuGetPackageFolder
