# The samples and the README's try runner, run as a user runs them: their own pwsh process (or the try
# runner), the module found on PSModulePath, credentials from the HUAWEICLOUD_SDK_* variables, exit codes read.
BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    $root = Get-MsTestRoot
    $emulator = Start-MsTestEmulator
    $out = New-MsTestFolder -Prefix 'ms-samples'
}

AfterAll {
    Stop-MsTestEmulator $emulator
    Remove-Item -LiteralPath $out -Recurse -Force -ErrorAction SilentlyContinue
}

Describe 'samples/quickstart.ps1' {
    It 'runs to the end and its tables tell the recycle bin apart at 80 columns' {
        $run = Invoke-MsTestPwsh -File (Join-Path $root 'samples/quickstart.ps1') -Emulator $emulator
        $run.Error | Should -BeNullOrEmpty
        $run.ExitCode | Should -Be 0
        $run.Output | Should -Match 'Connected to cn-north-4 as EMULATORACCESSKEY0001'
        $run.Output | Should -Match '(?s)Recycle bin:.*AssetName +AssetState +CreateTime.*-spare +DELETING'
        $run.Output | Should -Match '(?s)After restore:.*-spare +CREATING'
        ($run.Output -split "`n" | Where-Object { $_.TrimEnd().Length -gt 80 }) | Should -BeNullOrEmpty
    }
}

Describe 'samples/produce-videos.ps1' {
    It 'saves a video per row, writes results.csv and exits 0 when every row succeeded' {
        $dir = Join-Path $out 'all-good'
        $run = Invoke-MsTestPwsh -File (Join-Path $root 'samples/produce-videos.ps1') -Emulator $emulator -ArgumentList @(
            '-CsvPath', (Join-Path $root 'samples/texts.csv'), '-OutDir', $dir, '-ModelAssetId', 'model-1', '-VoiceAssetId', 'voice-1', '-PollIntervalSec', '0.2')
        $run.ExitCode | Should -Be 0 -Because $run.Error
        $results = @(Import-Csv (Join-Path $dir 'results.csv'))
        $results.Name | Should -Be @('welcome', 'opening-hours', 'thanks')
        $results | ForEach-Object {
            $_.State | Should -Be 'SUCCEED'
            $_.File | Should -Be (Join-Path $dir "$($_.Name).mp4")
            Test-Path -LiteralPath $_.File | Should -BeTrue
        }
    }

    It 'through the try runner, as the README shows: exits 1 with the good videos saved and results.csv complete' {
        $dir = Join-Path $out 'with-a-failure'
        $run = Invoke-MsTestProcess -Command 'dotnet' -ArgumentList @((Get-MsTestTryRunnerPath), 'samples/produce-videos.ps1',
            '-CsvPath', 'samples/texts-with-a-failure.csv', '-OutDir', $dir, '-ModelAssetId', 'model-1', '-VoiceAssetId', 'voice-1', '-PollIntervalSec', '0.2') `
            -WorkingDirectory $root
        $run.ExitCode | Should -Be 1
        $run.Output | Should -Match 'WARNING: 1 of 3 video\(s\) failed: FAIL-demo'
        "$($run.Output)$($run.Error)" | Should -Not -Match 'null or empty'   # no failed task reached Save-MsAssetFile
        Get-ChildItem -LiteralPath $dir -Name | Sort-Object | Should -Be @('results.csv', 'thanks.mp4', 'welcome.mp4')
        $results = @(Import-Csv (Join-Path $dir 'results.csv'))
        $results.Name | Should -Be @('welcome', 'FAIL-demo', 'thanks')
        $failed = $results[1]
        $failed.State | Should -Be 'FAILED'
        $failed.JobId | Should -Match '^[0-9a-f]{32}$'
        $failed.Error | Should -Match 'emulated failure'
        $failed.File | Should -BeNullOrEmpty
        $results[0].AssetId | Should -Match '^[0-9a-f]{32}$'
    }

    It 'rejects a CSV without a Text column before starting anything' {
        $csv = Join-Path $out 'no-text.csv'
        [pscustomobject]@{ Name = 'a'; Words = 'b' } | Export-Csv -LiteralPath $csv -NoTypeInformation
        $run = Invoke-MsTestPwsh -File (Join-Path $root 'samples/produce-videos.ps1') -Emulator $emulator -ArgumentList @(
            '-CsvPath', $csv, '-OutDir', (Join-Path $out 'no-text'), '-ModelAssetId', 'model-1', '-VoiceAssetId', 'voice-1')
        $run.ExitCode | Should -Be 1
        $run.Error | Should -Match 'has no Text'
        Test-Path (Join-Path $out 'no-text') | Should -BeFalse
    }
}

Describe 'The try runner' {
    It 'runs scripts in the full engine and passes their exit code through' {
        $script = Join-Path $out 'full-engine.ps1'
        Set-Content -LiteralPath $script -Value @'
$rows = 'Name,Size', 'a,1', 'b,2' | ConvertFrom-Csv
$csv = Join-Path ([IO.Path]::GetTempPath()) "try-$PID.csv"
$rows | Export-Csv -LiteralPath $csv -NoTypeInformation
Import-Csv -LiteralPath $csv | Select-Object -Property Name | ConvertTo-Json -Compress
Remove-Item -LiteralPath $csv
New-MsAsset -Name 'from-the-try-runner' -Type IMAGE | Select-Object -ExpandProperty AssetName
exit 3
'@
        $run = Invoke-MsTestProcess -Command 'dotnet' -ArgumentList @((Get-MsTestTryRunnerPath), $script)
        $run.Error | Should -BeNullOrEmpty
        $run.Output | Should -Match ([regex]::Escape('[{"Name":"a"},{"Name":"b"}]'))
        $run.Output | Should -Match 'from-the-try-runner'
        $run.ExitCode | Should -Be 3
    }

    It 'exits 1 when a script stops on an error, as pwsh -File does' {
        $script = Join-Path $out 'stops.ps1'
        Set-Content -LiteralPath $script -Value "`$ErrorActionPreference = 'Stop'; Get-MsAsset -AssetId 0123456789abcdef0123456789abcdef; 'not reached'"
        $run = Invoke-MsTestProcess -Command 'dotnet' -ArgumentList @((Get-MsTestTryRunnerPath), $script)
        $run.ExitCode | Should -Be 1
        $run.Output | Should -Not -Match 'not reached'
        "$($run.Output)$($run.Error)" | Should -Match 'MSS\.'
    }
}
