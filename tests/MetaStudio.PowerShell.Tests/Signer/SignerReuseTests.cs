using System;
using System.Collections.Generic;
using System.Linq;
using System.Net.Http;
using System.Security.Cryptography;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using MetaStudio.PowerShell.Core.Auth;
using Xunit;

namespace MetaStudio.PowerShell.Tests.Signer
{
    /// <summary>
    /// The signer reuses one set of buffers and one hasher per thread (SigningScratch). These check what reuse could
    /// break: the known vectors still hold after the buffers have grown and shrunk, many threads signing at once get
    /// exactly what one thread gets, the hand-rolled HMAC is HMAC-SHA256 for every key length, and no key bytes are
    /// left in a thread's buffers after a signature.
    /// </summary>
    public class SignerReuseTests
    {
        private const string GoldenAk = "GOLDENACCESSKEY00001";
        private static readonly byte[] GoldenSk = Encoding.UTF8.GetBytes("golden-secret-key");

        private static Dictionary<string, string> GoldenHeaders(string host, string project) => new(StringComparer.OrdinalIgnoreCase)
        {
            ["host"] = host, ["X-Sdk-Date"] = "20261124T010203Z", ["X-Project-Id"] = project, ["Content-Type"] = "application/json",
        };

        /// <summary>The first golden vector (Node's signature), signed by whatever thread runs it.</summary>
        private static string GoldenList() => AkSkSigner.Authorization(GoldenAk, GoldenSk, "GET", "/v1/0123456789abcdef0123456789abcdef/digital-assets",
            new[] { Kv("limit", "100"), Kv("offset", "0"), Kv("asset_type", "IMAGE,VIDEO"), Kv("name", "产品 demo") },
            GoldenHeaders("metastudio.cn-north-4.myhuaweicloud.com", "0123456789abcdef0123456789abcdef"), null);

        private const string GoldenListSignature = "SDK-HMAC-SHA256 Access=GOLDENACCESSKEY00001, SignedHeaders=content-type;host;x-project-id;x-sdk-date, " +
                                                   "Signature=53c344449d1d5310b36bdf4d137889af18fc641f79a25d620db69164bc484767";

        [Fact]
        public void Known_vectors_hold_before_and_after_the_buffers_grow()
        {
            Assert.Equal(GoldenListSignature, GoldenList());
            // A request far larger than the buffers start with (non-ASCII: three UTF-8 bytes a character), then the small one again.
            var big = Enumerable.Range(0, 300).Select(i => Kv("name" + i, new string('数', 50))).ToArray();
            var bigAuth = AkSkSigner.Authorization(GoldenAk, GoldenSk, "GET", "/v1/p/x", big, GoldenHeaders("h", "p"), null);
            Assert.Equal(bigAuth, AkSkSigner.Authorization(GoldenAk, GoldenSk, "GET", "/v1/p/x", big, GoldenHeaders("h", "p"), null));
            Assert.Equal(GoldenListSignature, GoldenList());
        }

        [Fact]
        public void Many_threads_signing_at_once_get_what_one_thread_gets()
        {
            // Inputs of every size (buffers grow on some threads and not others), keys short and longer than the HMAC block.
            var inputs = Enumerable.Range(0, 64).Select(i => new
            {
                Key = Encoding.UTF8.GetBytes(new string((char)('a' + i % 26), 1 + i * 3)),
                Query = Enumerable.Range(0, i % 9 * 20).Select(j => Kv("q" + j, (j % 2 == 0 ? "值" : "v") + i)).ToArray(),
                Body = i % 3 == 0 ? null : Encoding.UTF8.GetBytes("{\"n\":" + new string('1', i * 50) + "}"),
                Path = "/v1/p/assets/" + i + (i % 4 == 0 ? "/数字人" : ""),
            }).ToArray();
            var expected = inputs.Select(x => AkSkSigner.Authorization("AK", x.Key, "POST", x.Path, x.Query, GoldenHeaders("h", "p"), x.Body)).ToArray();
            Assert.Equal(inputs.Length, expected.Distinct().Count());

            var mismatches = 0;
            var goldenMisses = 0;
            Parallel.For(0, 2000, new ParallelOptions { MaxDegreeOfParallelism = 16 }, n =>
            {
                var i = n % inputs.Length;
                var x = inputs[i];
                if (AkSkSigner.Authorization("AK", x.Key, "POST", x.Path, x.Query, GoldenHeaders("h", "p"), x.Body) != expected[i])
                    Interlocked.Increment(ref mismatches);
                if (n % 7 == 0 && GoldenList() != GoldenListSignature) Interlocked.Increment(ref goldenMisses);
            });
            Assert.Equal(0, mismatches);
            Assert.Equal(0, goldenMisses);
        }

        [Fact]
        public void Credentials_signing_messages_from_many_threads_match_one_thread()
        {
            var credentials = new[]
            {
                new AkSkCredential("AK1", SecretText.ToSecureString("first-secret")),
                new AkSkCredential("AK2", SecretText.ToSecureString(new string('k', 100)), SecretText.ToSecureString("token-2")),
            };
            var date = new DateTimeOffset(2026, 11, 24, 1, 2, 3, TimeSpan.Zero);
            string Sign(int n)
            {
                var body = n % 2 == 0 ? null : Encoding.UTF8.GetBytes("{\"asset_name\":\"a" + n + "\"}");
                using var message = MsClientMessage(n % 2 == 0 ? "GET" : "POST", new Uri($"http://127.0.0.1:8080/v1/p/digital-assets/{n}?limit={n}&offset=0"), body);
                message.Headers.TryAddWithoutValidation("X-Project-Id", "p");
                credentials[n % 2].Sign(message, body, date);
                return message.Headers.GetValues("Authorization").Single();
            }
            var expected = Enumerable.Range(0, 40).Select(Sign).ToArray();
            var results = new string[800];
            Parallel.For(0, results.Length, new ParallelOptions { MaxDegreeOfParallelism = 16 }, n => results[n] = Sign(n % 40));
            for (var n = 0; n < results.Length; n++) Assert.Equal(expected[n % 40], results[n]);
        }

        [Fact]
        public void The_hmac_is_hmac_sha256_for_every_key_length()
        {
            var data = Encoding.UTF8.GetBytes("SDK-HMAC-SHA256\n20261124T010203Z\n" + new string('e', 64));
            var s = SigningScratch.Rent();
            for (var length = 0; length <= 200; length++)
            {
                var key = Enumerable.Range(0, length).Select(i => (byte)(i * 31 + 7)).ToArray();
                using var reference = new HMACSHA256(key);
                // The key sits at the start of a larger buffer, as the credential's scratch key does.
                var padded = key.Concat(new byte[17]).ToArray();
                Assert.Equal(reference.ComputeHash(data), s.Hmac(padded, length, data, data.Length));
            }
            SigningScratch.Return(s);
        }

        [Fact]
        public void No_key_bytes_stay_in_the_threads_buffers_after_signing()
        {
            var credential = new AkSkCredential("AK", SecretText.ToSecureString("a-secret-that-must-not-linger"));
            using var message = MsClientMessage("GET", new Uri("http://127.0.0.1:8080/v1/p/digital-assets"), null);
            credential.Sign(message, null);
            // The same thread gets back the set the signature used.
            var s = SigningScratch.Rent();
            Assert.All(s.KeyBytes, b => Assert.Equal(0, b));
            Assert.All(s.KeyChars, c => Assert.Equal('\0', c));
            Assert.All(s.Pad, b => Assert.Equal(0, b));
            SigningScratch.Return(s);
        }

        private static HttpRequestMessage MsClientMessage(string method, Uri uri, byte[]? body)
        {
            var message = new HttpRequestMessage(new HttpMethod(method), uri);
            if (body != null)
            {
                message.Content = new ByteArrayContent(body);
                message.Content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");
            }
            return message;
        }

        private static KeyValuePair<string, string> Kv(string k, string v) => new(k, v);
    }
}
