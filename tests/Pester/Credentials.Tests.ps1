# What a real shell shows about credentials: a scheduled-job style child pwsh that connects from a profile with no
# keys in its script, proxies from the environment, the plain-text secret warning, and "not connected" after
# Disconnect-MsService. Everything points at emulator processes on loopback; Invoke-Pester.ps1 turns on
# METASTUDIO_LOOPBACK_ONLY, so nothing can leave the machine.
BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    $manifest = Get-MsTestModulePath
    Import-Module $manifest -Force -ErrorAction Stop

    $folder = [System.IO.Path]::Combine([System.IO.Path]::GetTempPath(), 'ms-pester-cred-' + [guid]::NewGuid().ToString('N').Substring(0, 12))
    [System.IO.Directory]::CreateDirectory($folder) | Out-Null

    # A child pwsh like the one a scheduler starts: same executable, no profile, nothing inherited but the environment.
    function Invoke-ChildPwsh {
        param([string] $ScriptPath, [hashtable] $Environment = @{})
        $info = [System.Diagnostics.ProcessStartInfo]::new([Environment]::ProcessPath)
        if ([System.IO.Path]::GetFileNameWithoutExtension([Environment]::ProcessPath) -eq 'dotnet') {
            $info.ArgumentList.Add((Join-Path $PSHOME 'pwsh.dll'))
        }
        foreach ($a in '-NoProfile', '-NonInteractive', '-File', $ScriptPath) { $info.ArgumentList.Add($a) }
        foreach ($name in $Environment.Keys) { $info.Environment[$name] = $Environment[$name] }
        $info.RedirectStandardOutput = $true
        $info.RedirectStandardError = $true
        $info.UseShellExecute = $false
        $process = [System.Diagnostics.Process]::Start($info)
        $stdout = $process.StandardOutput.ReadToEndAsync()
        $stderr = $process.StandardError.ReadToEndAsync()
        if (-not $process.WaitForExit(180000)) { $process.Kill(); throw 'The child pwsh did not finish within 3 minutes.' }
        [pscustomobject]@{ ExitCode = $process.ExitCode; Output = $stdout.Result; Errors = $stderr.Result }
    }
}

AfterAll {
    [System.IO.Directory]::Delete($folder, $true)
    Remove-Module MetaStudio -ErrorAction SilentlyContinue
}

Describe 'Credentials in a real shell' {
    BeforeAll {
        $emulator = Start-MsTestEmulator
        $secret = ConvertTo-SecureString $emulator.SecretKey -AsPlainText -Force
        $credentials = Join-Path $folder 'credentials'
    }
    AfterAll {
        Stop-MsTestEmulator $emulator
    }

    It 'runs a scheduled job that connects from a profile with no keys in its script' {
        $written = Set-MsCredentialProfile -ProfileName reports -AccessKey $emulator.AccessKey -SecretKey $secret `
            -Region cn-north-4 -Endpoint $emulator.BaseUri -CredentialsFile $credentials
        $written.Kind | Should -Be 'AccessKey'
        if (-not $IsWindows) {
            [int][System.IO.File]::GetUnixFileMode($credentials) | Should -Be 384   # 0600
        }

        $job = Join-Path $folder 'job.ps1'
        Set-Content -LiteralPath $job -Value @"
`$ErrorActionPreference = 'Stop'
Import-Module '$manifest'
Connect-MsService -ProfileName reports | Out-Null
`$asset = New-MsAsset -Name 'nightly-report' -Type IMAGE
'source=' + (Get-MsSession).CredentialSource
'asset=' + `$asset.AssetId
"@
        $text = Get-Content -LiteralPath $job -Raw
        $text | Should -Not -Match $emulator.AccessKey
        $text | Should -Not -Match $emulator.SecretKey

        $run = Invoke-ChildPwsh -ScriptPath $job -Environment @{ HUAWEICLOUD_SDK_CREDENTIALS_FILE = $credentials }
        $run.Errors | Should -BeNullOrEmpty
        $run.ExitCode | Should -Be 0
        $run.Output | Should -Match 'source=File:reports'
        $assetId = ([regex]::Match($run.Output, 'asset=(\S+)')).Groups[1].Value
        $assetId | Should -Not -BeNullOrEmpty

        # The asset exists in the account the profile names.
        $session = Connect-MsTestEmulator -Emulator $emulator
        (Get-MsAsset -AssetId $assetId -Session $session).AssetName | Should -Be 'nightly-report'
    }

    It 'uses the [basic] profile in a job that does not even connect' {
        $basic = Join-Path $folder 'basic-credentials'
        Set-MsCredentialProfile -ProfileName basic -AccessKey $emulator.AccessKey -SecretKey $secret -Region cn-north-4 `
            -Endpoint $emulator.BaseUri -CredentialsFile $basic | Out-Null
        $job = Join-Path $folder 'implicit.ps1'
        Set-Content -LiteralPath $job -Value "`$ErrorActionPreference = 'Stop'; Import-Module '$manifest'; (New-MsAsset -Name 'implicit-job' -Type IMAGE -Verbose 4>&1 | Out-String)"
        $run = Invoke-ChildPwsh -ScriptPath $job -Environment @{ HUAWEICLOUD_SDK_CREDENTIALS_FILE = $basic }
        $run.ExitCode | Should -Be 0
        $run.Output | Should -Match '\[basic\] chosen'
        $run.Output | Should -Match 'implicit-job'
    }

    It 'shows where the session came from and never the secret' {
        $session = Connect-MsService -ProfileName reports -CredentialsFile $credentials
        $shown = $session | Out-String
        $shown | Should -Match 'CredentialSource\s*:\s*File:reports'
        $shown | Should -Not -Match $emulator.SecretKey
        (Get-MsCredentialProfile -CredentialsFile $credentials | Out-String) | Should -Not -Match $emulator.SecretKey
    }

    It 'warns when a secret is typed as a plain string' {
        $warnings = $null
        $null = Connect-MsService -Region cn-north-4 -Endpoint $emulator.BaseUri -AccessKey $emulator.AccessKey -SecretKey $emulator.SecretKey -WarningVariable warnings -WarningAction SilentlyContinue
        $warnings.Count | Should -Be 1
        "$warnings" | Should -Match '-SecretKey was given as a plain string'
        "$warnings" | Should -Match 'Read-Host -AsSecureString'
        "$warnings" | Should -Not -Match $emulator.SecretKey
    }

    It 'is not connected after Disconnect-MsService, even with keys in the environment' {
        $null = Connect-MsTestEmulator -Emulator $emulator
        $env:HUAWEICLOUD_SDK_AK = $emulator.AccessKey
        $env:HUAWEICLOUD_SDK_SK = $emulator.SecretKey
        $env:HUAWEICLOUD_SDK_REGION = 'cn-north-4'
        try {
            Disconnect-MsService
            { Get-MsAsset -First 1 -ErrorAction Stop } | Should -Throw -ErrorId 'MetaStudio.NotConnected*'
        }
        finally {
            Remove-Item env:HUAWEICLOUD_SDK_AK, env:HUAWEICLOUD_SDK_SK, env:HUAWEICLOUD_SDK_REGION
        }
    }

    It 'sends requests through HTTP_PROXY and directly to the hosts in NO_PROXY' {
        # A host name nothing resolves: the request can only succeed through the proxy (the emulator stands in for it).
        $fake = "http://metastudio.emulator.test:$(([uri]$emulator.BaseUri).Port)/"
        $env:HTTP_PROXY = $emulator.BaseUri
        try {
            $session = Connect-MsService -Region cn-north-4 -Endpoint $fake -AccessKey $emulator.AccessKey -SecretKey $secret
            $session.Proxy | Should -Match 'HTTP_PROXY'
            $session.ProjectId | Should -Not -BeNullOrEmpty

            # With the host in NO_PROXY the request goes direct, to a host off this machine: the loopback guard stops it.
            $env:NO_PROXY = 'emulator.test'
            $direct = Connect-MsService -Region cn-north-4 -Endpoint $fake -AccessKey $emulator.AccessKey -SecretKey $secret -ProjectId $session.ProjectId
            $direct.Proxy | Should -Match 'HTTP_PROXY'
            { Get-MsAsset -First 1 -Session $direct -ErrorAction Stop } | Should -Throw -ErrorId 'MetaStudio.NetworkGuard*'
        }
        finally {
            Remove-Item env:HTTP_PROXY, env:NO_PROXY -ErrorAction SilentlyContinue
        }
    }
}
