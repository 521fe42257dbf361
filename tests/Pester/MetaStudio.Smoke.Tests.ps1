# Pester 5 smoke tests of the staged module (run by build.ps1 when Pester 5 is installed; not run in CI,
# where the xunit tests cover the same ground in a hosted runspace).
BeforeAll {
    $manifest = if ($env:METASTUDIO_MODULE_MANIFEST) { $env:METASTUDIO_MODULE_MANIFEST }
                else { Join-Path $PSScriptRoot '../../out/MetaStudio/MetaStudio.psd1' }
    Import-Module $manifest -Force -ErrorAction Stop
    $expected = @((Import-PowerShellDataFile $manifest).CmdletsToExport)
}

AfterAll {
    Remove-Module MetaStudio -ErrorAction SilentlyContinue
}

Describe 'MetaStudio module' {
    It 'exports every cmdlet of its manifest' {
        $commands = @(Get-Command -Module MetaStudio -CommandType Cmdlet)
        $commands.Count | Should -Be $expected.Count
        $commands.Name | Should -Contain 'Connect-MsService'
    }

    It 'has a written synopsis for every cmdlet' {
        $missing = Get-Command -Module MetaStudio -CommandType Cmdlet | Where-Object {
            $synopsis = (Get-Help $_.Name).Synopsis
            # Without help the engine shows the syntax, which starts with the cmdlet name.
            -not $synopsis -or $synopsis.Trim().StartsWith($_.Name)
        }
        @($missing).Name | Should -BeNullOrEmpty
    }

    It 'finds the about_MetaStudio topic' {
        (Get-Help about_MetaStudio | Out-String) | Should -Match 'HUAWEICLOUD_SDK_AK'
    }
}
