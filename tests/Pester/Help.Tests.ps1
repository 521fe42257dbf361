# What Get-Help shows in real pwsh for every cmdlet of the staged module, and the about_MetaStudio topic.
BeforeDiscovery {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    $cmdlets = @((Import-PowerShellDataFile (Get-MsTestModulePath)).CmdletsToExport | ForEach-Object { @{ Name = $_ } })
}

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Import-Module (Get-MsTestModulePath) -Force
    $common = [System.Management.Automation.Cmdlet]::CommonParameters + [System.Management.Automation.Cmdlet]::OptionalCommonParameters
}

Describe 'Get-Help <Name>' -ForEach $cmdlets {
    BeforeAll {
        $help = Get-Help -Name $Name -Full
        $command = Get-Command -Name $Name
    }

    It 'has a synopsis, a description, an example and a text for every parameter' {
        $help.Synopsis | Should -Not -BeNullOrEmpty
        $help.Synopsis | Should -Not -BeLike "$Name*"   # without help the engine makes the synopsis from the syntax
        ($help.description.Text -join "`n") | Should -Not -BeNullOrEmpty
        @($help.examples.example).Count | Should -BeGreaterThan 0
        $documented = @{}
        foreach ($p in $help.parameters.parameter) { $documented[$p.name] = ($p.description.Text -join ' ') }
        foreach ($p in $command.Parameters.Keys | Where-Object { $_ -notin $common }) {
            $documented[$p] | Should -Not -BeNullOrEmpty -Because "-$p needs a description"
        }
    }

    It 'shows each parameter set as Get-Command binds it (required, position)' {
        $items = @($help.syntax.syntaxItem)
        $items.Count | Should -Be @($command.ParameterSets).Count
        foreach ($set in $command.ParameterSets) {
            $names = @($set.Parameters | Where-Object { $_.Name -notin $common } | ForEach-Object Name) | Sort-Object
            # The syntax item with exactly this set's parameters (sets differ in their parameters).
            $item = $items | Where-Object { (@($_.parameter.name | Where-Object { $_ -notin $common }) | Sort-Object) -join ',' -eq ($names -join ',') } | Select-Object -First 1
            $item | Should -Not -BeNullOrEmpty -Because "set '$($set.Name)' should appear in the syntax"
            foreach ($p in $set.Parameters | Where-Object { $_.Name -notin $common }) {
                $shown = $item.parameter | Where-Object name -eq $p.Name
                $shown.required | Should -Be ([string]$p.IsMandatory).ToLowerInvariant() -Because "-$($p.Name) in set '$($set.Name)'"
                $position = if ($p.Position -lt 0) { 'named' } else { [string]$p.Position }
                $shown.position | Should -Be $position -Because "-$($p.Name) in set '$($set.Name)'"
            }
        }
    }
}

Describe 'about_MetaStudio' {
    BeforeAll {
        $text = Get-Help about_MetaStudio | Out-String -Width 200
        $lines = @($text -split "`r?`n")
    }

    It 'is found by Get-Help and opens as an about topic' {
        $lines | Where-Object { $_ } | Select-Object -First 1 | Should -Be 'TOPIC'
        $text | Should -Match '(?m)^    about_metastudio$'
        $text | Should -Match '(?m)^SHORT DESCRIPTION$'
        $text | Should -Match '(?m)^LONG DESCRIPTION$'
    }

    It 'documents the exit-code pattern for schedulers' {
        $text | Should -Match 'UNATTENDED RUNS AND SCHEDULERS'
        $text | Should -Match 'exit 1'
        $text | Should -Match '-ErrorVariable'
        $text | Should -Match 'SkipExisting'
    }

    It 'wraps its text at 80 columns' {
        $lines | Where-Object { $_.Length -gt 80 -and $_ -notmatch '^ {8}' } | Should -BeNullOrEmpty   # code lines keep their length
    }

    It 'is listed by Get-Help about_*' {
        (Get-Help about_Meta* | Select-Object -ExpandProperty Name) | Should -Contain 'about_MetaStudio'
    }
}
