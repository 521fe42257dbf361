# The module's root: loads MetaStudio.PowerShell.Loader for this edition of PowerShell (the only assembly of
# the module in PowerShell's shared load context) and imports the cmdlets it returns. On PowerShell 7 they
# run in a private load context with their dependencies; see src/MetaStudio.PowerShell.Loader/ModuleLoader.cs.
$edition = if ($PSEdition -eq 'Core') { 'core' } else { 'desktop' }
$loader = [System.Reflection.Assembly]::LoadFrom([System.IO.Path]::Combine($PSScriptRoot, 'loader', $edition, 'MetaStudio.PowerShell.Loader.dll'))
Import-Module -Assembly ($loader.GetType('MetaStudio.PowerShell.Loader.ModuleLoader', $true)::Load($PSScriptRoot))
