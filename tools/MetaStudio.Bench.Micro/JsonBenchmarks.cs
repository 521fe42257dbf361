using MetaStudio.PowerShell.Core.Catalog;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using BenchmarkDotNet.Attributes;
using MetaStudio.PowerShell.Assets;
using MetaStudio.PowerShell.Core.Http;
using MetaStudio.PowerShell.Core.Json;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace MetaStudio.Bench.Micro
{
    /// <summary>
    /// The JSON the module does per call: a request body serialized (New-MsAsset's), one asset and one page of 100
    /// assets decoded into output objects. The answers are the emulator's own bytes, fetched once.
    /// </summary>
    [BenchmarkCategory("json")]
    public class JsonBenchmarks
    {
        // Set in GlobalSetup, before any benchmark runs.
        private Dictionary<string, object> _body = null!;
        private byte[] _asset = null!;
        private byte[] _page = null!;

        [GlobalSetup]
        public void Setup()
        {
            _body = new Dictionary<string, object>
            {
                ["asset_name"] = "bench-json", ["asset_type"] = "IMAGE", ["asset_description"] = "an asset made by the benchmark",
                ["tags"] = new[] { "bench", "json" },
            };
            Task.Run(async () =>
            {
                await using var loopback = await Loopback.StartAsync();
                _asset = await loopback.Raw.SendAsync("GET", loopback.Raw.PathOf(OperationId.ShowAsset, ("asset_id", loopback.AssetIds[0])));
                _page = await loopback.Raw.SendAsync("GET", loopback.Raw.PathOf(OperationId.ListAssets),
                    new[] { new KeyValuePair<string, string>("offset", "0"), new KeyValuePair<string, string>("limit", "100") });
            }).GetAwaiter().GetResult();
        }

        [Benchmark(Baseline = true, Description = "MsJson.Serialize(New-MsAsset body)")]
        public byte[] SerializeBody() => MsJson.Serialize(_body);

        [Benchmark(Description = "new MsRequest(CreateDigitalAsset).WithBody(body)")]
        public object BuildRequest() => new MsRequest(OperationId.CreateDigitalAsset).WithBody(_body);

        [Benchmark(Description = "decode ShowAsset answer into MsAsset")]
        public MsAsset? DecodeAsset() => MsJson.Deserialize<MsAsset>(_asset);

        [Benchmark(Description = "decode ShowAsset answer into MsAsset, reflection")]
        public MsAsset? DecodeAssetReflection() => JsonSerializer.Deserialize<MsAsset>(_asset, Reflection);

        [Benchmark(Description = "decode a ListAssets page of 100 into MsAsset objects")]
        public int DecodePage() => MsJson.Deserialize<AssetApi.AssetPage>(_page)!.Assets!.Count;

        [Benchmark(Description = "decode a ListAssets page of 100 into MsAsset objects, reflection")]
        public int DecodePageReflection() => JsonSerializer.Deserialize<AssetApi.AssetPage>(_page, Reflection)!.Assets!.Count;

        [Benchmark(Description = "answer check of a ListAssets page of 100 (AnswerCheck.Passes)")]
        public bool CheckPage() => AnswerCheck.Passes(_listRequest, new MsResponse(200, "r", _page, null));

        /// <summary>The module's options with nothing generated: how answers were read before MsJsonContext.</summary>
        private static readonly JsonSerializerOptions Reflection = new JsonSerializerOptions(MsJson.Options) { TypeInfoResolver = new DefaultJsonTypeInfoResolver() };

        private readonly MsRequest _listRequest = new MsRequest(OperationId.ListAssets);
    }
}
