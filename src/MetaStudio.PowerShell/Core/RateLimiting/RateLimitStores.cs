#nullable enable
using System;
using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using System.Security.Cryptography;
using MetaStudio.PowerShell.Core.Auth;
using MetaStudio.PowerShell.Core.Http;
using MetaStudio.PowerShell.Core.RateLimiting.Redis;

namespace MetaStudio.PowerShell.Core.RateLimiting
{
    /// <summary>
    /// The shared rate-limit stores of this process: one per address (and user and password), shared by every session
    /// and runspace that names it, like the limiters themselves.
    /// </summary>
    internal static class RateLimitStores
    {
        private static readonly ConcurrentDictionary<string, SharedRateLimitStore> Stores = new ConcurrentDictionary<string, SharedRateLimitStore>(StringComparer.Ordinal);

        /// <summary>
        /// The store at <paramref name="address"/>, connecting in the background on first use. With
        /// METASTUDIO_LOOPBACK_ONLY set, a store off this machine is refused like any other destination.
        /// </summary>
        public static SharedRateLimitStore Get(RateLimitStoreAddress address)
        {
            if (address == null) throw new ArgumentNullException(nameof(address));
            if (NetworkGuard.Enabled && !address.Endpoint.IsLoopback)
                throw new NetworkGuardException($"{NetworkGuard.Variable} is set, so nothing may leave this machine, but the rate-limit store {address} is not on it.", address.Endpoint);
            var key = address.Identity + "|" + PasswordIdentity(address);
            return Stores.GetOrAdd(key, _ => new SharedRateLimitStore(address, CreateRedis(address)));
        }

        /// <summary>
        /// Kept apart so that StackExchange.Redis is loaded when a store is configured, not when the module is imported or
        /// this class is first used for anything else.
        /// </summary>
        [MethodImpl(MethodImplOptions.NoInlining)]
        [System.Diagnostics.CodeAnalysis.SuppressMessage("Performance", "CA1859", Justification = "The interface keeps the Redis store's type out of the caller's signature, so nothing of Redis loads until a store is configured.")]
        private static IRateLimitBackend CreateRedis(RateLimitStoreAddress address) => new RedisRateLimitStore(address);

        /// <summary>Two sessions with different passwords for one address get different connections; the password itself is not kept as text.</summary>
        private static string PasswordIdentity(RateLimitStoreAddress address)
        {
            if (address.Password == null) return "";
            return SecretText.WithUtf8Bytes(address.Password, bytes =>
            {
                using (var sha = SHA256.Create()) return Convert.ToBase64String(sha.ComputeHash(bytes));
            });
        }
    }
}
