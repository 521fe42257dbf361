# The module's root: loads MetaStudio.PowerShell.Loader for this edition of PowerShell (the only assembly of
# the module in PowerShell's shared load context) and imports the cmdlets it returns. On PowerShell 7 they
# run in a private load context with their dependencies; see src/MetaStudio.PowerShell.Loader/ModuleLoader.cs.
# Kept to as few .NET calls as possible: each call site costs time on the first import in a process.
$edition = if ($PSEdition -eq 'Core') { 'core' } else { 'desktop' }
[void][System.Reflection.Assembly]::LoadFrom("$PSScriptRoot/loader/$edition/MetaStudio.PowerShell.Loader.dll")
$assembly = [MetaStudio.PowerShell.Loader.ModuleLoader]::Load($PSScriptRoot)
# PowerShell never drops a module imported with -Assembly from its module table (Remove-Module looks it up by
# path, the table keys it by name), and Import-Module -Assembly then imports nothing. So a re-import in the same
# session (-Force, or Remove-Module then Import-Module) takes the cmdlets from that module instead.
$imported = Get-Module -All -Name "dynamic_code_module_$($assembly.FullName)"
if ($imported) { Import-Module -ModuleInfo $imported } else { Import-Module -Assembly $assembly }
