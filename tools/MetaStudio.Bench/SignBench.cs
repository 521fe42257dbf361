using System.Collections.Generic;
using System.Linq;
using System.Text;
using System.Threading.Tasks;
using MetaStudio.PowerShell.Core.Auth;

namespace MetaStudio.Bench
{
    /// <summary>The AK/SK signer alone, on one thread: its cost is paid on every attempt of every call.</summary>
    public static class SignBench
    {
        private const int PerRun = 20000;

        public static Task<IEnumerable<BenchResult>> RunAsync()
        {
            var secret = Encoding.UTF8.GetBytes("emulator-secret-key-0001");
            // A typical CreateDigitalAsset: ~1 KB of JSON, the headers the client signs, one query pair.
            var body = Encoding.UTF8.GetBytes("{\"asset_name\":\"bench\",\"asset_type\":\"IMAGE\",\"asset_description\":\"" + new string('x', 900) +
                                              "\",\"tags\":[\"a\",\"b\"],\"asset_extra_meta\":{}}");
            var headers = new Dictionary<string, string>
            {
                ["Host"] = "metastudio.cn-north-4.myhuaweicloud.com",
                ["Content-Type"] = "application/json",
                [AkSkSigner.DateHeader] = "20261124T010000Z",
                ["X-Project-Id"] = "0123456789abcdef0123456789abcdef",
            };
            var query = new[] { new KeyValuePair<string, string>("limit", "10") };
            var path = "/v1/0123456789abcdef0123456789abcdef/digital-assets";
            string last = null;
            var samples = Bench.Time(1, 5, _ =>
            {
                for (var i = 0; i < PerRun; i++)
                    last = AkSkSigner.Authorization("EMULATORACCESSKEY0001", secret, "POST", path, query, headers, body);
            });
            var perSign = samples.Select(ms => ms * 1000 / PerRun).ToArray(); // µs
            IEnumerable<BenchResult> results = new[]
            {
                Bench.Result("sign", $"AkSkSigner.Authorization, POST with {body.Length} B JSON body, 1 thread ({PerRun} per run)", perSign, "µs/signature",
                    m => $"{1e6 / m:#,0} signatures/s"),
            };
            return Task.FromResult(results);
        }
    }
}
