using System;
using System.Collections.Generic;
using System.Text;
using MetaStudio.PowerShell.Core.Auth;
using Xunit;

namespace MetaStudio.PowerShell.Tests.Signer
{
    /// <summary>
    /// Signatures produced once by the official Node signer (@huaweicloud/huaweicloud-sdk-core 3.1.211,
    /// AKSKSigner.sign) and kept as constants, so the signer is checked against an independent
    /// implementation on every machine, also where Node.js is absent. The emulator verifies with our own
    /// signer, so without these a shared canonicalisation bug would pass every emulator test.
    /// </summary>
    public class GoldenVectorTests
    {
        private const string Ak = "GOLDENACCESSKEY00001";
        private static readonly byte[] Sk = Encoding.UTF8.GetBytes("golden-secret-key");
        private const string Date = "20261124T010203Z";
        private const string Project = "0123456789abcdef0123456789abcdef";

        private static Dictionary<string, string> Headers(string host, string project, params (string, string)[] extra)
        {
            var h = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
            {
                ["host"] = host, ["X-Sdk-Date"] = Date, ["X-Project-Id"] = project, ["Content-Type"] = "application/json",
            };
            foreach (var (k, v) in extra) h[k] = v;
            return h;
        }

        [Fact]
        public void List_with_non_ascii_query_matches_node()
        {
            var auth = AkSkSigner.Authorization(Ak, Sk, "GET", $"/v1/{Project}/digital-assets",
                new[] { Kv("limit", "100"), Kv("offset", "0"), Kv("asset_type", "IMAGE,VIDEO"), Kv("name", "产品 demo") },
                Headers("metastudio.cn-north-4.myhuaweicloud.com", Project), null);
            Assert.Equal("SDK-HMAC-SHA256 Access=GOLDENACCESSKEY00001, SignedHeaders=content-type;host;x-project-id;x-sdk-date, " +
                         "Signature=53c344449d1d5310b36bdf4d137889af18fc641f79a25d620db69164bc484767", auth);
        }

        [Fact]
        public void Json_post_with_security_token_matches_node()
        {
            var body = Encoding.UTF8.GetBytes("{\"asset_name\":\"golden\",\"asset_type\":\"IMAGE\",\"tags\":[\"a\",\"b\"]}");
            var auth = AkSkSigner.Authorization(Ak, Sk, "POST", $"/v1/{Project}/digital-assets", Array.Empty<KeyValuePair<string, string>>(),
                Headers("metastudio.cn-east-3.myhuaweicloud.com", Project, ("X-Security-Token", "golden-token")), body);
            Assert.Equal("SDK-HMAC-SHA256 Access=GOLDENACCESSKEY00001, SignedHeaders=content-type;host;x-project-id;x-sdk-date;x-security-token, " +
                         "Signature=441254e51d0b7096eab000b9c0acdebab58e156f7e9ce79b1cb07a73f8295db4", auth);
        }

        [Fact]
        public void Delete_on_a_non_default_port_matches_node()
        {
            var auth = AkSkSigner.Authorization(Ak, Sk, "DELETE", "/v1/p/digital-assets/a1b2", new[] { Kv("mode", "force") },
                Headers("127.0.0.1:8080", "p"), null);
            Assert.Equal("SDK-HMAC-SHA256 Access=GOLDENACCESSKEY00001, SignedHeaders=content-type;host;x-project-id;x-sdk-date, " +
                         "Signature=5e0704dcf400ed5f2de904072570c929de03b28b2c651368eac8d11e6ccfed24", auth);
        }

        private static KeyValuePair<string, string> Kv(string k, string v) => new(k, v);
    }
}
