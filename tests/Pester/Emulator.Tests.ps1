# The emulator as a process, the way tests, samples and users start it: `--port 0` takes a free port and says
# which, and SIGTERM or Ctrl+C (SIGINT) stop it cleanly.
BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Import-Module (Get-MsTestModulePath) -Force

    # Sends a POSIX signal the way a service manager (SIGTERM) or a terminal's Ctrl+C (SIGINT) does.
    function Send-Signal([System.Diagnostics.Process] $Process, [string] $Signal) {
        $kill = Start-Process -FilePath 'kill' -ArgumentList "-$Signal", $Process.Id -PassThru -Wait
        $kill.ExitCode | Should -Be 0
    }
}

Describe 'Emulator process' {
    It '--port 0 takes a free port, prints it, and serves there' {
        $a = Start-MsTestEmulator
        $b = Start-MsTestEmulator
        try {
            $a.BaseUri | Should -Match '^http://127\.0\.0\.1:(\d+)/$'
            $portA = [int]([uri]$a.BaseUri).Port
            $portB = [int]([uri]$b.BaseUri).Port
            $portA | Should -Not -Be 0
            $portA | Should -Not -Be $portB
            $session = Connect-MsTestEmulator -Emulator $b
            (New-MsAsset -Name 'port-zero' -Type IMAGE -Session $session).AssetName | Should -Be 'port-zero'
        }
        finally {
            Stop-MsTestEmulator $a
            Stop-MsTestEmulator $b
        }
    }

    It 'stops on <Signal> and exits 0' -Skip:$IsWindows -ForEach @(@{ Signal = 'TERM' }, @{ Signal = 'INT' }) {
        $emulator = Start-MsTestEmulator
        try {
            Send-Signal $emulator.Process $Signal
            # A hang guard, not a timing assertion: the emulator stops at once, within 2 s when the machine is idle.
            $emulator.Process.WaitForExit(15000) | Should -BeTrue -Because "the emulator must end on SIG$Signal"
            $emulator.Process.ExitCode | Should -Be 0
        }
        finally { Stop-MsTestEmulator $emulator }
    }

    It 'refuses a port that is not a number' {
        $dll = if ($env:METASTUDIO_EMULATOR_DLL) { $env:METASTUDIO_EMULATOR_DLL } else { Join-Path (Get-MsTestRoot) 'artifacts/bin/MetaStudio.Emulator/debug/MetaStudio.Emulator.dll' }
        $run = Invoke-MsTestProcess -Command 'dotnet' -ArgumentList @($dll, '--port', 'eighty') -TimeoutSec 60
        $run.ExitCode | Should -Be 2
        $run.Error | Should -Match '--port needs a number'
    }
}
