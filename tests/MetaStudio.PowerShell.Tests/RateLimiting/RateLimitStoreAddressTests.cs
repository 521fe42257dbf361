using System;
using MetaStudio.PowerShell.Core.Auth;
using MetaStudio.PowerShell.Core.Catalog;
using MetaStudio.PowerShell.Core.Http;
using MetaStudio.PowerShell.Core.RateLimiting;
using MetaStudio.PowerShell.Core.RateLimiting.Redis;
using Xunit;

namespace MetaStudio.PowerShell.Tests.RateLimiting
{
    /// <summary>The store's address: what -RateLimitStore and METASTUDIO_RATELIMIT_STORE take, and how it shows (no password).</summary>
    public class RateLimitStoreAddressTests
    {
        /// <summary>A store address that must parse to one (Parse gives null only for "none" or nothing).</summary>
        internal static RateLimitStoreAddress Parsed(string text)
            => RateLimitStoreAddress.Parse(text) ?? throw new Xunit.Sdk.XunitException($"'{text}' parsed to no store");

        [Theory]
        [InlineData("redis://127.0.0.1:6380", false, "127.0.0.1", 6380, 0, null, "redis://127.0.0.1:6380/0")]
        [InlineData("redis://cache.internal", false, "cache.internal", 6379, 0, null, "redis://cache.internal:6379/0")]
        [InlineData("redis://:s3cret@cache:7000/2", false, "cache", 7000, 2, null, "redis://:***@cache:7000/2")]
        [InlineData("redis://jobs:p%40ss@cache:7000/1", false, "cache", 7000, 1, "jobs", "redis://jobs:***@cache:7000/1")]
        [InlineData("rediss://jobs@cache.example:6380", true, "cache.example", 6380, 0, "jobs", "rediss://jobs@cache.example:6380/0")]
        [InlineData("redis://[::1]:6379/3", false, "::1", 6379, 3, null, "redis://[::1]:6379/3")]
        public void Addresses_parse_and_show_without_their_password(string text, bool tls, string host, int port, int db, string? user, string shown)
        {
            var a = RateLimitStoreAddress.Parse(text);
            Assert.NotNull(a);
            Assert.Equal(tls, a.Tls);
            Assert.Equal(host, a.Host);
            Assert.Equal(port, a.Port);
            Assert.Equal(db, a.Database);
            Assert.Equal(user, a.User);
            Assert.Equal(shown, a.ToString());
            Assert.DoesNotContain("s3cret", a.ToString());
            Assert.DoesNotContain("p@ss", a.ToString());
        }

        [Fact]
        public void The_password_from_the_address_reaches_the_client_decoded_and_a_credential_replaces_it()
        {
            var a = RateLimitStoreAddress.Parse("redis://jobs:p%40ss@cache:7000/1");
            Assert.NotNull(a);
            Assert.True(a.PasswordInAddress);
            Assert.Equal("p@ss", SecretText.Reveal(a.Password));
            var options = RedisRateLimitStore.Options(a);
            Assert.Equal("jobs", options.User);
            Assert.Equal("p@ss", options.Password);
            Assert.Equal(1, options.DefaultDatabase);
            Assert.False(options.Ssl);
            Assert.False(options.AbortOnConnectFail);
            Assert.DoesNotContain("p@ss", options.ToString(includePassword: false));

            var withCredential = a.WithCredential("ops", SecretText.ToSecureString("other"));
            Assert.Equal("ops", withCredential.User);
            Assert.Equal("other", SecretText.Reveal(withCredential.Password));
            // "default" is Redis's own user: no user name, so old servers without ACLs accept the password too.
            Assert.Null(a.WithCredential("default", SecretText.ToSecureString("x")).User);
        }

        [Fact]
        public void Rediss_means_TLS_with_the_host_name_checked()
        {
            var options = RedisRateLimitStore.Options(Parsed("rediss://cache.example:6380"));
            Assert.True(options.Ssl);
            Assert.Equal("cache.example", options.SslHost);
        }

        [Theory]
        [InlineData("none")]
        [InlineData("NONE")]
        [InlineData("")]
        [InlineData(null)]
        public void None_or_nothing_is_no_store(string? text) => Assert.Null(RateLimitStoreAddress.Parse(text));

        [Theory]
        [InlineData("http://cache:6379", "must look like")]
        [InlineData("cache:6379", "must look like")]
        [InlineData("redis://cache:6379/x", "database")]
        [InlineData("redis://cache:6379/16", "database")]
        [InlineData("redis://cache:6379/0?ssl=true", "no options")]
        [InlineData("memcached://u:hunter2@cache:6379", "must look like")]
        public void Wrong_addresses_are_refused_with_the_expected_shape_and_no_password(string text, string says)
        {
            var ex = Assert.Throws<ArgumentException>(() => RateLimitStoreAddress.Parse(text));
            Assert.Contains(says, ex.Message);
            Assert.DoesNotContain("hunter2", ex.Message);
        }

        [Fact]
        public void A_store_off_this_machine_is_refused_while_the_loopback_guard_is_on()
        {
            // The test suites set METASTUDIO_LOOPBACK_ONLY=1 (TestEnvironment).
            Assert.True(NetworkGuard.Enabled);
            Assert.Throws<NetworkGuardException>(() => RateLimitStores.Get(Parsed("redis://10.1.2.3:6379")));
        }

        [Fact]
        public void The_store_key_is_one_per_tenant_region_and_api_inside_a_cluster_hash_tag()
        {
            var key = new RateLimitKey("p1", "cn-north-4", OperationCatalog.Get(OperationId.ShowAsset), scale: 0.5, share: 0.3).StoreKey;
            Assert.Equal("metastudio:ratelimit:{p1:cn-north-4:ShowAsset}", key);
        }
    }
}
