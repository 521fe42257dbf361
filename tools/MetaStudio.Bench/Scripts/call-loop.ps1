# The module's side of the per-call benchmark in a real shell (CallBench, PwshLoop): a pwsh process that imports
# the staged module, connects to the emulator with the environment's keys (HUAWEICLOUD_SDK_AK/SK, as a scheduled
# job would), creates one asset, then runs the bench's loops (METASTUDIO_BENCH_LOOPS: a JSON array of script texts
# over $n calls of the asset $id, such as the text the hosted rows run, or, given METASTUDIO_BENCH_RAW, a loop over the
# hand-written $raw) on request. The bench drives it over stdin/stdout: it writes "<calls> <loop index>", this answers
# "<wall ms> <process CPU ms>"; an empty line or end of input ends it. Nothing here times itself against a target: it
# reports figures only.
$ErrorActionPreference = 'Stop'
Import-Module $env:METASTUDIO_BENCH_MODULE
$null = Connect-MsService -Region cn-north-4 -Endpoint $env:METASTUDIO_BENCH_ENDPOINT -RateLimitScale 0
# @(): a list of one loop stays a list.
$loops = @(foreach ($text in (ConvertFrom-Json $env:METASTUDIO_BENCH_LOOPS -NoEnumerate)) { [scriptblock]::Create($text) })
$id = (New-MsAsset -Name "bench-call-$([guid]::NewGuid().ToString('N'))" -Type IMAGE).AssetId
if ($env:METASTUDIO_BENCH_RAW) {
    # The bench's hand-written client ($raw), for a loop with no module code in this same shell: the bench's own
    # assembly, of which only the raw client is used (METASTUDIO_BENCH_PROJECT is the project it signs for).
    Add-Type -Path $env:METASTUDIO_BENCH_RAW
    $raw = [MetaStudio.Bench.Raw.RawClient]::new([uri]$env:METASTUDIO_BENCH_ENDPOINT, $env:METASTUDIO_BENCH_PROJECT,
        $env:HUAWEICLOUD_SDK_AK, $env:HUAWEICLOUD_SDK_SK)
}
[Console]::Out.WriteLine("ready $id")
$process = [Diagnostics.Process]::GetCurrentProcess()
while ($line = [Console]::In.ReadLine()) {
    $n, $which = [int[]]$line.Split(' ')
    $loop = $loops[$which]
    $process.Refresh()
    $cpu = $process.TotalProcessorTime
    $watch = [Diagnostics.Stopwatch]::StartNew()
    . $loop
    $watch.Stop()
    $process.Refresh()
    [Console]::Out.WriteLine([string]::Format([cultureinfo]::InvariantCulture, '{0} {1}',
        $watch.Elapsed.TotalMilliseconds, ($process.TotalProcessorTime - $cpu).TotalMilliseconds))
}
