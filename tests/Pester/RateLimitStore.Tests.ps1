# Issue 10: one tenant, many processes. Three pwsh processes call one API of one tenant at the same moment against the
# emulator's rate gate, which refuses (429 APIGW.0308) every call over the published limit (ShowAsset in cn-east-3:
# 10 per second, "limit:10, time:1 second"), with retries off, so every throttled call shows as an error. Sharing the
# limits through Redis, none is throttled; each process on its own, some are, so the test can fail. One of the three
# names the store through METASTUDIO_RATELIMIT_STORE instead of -RateLimitStore, as a scheduled job would.
# Redis: the server .ci/run started (METASTUDIO_TEST_REDIS), or one started here from redis-server on PATH; without
# either the tests are skipped with the reason, except in CI (CI=true), where they fail.
BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Import-Module (Get-MsTestModulePath) -Force
    $isCi = $env:CI -eq 'true'
    $skipReason = $null
    $ownRedis = $null
    $redis = $env:METASTUDIO_TEST_REDIS
    if (-not $redis) {
        $binary = if ($env:METASTUDIO_TEST_REDIS_SERVER) { $env:METASTUDIO_TEST_REDIS_SERVER } else { (Get-Command redis-server -CommandType Application -ErrorAction SilentlyContinue | Select-Object -First 1).Source }
        if ($binary) {
            $listener = [System.Net.Sockets.TcpListener]::new([System.Net.IPAddress]::Loopback, 0)
            $listener.Start(); $port = $listener.LocalEndpoint.Port; $listener.Stop()
            $ownRedis = Start-Process -FilePath $binary -ArgumentList '--port', $port, '--bind', '127.0.0.1', '--save', '""', '--appendonly', 'no' `
                -PassThru -RedirectStandardOutput ([System.IO.Path]::GetTempFileName())
            $redis = "redis://127.0.0.1:$port"
            $deadline = (Get-Date).AddSeconds(30)
            do {
                Start-Sleep -Milliseconds 50
                $up = try { $c = [System.Net.Sockets.TcpClient]::new('127.0.0.1', $port); $c.Dispose(); $true } catch { $false }
            } until ($up -or (Get-Date) -gt $deadline)
        }
        elseif ($isCi) { throw 'CI=true, so the Redis store tests must run, but there is no redis-server (.ci/run installs and starts one).' }
        else { $skipReason = 'No Redis: set METASTUDIO_TEST_REDIS=redis://host:port or install redis-server (apt-get install redis-server); CI always runs these tests.' }
    }

    $child = Join-Path ([System.IO.Path]::GetTempPath()) "ms-ratelimit-child-$([guid]::NewGuid().ToString('N')).ps1"
    Set-Content -LiteralPath $child -Value {
        param($Endpoint, $AccessKey, $SecretKey, $AssetId, $Store, [int] $Calls, $Barrier, [int] $Index, [int] $Count)
        $ErrorActionPreference = 'Stop'
        $extra = @{}
        if ($Store -and $Store -ne 'env') { $extra.RateLimitStore = $Store }
        # Retries off, both kinds: a throttled call is an error the test counts.
        $s = Connect-MsService -Region cn-east-3 -Endpoint $Endpoint -AccessKey $AccessKey -SecretKey (ConvertTo-SecureString $SecretKey -AsPlainText -Force) `
            -MaxRetries 0 -MaxThrottleRetries 0 @extra
        # A first call of another API: the cmdlet's code and the connection are ready before the measured calls, as in a
        # process that has been running (a first call can be late by more than the room the limiter leaves the service).
        $null = Get-MsAsset -First 1
        # Start together: each says it is ready, then waits for the others.
        [System.IO.File]::WriteAllText((Join-Path $Barrier "ready-$Index"), '')
        $deadline = (Get-Date).AddSeconds(120)
        while (@(Get-ChildItem -LiteralPath $Barrier -Filter 'ready-*').Count -lt $Count) {
            if ((Get-Date) -gt $deadline) { throw 'The other processes never got ready (a hang guard).' }
            Start-Sleep -Milliseconds 5
        }
        $ok = 0; $throttled = 0; $other = @(); $warned = @()
        for ($i = 0; $i -lt $Calls; $i++) {
            $null = Get-MsAsset -AssetId $AssetId -ErrorAction SilentlyContinue -ErrorVariable failed -WarningAction SilentlyContinue -WarningVariable +warned
            if (-not $failed) { $ok++ }
            elseif ($failed[0].FullyQualifiedErrorId -like 'APIGW.0308*') { $throttled++ }
            else { $other += $failed[0].FullyQualifiedErrorId }
        }
        [pscustomobject]@{ Ok = $ok; Throttled = $throttled; Other = @($other); Store = $s.RateLimitStore; State = $s.RateLimitStoreState; Warnings = @($warned | ForEach-Object { "$_" }) } |
            ConvertTo-Json -Compress
    }.ToString()

    # Three processes on one tenant; returns each one's counts. $Stores: one entry per process ('' none, 'env', or an address).
    function Invoke-Tenant([string[]] $Stores, [int] $Calls) {
        $emulator = Start-MsTestEmulator
        try {
            $secret = ConvertTo-SecureString $emulator.SecretKey -AsPlainText -Force
            $session = Connect-MsService -Region cn-east-3 -Endpoint $emulator.BaseUri -AccessKey $emulator.AccessKey -SecretKey $secret
            $asset = New-MsAsset -Name 'shared-tenant' -Type IMAGE -Session $session
            $barrier = New-MsTestFolder -Prefix 'ms-ratelimit-barrier'
            Start-Sleep -Seconds 1.2   # the service's bucket refills after the create's read-back
            $processes = for ($i = 0; $i -lt $Stores.Count; $i++) {
                $command = Get-MsTestPwshCommand
                $info = [System.Diagnostics.ProcessStartInfo]::new($command[0])
                foreach ($a in @($command | Select-Object -Skip 1) + @('-NoProfile', '-NonInteractive', '-File', $child, $emulator.BaseUri, $emulator.AccessKey,
                        $emulator.SecretKey, $asset.AssetId, $Stores[$i], $Calls, $barrier.FullName, $i, $Stores.Count)) {
                    $info.ArgumentList.Add([string]$a)
                }
                $info.RedirectStandardOutput = $true
                $info.RedirectStandardError = $true
                $info.UseShellExecute = $false
                $info.Environment['PSModulePath'] = (Get-MsTestModuleRoot) + [IO.Path]::PathSeparator + $env:PSModulePath
                $info.Environment['NO_COLOR'] = '1'
                if ($Stores[$i] -eq 'env') { $info.Environment['METASTUDIO_RATELIMIT_STORE'] = $redis }
                $p = [System.Diagnostics.Process]::Start($info)
                [pscustomobject]@{ Process = $p; Out = $p.StandardOutput.ReadToEndAsync(); Err = $p.StandardError.ReadToEndAsync() }
            }
            foreach ($p in $processes) {
                if (-not $p.Process.WaitForExit(180000)) { $p.Process.Kill($true); throw 'A child pwsh did not end within 180 s (a hang guard).' }
                $p.Process.WaitForExit()
                if ($p.Process.ExitCode -ne 0) { throw "A child pwsh exited with $($p.Process.ExitCode): $($p.Err.Result) $($p.Out.Result)" }
                $p.Out.Result -split '\r?\n' | Where-Object { $_ -like '{*' } | Select-Object -Last 1 | ConvertFrom-Json
            }
        }
        finally {
            Stop-MsTestEmulator $emulator
        }
    }
}

AfterAll {
    if ($ownRedis -and -not $ownRedis.HasExited) { $ownRedis.Kill() }
    if ($child) { Remove-Item -LiteralPath $child -ErrorAction SilentlyContinue }
}

Describe 'Three pwsh processes on one tenant, retries off, at the published limit' {
    It 'are never throttled when they share the limits through Redis' {
        if ($skipReason) { Set-ItResult -Skipped -Because $skipReason; return }
        $results = @(Invoke-Tenant -Stores $redis, $redis, 'env' -Calls 15)
        $results.Count | Should -Be 3
        $results | ForEach-Object { $_.Store | Should -Be "$redis/0"; $_.State | Should -Be 'Connected' }
        ($results.Other | Where-Object { $_ }) | Should -BeNullOrEmpty
        $results.Warnings | Should -BeNullOrEmpty
        ($results | Measure-Object Throttled -Sum).Sum | Should -Be 0 -Because ($results | ConvertTo-Json -Compress)
        ($results | Measure-Object Ok -Sum).Sum | Should -Be 45
    }

    It 'are throttled when each keeps the limits alone (so the test above can fail)' {
        if ($skipReason) { Set-ItResult -Skipped -Because $skipReason; return }
        $results = @(Invoke-Tenant -Stores '', '', '' -Calls 15)
        $results.Count | Should -Be 3
        ($results.Other | Where-Object { $_ }) | Should -BeNullOrEmpty
        ($results | Measure-Object Throttled -Sum).Sum | Should -BeGreaterThan 0
        (($results | Measure-Object Ok -Sum).Sum + ($results | Measure-Object Throttled -Sum).Sum) | Should -Be 45
    }
}

# DEVELOPING.md, "Dependencies and load contexts": the Redis client loads only when a store is configured, and then in
# the module's private load context, never in the shared one.
Describe 'The Redis client' {
    It 'is not loaded until a store is configured, and then only in the module''s private load context' {
        if ($skipReason) { Set-ItResult -Skipped -Because $skipReason; return }
        $emulator = Start-MsTestEmulator
        try {
            $json = Invoke-MsTestPwshScript -ArgumentList (Get-MsTestModulePath), $emulator.BaseUri, $emulator.AccessKey, $emulator.SecretKey, $redis -ScriptBlock {
                param($Manifest, $BaseUri, $AccessKey, $SecretKey, $Redis)
                $ErrorActionPreference = 'Stop'
                Import-Module $Manifest
                $loaded = { @([System.AppDomain]::CurrentDomain.GetAssemblies() | Where-Object { $_.GetName().Name -like 'StackExchange.Redis*' -or $_.GetName().Name -like 'Pipelines.Sockets*' }) }
                $secret = ConvertTo-SecureString $SecretKey -AsPlainText -Force
                $null = Connect-MsService -Region cn-north-4 -Endpoint $BaseUri -AccessKey $AccessKey -SecretKey $secret
                $null = Get-MsAsset -First 1
                $before = (& $loaded).Count
                $null = Connect-MsService -Region cn-north-4 -Endpoint $BaseUri -AccessKey $AccessKey -SecretKey $secret -RateLimitStore $Redis
                $null = Get-MsAsset -First 1
                $after = & $loaded
                @{ Before = $before; After = @($after | ForEach-Object { [System.Runtime.Loader.AssemblyLoadContext]::GetLoadContext($_).Name }) } | ConvertTo-Json -Compress
            }
            $report = $json | Select-Object -Last 1 | ConvertFrom-Json
            $report.Before | Should -Be 0
            $report.After | Should -Not -BeNullOrEmpty
            $report.After | ForEach-Object { $_ | Should -Be 'MetaStudio' }
        }
        finally {
            Stop-MsTestEmulator $emulator
        }
    }
}
