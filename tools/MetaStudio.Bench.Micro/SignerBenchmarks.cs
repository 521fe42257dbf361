using System;
using System.Collections.Generic;
using System.Net.Http;
using System.Text;
using BenchmarkDotNet.Attributes;
using MetaStudio.Emulator;
using MetaStudio.PowerShell.Core.Auth;

namespace MetaStudio.Bench.Micro
{
    /// <summary>
    /// The AK/SK signer, paid on every attempt of every call: the bare signature for a GET and a 1 KB POST, and the
    /// whole step the client runs per attempt (headers read from the message, the key revealed, the header written).
    /// </summary>
    [BenchmarkCategory("sign")]
    public class SignerBenchmarks
    {
        private const string Path = "/v1/0123456789abcdef0123456789abcdef/digital-assets/4f1e2d3c4b5a69788796a5b4c3d2e1f0";
        private readonly byte[] _secret = Encoding.UTF8.GetBytes(EmulatorOptions.DefaultSecretKey);
        private readonly AkSkCredential _credential = new(EmulatorOptions.DefaultAccessKey, SecretText.ToSecureString(EmulatorOptions.DefaultSecretKey));
        private readonly Uri _uri = new("http://127.0.0.1:5000" + Path);
        // Set in GlobalSetup, before any benchmark runs.
        private Dictionary<string, string> _headers = null!;
        private byte[] _body = null!;

        [GlobalSetup]
        public void Setup()
        {
            _headers = new Dictionary<string, string>
            {
                ["host"] = "metastudio.cn-north-4.myhuaweicloud.com",
                [AkSkSigner.DateHeader] = "20261124T010000Z",
                ["X-Project-Id"] = "0123456789abcdef0123456789abcdef",
            };
            // A typical CreateDigitalAsset: ~1 KB of JSON.
            _body = Encoding.UTF8.GetBytes("{\"asset_name\":\"bench\",\"asset_type\":\"IMAGE\",\"asset_description\":\"" + new string('x', 900) +
                                           "\",\"tags\":[\"a\",\"b\"],\"asset_extra_meta\":{}}");
        }

        [Benchmark(Baseline = true, Description = "AkSkSigner.Authorization, GET (ShowAsset)")]
        public string SignGet() => AkSkSigner.Authorization(EmulatorOptions.DefaultAccessKey, _secret, "GET", Path, null, _headers, null);

        [Benchmark(Description = "AkSkSigner.Authorization, POST 1 KB JSON")]
        public string SignPost() => AkSkSigner.Authorization(EmulatorOptions.DefaultAccessKey, _secret, "POST", Path, null, _headers, _body);

        [Benchmark(Description = "AkSkCredential.Sign(HttpRequestMessage), GET: the client's step per attempt")]
        public int SignMessage()
        {
            using var message = new HttpRequestMessage(HttpMethod.Get, _uri);
            message.Headers.TryAddWithoutValidation("X-Project-Id", "0123456789abcdef0123456789abcdef");
            _credential.Sign(message, null);
            return message.Headers.Authorization == null ? 0 : 1;
        }
    }
}
