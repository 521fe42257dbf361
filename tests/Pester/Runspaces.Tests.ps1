# A session made in one runspace works in others: ForEach-Object -Parallel and Start-ThreadJob with
# -Session $using:s, as users write them. Each new runspace imports the module itself, by path or by name.
BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Import-Module (Get-MsTestModulePath) -Force
    $emulator = Start-MsTestEmulator
    $s = Connect-MsTestEmulator -Emulator $emulator
    $manifest = Get-MsTestModulePath
    $savedPath = $env:PSModulePath
}

AfterAll {
    $env:PSModulePath = $savedPath
    Disconnect-MsService -ErrorAction SilentlyContinue
    Stop-MsTestEmulator $emulator
}

Describe 'ForEach-Object -Parallel' {
    It 'creates assets with -Session $using:s, the module imported by path in each runspace' {
        $made = 1..4 | ForEach-Object -ThrottleLimit 4 -Parallel {
            Import-Module $using:manifest
            New-MsAsset -Name "parallel-$_" -Type IMAGE -Session $using:s
        }
        @($made).Count | Should -Be 4
        ($made.AssetName | Sort-Object) | Should -Be @('parallel-1', 'parallel-2', 'parallel-3', 'parallel-4')
        (Get-MsAsset -Name 'parallel-' -Session $s).Count | Should -Be 4
    }

    It 'finds the module by name when its folder is on PSModulePath, as for an installed module' {
        $env:PSModulePath = (Get-MsTestModuleRoot) + [IO.Path]::PathSeparator + $savedPath
        $names = 1..2 | ForEach-Object -Parallel {
            (Get-MsAsset -Name 'parallel-' -Session $using:s | Select-Object -First 1).AssetName
        }
        $names | Should -HaveCount 2
        $names | ForEach-Object { $_ | Should -BeLike 'parallel-*' }
    }

    # (Skipped where the HUAWEICLOUD_SDK_* variables are set: then every runspace has a session from them.)
    It 'has no default session in a new runspace until one is passed or connected' -Skip:([bool]$env:HUAWEICLOUD_SDK_AK) {
        $env:PSModulePath = (Get-MsTestModuleRoot) + [IO.Path]::PathSeparator + $savedPath
        $errors = 1 | ForEach-Object -Parallel {
            try { Get-MsAsset -Name 'x' -ErrorAction Stop; 'no error' } catch { $_.FullyQualifiedErrorId }
        }
        $errors | Should -BeLike 'MetaStudio.NoSession*'
    }
}

Describe 'Start-ThreadJob' {
    It 'runs cmdlets with -Session $using:s in thread jobs and returns their objects' {
        $jobs = 1..3 | ForEach-Object {
            Start-ThreadJob -ArgumentList $_ -ScriptBlock {
                param($n)
                Import-Module $using:manifest
                New-MsAsset -Name "thread-$n" -Type VIDEO -Session $using:s
            }
        }
        $made = $jobs | Receive-Job -Wait -AutoRemoveJob
        ($made.AssetName | Sort-Object) | Should -Be @('thread-1', 'thread-2', 'thread-3')
        $made | ForEach-Object { $_.PSObject.TypeNames[0] | Should -Be 'MetaStudio.PowerShell.Assets.MsAsset' }
    }

    It 'reports a failure inside a thread job as the job''s error' {
        $job = Start-ThreadJob -ScriptBlock {
            Import-Module $using:manifest
            Get-MsAsset -AssetId '0123456789abcdef0123456789abcdef' -Session $using:s
        }
        $null = $job | Wait-Job
        $received = $job | Receive-Job -ErrorVariable failed -ErrorAction SilentlyContinue
        $job | Remove-Job
        $received | Should -BeNullOrEmpty
        $failed | Should -HaveCount 1
        "$($failed[0].FullyQualifiedErrorId)" | Should -Match '^MSS\.'
    }
}
