# Every table view of the staged module, rendered by real pwsh at 80 columns (a default terminal, a scheduler's
# log) and at 120: the lines fit, no header wraps, the columns that tell rows apart are there, an id is shown whole
# or not at all, times are local. Then the same on objects the emulator really returns.
BeforeDiscovery {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    $formats = Join-Path (Split-Path (Get-MsTestModulePath) -Parent) 'formats'
    $views = foreach ($file in Get-ChildItem -Path $formats -Filter *.Format.ps1xml) {
        $xml = [xml](Get-Content -LiteralPath $file.FullName -Raw)
        foreach ($view in $xml.Configuration.ViewDefinitions.View) {
            if (-not $view.TableControl) { continue }
            $headers = @($view.TableControl.TableHeaders.TableColumnHeader)
            $items = @($view.TableControl.TableRowEntries.TableRowEntry.TableColumnItems.TableColumnItem)
            $columns = for ($i = 0; $i -lt $headers.Count; $i++) {
                @{
                    Label    = $headers[$i].Label
                    Width    = if ($headers[$i].Width) { [int]$headers[$i].Width } else { 0 }
                    Property = $items[$i].PropertyName
                    Format   = $items[$i].FormatString
                }
            }
            foreach ($width in 80, 120) {
                @{ Type = $view.ViewSelectedBy.TypeName; View = $view.Name; Columns = @($columns); Width = $width; Name = $view.Name.Split('.')[-1] }
            }
        }
    }
}

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Import-Module (Get-MsTestModulePath) -Force
    $PSStyle.OutputRendering = 'PlainText'
    $script:now = Get-Date

    # A made-up instance of a model type: long names, 32-character ids, local times, so every column has to fit.
    function New-SampleObject([type] $Type, [int] $Depth = 0) {
        if ($Type -eq [MetaStudio.PowerShell.MsSession]) {
            # A session is made by connecting; with -ProjectId nothing is sent.
            return Connect-MsService -Region ap-southeast-3 -Endpoint 'https://metastudio-ext.ap-southeast-3.example.com' -AccessKey 'AKEXAMPLE0123456789AB' `
                -SecretKey (ConvertTo-SecureString 'not-a-secret' -AsPlainText -Force) -ProjectId ([guid]::NewGuid().ToString('N'))
        }
        $o = [Activator]::CreateInstance($Type)
        foreach ($p in $Type.GetProperties() | Where-Object { $_.CanWrite -and $_.GetSetMethod() }) {
            $t = [Nullable]::GetUnderlyingType($p.PropertyType) ?? $p.PropertyType
            $value = switch ($true) {
                ($t -eq [string] -and $p.Name -match 'Id$') { [guid]::NewGuid().ToString('N'); break }
                ($t -eq [string] -and $p.Name -match 'Name$') { 'autumn-campaign-product-video-number-0001'; break }
                ($t -eq [string] -and $p.Name -match 'State$|Status$') { 'PROCESSING'; break }
                ($t -eq [string] -and $p.Name -match 'Url$') { 'https://obs.example.com/bucket/objects/0001/file.mp4?sig=x'; break }
                ($t -eq [string]) { "$($p.Name.ToLowerInvariant())-value"; break }
                ($t -eq [datetime]) { $script:now; break }
                ($t -in [int], [long], [double], [decimal]) { [Convert]::ChangeType(1234567, $t); break }
                ($t -eq [bool]) { $true; break }
                ($t -eq [string[]] -and $p.Name -match 'Id$') { , [string[]]@([guid]::NewGuid().ToString('N')); break }
                ($t -eq [string[]]) { , [string[]]@('kitchen', 'gift'); break }
                ($t -eq [int[]]) { , [int[]]@(1, 2, 3); break }
                ($t.IsArray -and $Depth -lt 2 -and $t.GetElementType().GetConstructor([type]::EmptyTypes)) {
                    $array = [Array]::CreateInstance($t.GetElementType(), 1)
                    $array[0] = New-SampleObject $t.GetElementType() ($Depth + 1)
                    , $array
                    break
                }
                ($t.IsClass -and $t.Namespace -like 'MetaStudio.*' -and $Depth -lt 2 -and $t.GetConstructor([type]::EmptyTypes)) { New-SampleObject $t ($Depth + 1); break }
                default { $null }
            }
            if ($null -ne $value) { $p.SetValue($o, $value) }
        }
        $o
    }

    # The labels PowerShell shows at this width: fixed columns while they fit in width-1 characters; a column
    # that gets less than its width is cut (and its header would wrap if narrower than the label).
    function Get-ShownColumn($Columns, [int] $Width) {
        $used = -1
        foreach ($c in $Columns) {
            $left = $Width - 1 - $used - 1
            if ($left -le 0) { break }
            [pscustomobject]@{ Label = $c.Label; Property = $c.Property; Format = $c.Format; Whole = ($c.Width -gt 0 -and $c.Width -le $left) -or ($c.Width -eq 0) }
            $used += 1 + [Math]::Min($(if ($c.Width) { $c.Width } else { $left }), $left)
        }
    }
}

Describe 'Table view of <Name> at <Width> columns' -ForEach $views {
    BeforeAll {
        $object = New-SampleObject ([type]$Type)
        # This view by name: a type may also have a list view that is its default (MsSession).
        $lines = @(($object | Format-Table -View $View | Out-String -Width $Width).Split("`n") | ForEach-Object TrimEnd | Where-Object { $_ })
        $shown = @(Get-ShownColumn $Columns $Width)
    }

    It 'fits the width' {
        $lines | Where-Object { $_.Length -gt $Width } | Should -BeNullOrEmpty
    }

    It 'has one header line, so no header wraps' {
        $lines[1] | Should -Match '^ *-+( +-+)*$'
        foreach ($c in $shown) { $lines[0] | Should -Match "(^| )$([regex]::Escape($c.Label))( |$)" }
    }

    It 'shows the columns that tell rows apart (name, state, time) whole' {
        $telling = @($Columns | Where-Object { $_.Label -match 'Name$|State$|Status$|Time$' } | ForEach-Object Label)
        foreach ($label in $telling) {
            ($shown | Where-Object Label -eq $label).Whole | Should -BeTrue -Because "$label tells rows apart and must show at $Width columns"
        }
    }

    It 'leaves out no column it has room for and cuts no id' {
        $row = $lines[2]
        foreach ($c in $shown | Where-Object { $_.Property -match 'Id$' }) {
            $c.Whole | Should -BeTrue -Because "the id column $($c.Label) must fit whole or be left out"
            foreach ($id in @($object.($c.Property))) { $row | Should -Match ([regex]::Escape([string]$id)) }
        }
        foreach ($c in $shown | Where-Object Format) {
            $row | Should -Match ([regex]::Escape($script:now.ToString('yyyy-MM-dd HH:mm'))) -Because "$($c.Label) shows local time"
        }
    }
}

Describe 'Tables of real objects' {
    BeforeAll {
        $emulator = Start-MsTestEmulator
        $session = Connect-MsTestEmulator -Emulator $emulator
    }
    AfterAll {
        Disconnect-MsService -ErrorAction SilentlyContinue
        Stop-MsTestEmulator $emulator
    }

    It 'tells active, recycled and restored assets apart at 80 columns' {
        $keep = New-MsAsset -Name 'views-keep' -Type IMAGE
        $bin = New-MsAsset -Name 'views-bin' -Type IMAGE
        $bin | Remove-MsAsset
        $text = Get-MsAsset -Name 'views-' | Sort-Object AssetName | Out-String -Width 80
        $text | Should -Match 'AssetName +AssetState +CreateTime +AssetType'
        $text | Should -Match 'views-bin +DELETING'
        $text | Should -Match 'views-keep +(CREATING|ACTIVED)'
        $text | Should -Not -Match $keep.AssetId   # no room for a whole id: left out, not cut
        (Get-MsAsset -Name 'views-' | Out-String -Width 120) | Should -Match $keep.AssetId
    }

    It 'shows times as local DateTime values' {
        $asset = New-MsAsset -Name 'views-time' -Type IMAGE
        $asset.CreateTime | Should -BeOfType [datetime]
        $asset.CreateTime.Kind | Should -Be ([DateTimeKind]::Local)
        [Math]::Abs(((Get-Date) - $asset.CreateTime).TotalMinutes) | Should -BeLessThan 5
    }

    It 'reads the epoch expiry of replication info as a DateTime' {
        $asset = New-MsAsset -Name 'views-copy' -Type IMAGE
        $info = $asset | Get-MsAssetReplicationInfo
        $info.ExpireTime | Should -BeOfType [datetime]
        $info.ExpireTime | Should -BeGreaterThan (Get-Date)
        ($info | Out-String -Width 80) | Should -Match ([regex]::Escape($info.ExpireTime.ToString('yyyy-MM-dd HH:mm')))
    }

    It 'counts the shots of a two-shot script' {
        $script = New-MsVideoScript -Name 'views-two-shots' -Text 'first', 'second' -ModelAssetId model-1 -VoiceAssetId voice-1
        $script.ShotCount | Should -Be 2
        ($script | Out-String -Width 80) | Should -Match 'views-two-shots +2 '
        # A list answers without the shots: the count is left empty rather than shown as 0.
        (Get-MsVideoScript -Name 'views-two-shots').ShotCount | Should -BeNullOrEmpty
    }

    It 'shows file sizes in human units' {
        $file = Join-Path ([IO.Path]::GetTempPath()) "views-$([guid]::NewGuid().ToString('N')).png"
        Set-Content -Path $file -Value ([byte[]]::new(3000)) -AsByteStream
        try {
            $uploaded = New-MsAsset -Name 'views-size' -Type IMAGE | Send-MsAssetFile -Path $file
            ($uploaded | Out-String -Width 80) | Should -Match '2\.9 KB'
        }
        finally { Remove-Item -LiteralPath $file }
    }
}
