# The scheduler patterns of about_MetaStudio, run as a scheduler runs them (pwsh -File, no console, exit code
# read): every good video is saved before a failure stops the script, a failure gives exit code 1, and a failed
# task never reaches Save-MsAssetFile.
BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    $emulator = Start-MsTestEmulator
    $work = New-MsTestFolder -Prefix 'ms-unattended'

    function Invoke-VideoScript([string] $Name, [string] $Body, [string[]] $Videos) {
        $dir = Join-Path $work $Name
        $file = Join-Path $work "$Name.ps1"
        $start = "`$out = '$dir'`n`$videos = '$($Videos -join "','")'`n" +
            '$tasks = $videos | ForEach-Object { Start-MsVideoTask -Text "Hello from $_" -ModelAssetId model-1 -VoiceAssetId voice-1 -OutputAssetName $_ }' + "`n"
        Set-Content -LiteralPath $file -Value ($start + $Body)
        $run = Invoke-MsTestPwsh -File $file -Emulator $emulator
        $run | Add-Member -NotePropertyName Files -NotePropertyValue @(if (Test-Path $dir) { Get-ChildItem -LiteralPath $dir -Name | Sort-Object })
        $run
    }
}

AfterAll {
    Stop-MsTestEmulator $emulator
    Remove-Item -LiteralPath $work -Recurse -Force -ErrorAction SilentlyContinue
}

Describe 'Unattended video jobs' {
    It 'with ErrorAction Stop saves every good video, then stops on the failure and exits 1' {
        $run = Invoke-VideoScript 'stop' -Videos 'FAIL-first', 'good-1', 'good-2' -Body @'
$ErrorActionPreference = 'Stop'
$tasks | Wait-MsVideoTask -PollIntervalSec 0.2 | Save-MsAssetFile -Destination $out -NameFrom Asset -Category MAIN -SkipExisting | Out-Null
'finished'
'@
        $run.ExitCode | Should -Be 1
        $run.Files | Should -Be @('good-1.mp4', 'good-2.mp4')
        $run.Output | Should -Not -Match 'finished'
        $run.Error | Should -Match 'FAIL-first'
        $run.Error | Should -Not -Match 'AssetId'   # the failed task never reached Save-MsAssetFile
    }

    It 'with -ErrorVariable runs every row, reports the failure and exits 1' {
        $run = Invoke-VideoScript 'collect' -Videos 'good-a', 'FAIL-b', 'good-c' -Body @'
$saved = $tasks | Wait-MsVideoTask -PollIntervalSec 0.2 -ErrorAction SilentlyContinue -ErrorVariable failed |
    Save-MsAssetFile -Destination $out -NameFrom Asset -Category MAIN -SkipExisting
"saved: $(($saved.AssetName | Sort-Object) -join ', ')"
foreach ($e in $failed) { Write-Warning "failed: $($e.TargetObject): $($e.Exception.Message)" }
if ($failed) { exit 1 }
exit 0
'@
        $run.ExitCode | Should -Be 1
        $run.Files | Should -Be @('good-a.mp4', 'good-c.mp4')
        $run.Output | Should -Match 'saved: good-a, good-c'
        $run.Output | Should -Match 'WARNING: failed: [0-9a-f]{32}: .*emulated failure'
        $run.Error | Should -BeNullOrEmpty
    }

    It 'exits 0 when every video was made and saved' {
        $run = Invoke-VideoScript 'all-good' -Videos 'fine-1', 'fine-2' -Body @'
$ErrorActionPreference = 'Stop'
$tasks | Wait-MsVideoTask -PollIntervalSec 0.2 | Save-MsAssetFile -Destination $out -NameFrom Asset -Category MAIN | Out-Null
'@
        $run.ExitCode | Should -Be 0 -Because $run.Error
        $run.Files | Should -Be @('fine-1.mp4', 'fine-2.mp4')
    }

    It 'a rerun without -SkipExisting (or -Force) refuses to overwrite and exits 1' {
        $body = @'
$ErrorActionPreference = 'Stop'
$tasks | Wait-MsVideoTask -PollIntervalSec 0.2 | Save-MsAssetFile -Destination $out -NameFrom Asset -Category MAIN {0} | ForEach-Object Action
'@
        $first = Invoke-VideoScript 'rerun' -Videos 'again' -Body ($body -f '-SkipExisting')
        $first.ExitCode | Should -Be 0
        $first.Output.Trim() | Should -Be 'Saved'
        $refused = Invoke-VideoScript 'rerun' -Videos 'again' -Body ($body -f '')
        $refused.ExitCode | Should -Be 1
        $refused.Error | Should -Match 'already exists'
    }
}
