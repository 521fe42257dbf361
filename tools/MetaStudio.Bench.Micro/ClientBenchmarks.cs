using System.IO;
using MetaStudio.PowerShell.Core.Catalog;
using System.Collections.Generic;
using System.Threading.Tasks;
using BenchmarkDotNet.Attributes;
using MetaStudio.Bench.Raw;
using MetaStudio.PowerShell.Assets;
using MetaStudio.PowerShell.Core.Http;
using MetaStudio.PowerShell.Core.Json;

namespace MetaStudio.Bench.Micro
{
    /// <summary>
    /// MsClient.SendAsync round trips to an in-process emulator on loopback, limits off, each against the hand-written
    /// signed HttpClient call for the same answer (the baseline of its category): one asset, one page of 100.
    /// </summary>
    public class ClientBenchmarks
    {
        // Set in GlobalSetup, before any benchmark runs.
        private Loopback _loopback = null!;
        private MsClient _client = null!;
        private string _id = null!;

        [GlobalSetup]
        public void Setup()
        {
            _loopback = Task.Run(Loopback.StartAsync).GetAwaiter().GetResult();
            _client = _loopback.Session.Client;
            _id = _loopback.AssetIds[0];
        }

        [GlobalCleanup]
        public void Cleanup() => Task.Run(async () => await _loopback.DisposeAsync()).GetAwaiter().GetResult();

        [Benchmark(Baseline = true, Description = "raw signed HttpClient: ShowAsset")]
        [BenchmarkCategory("show")]
        public Task<string> RawShow() => RawCalls.ShowAssetAsync(_loopback.Raw, _id);

        [Benchmark(Description = "MsClient.SendAsync<MsAsset>(ShowAsset)")]
        [BenchmarkCategory("show")]
        public Task<MsAsset?> ClientShow() => _client.SendAsync<MsAsset>(new MsRequest(OperationId.ShowAsset).WithPath("asset_id", _id), CallContext.None());

        [Benchmark(Baseline = true, Description = "raw signed HttpClient: ListAssets page of 100")]
        [BenchmarkCategory("page")]
        public Task<int> RawPage() => RawCalls.ListAllAssetsAsync(_loopback.Raw, 100);

        [Benchmark(Description = "MsClient.SendAsync(ListAssets) + decode 100 MsAsset")]
        [BenchmarkCategory("page")]
        public async Task<int> ClientPage()
        {
            var response = await _client.SendAsync(new MsRequest(OperationId.ListAssets).WithQuery("offset", 0).WithQuery("limit", 100), CallContext.None());
            return MsJson.Deserialize<AssetApi.AssetPage>(response.Body)?.Assets?.Count ?? throw new InvalidDataException("No page in the answer.");
        }
    }
}
