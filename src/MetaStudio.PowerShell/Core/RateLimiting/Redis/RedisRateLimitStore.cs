#nullable enable
using System;
using System.Threading.Tasks;
using MetaStudio.PowerShell.Core.Auth;
using StackExchange.Redis;

namespace MetaStudio.PowerShell.Core.RateLimiting.Redis
{
    /// <summary>
    /// The Redis store, through StackExchange.Redis. The only place the module touches that client: created by
    /// <see cref="RateLimitStores"/> only when a store is configured, so the client's assemblies are loaded (in the module's
    /// private load context, like every dependency) only then. The connection is made once per address and process and
    /// reconnects by itself; commands fail at once while it is down (no backlog), so the failure policy of
    /// <see cref="SharedRateLimitStore"/> decides what happens, not a queue.
    /// </summary>
    internal sealed class RedisRateLimitStore : IRateLimitBackend
    {
        private readonly ConfigurationOptions _options;
        private ConnectionMultiplexer? _connection;
        private Task? _connecting;

        public RedisRateLimitStore(RateLimitStoreAddress address) => _options = Options(address);

        public bool IsConnected => _connection?.IsConnected == true;

        /// <summary>The client's settings for an address: short timeouts, fail fast while disconnected, reconnect every second.</summary>
        internal static ConfigurationOptions Options(RateLimitStoreAddress address)
        {
            var options = new ConfigurationOptions
            {
                AbortOnConnectFail = false,
                ConnectTimeout = 2000,
                ConnectRetry = 1,
                SyncTimeout = 1000,
                AsyncTimeout = 1000,
                KeepAlive = 15,
                BacklogPolicy = BacklogPolicy.FailFast,
                ReconnectRetryPolicy = new LinearRetry(1000),
                ClientName = "MetaStudio.PowerShell",
                DefaultDatabase = address.Database,
                Ssl = address.Tls,
                User = address.User,
                Password = SecretText.Reveal(address.Password),
            };
            if (address.Tls) options.SslHost = address.Host;
            options.EndPoints.Add(address.Host, address.Port);
            return options;
        }

        /// <summary>The first connection, made once: ends when connected, or after the connect timeout with the client still trying.</summary>
        public Task ConnectAsync()
        {
            lock (_options) return _connecting ??= ConnectOnceAsync();
        }

        private async Task ConnectOnceAsync()
        {
            // With AbortOnConnectFail off this returns even when the server is down (and keeps trying in the background),
            // possibly before the first handshake is done: wait for it, as long as a connection may take.
            _connection = await ConnectionMultiplexer.ConnectAsync(_options).ConfigureAwait(false);
            var deadline = DateTime.UtcNow.AddMilliseconds(_options.ConnectTimeout);
            while (!_connection.IsConnected && DateTime.UtcNow < deadline) await Task.Delay(10).ConfigureAwait(false);
        }

        public Task<TimeSpan> ReserveAsync(string key, TimeSpan interval, TimeSpan tolerance) => ReserveAsync(key, interval, tolerance, null);

        /// <summary>As above; <paramref name="nowMicroseconds"/> replaces the server's clock (the script's arithmetic tests).</summary>
        internal async Task<TimeSpan> ReserveAsync(string key, TimeSpan interval, TimeSpan tolerance, long? nowMicroseconds)
        {
            var (wait, _) = await RunAsync(key, interval, tolerance, nowMicroseconds).ConfigureAwait(false);
            return wait;
        }

        /// <summary>The script's whole answer: the wait and how far the key's schedule now reaches past now.</summary>
        internal async Task<(TimeSpan Wait, TimeSpan Ahead)> RunAsync(string key, TimeSpan interval, TimeSpan tolerance, long? nowMicroseconds)
        {
            var connection = _connection ?? throw new RedisConnectionException(ConnectionFailureType.UnableToConnect, "not connected yet");
            var args = nowMicroseconds.HasValue
                ? new RedisValue[] { MicrosUp(interval), Micros(tolerance), nowMicroseconds.Value }
                : new RedisValue[] { MicrosUp(interval), Micros(tolerance) };
            // The client sends EVALSHA once the server knows the script (and EVAL again after a restart forgot it).
            var result = (RedisResult[]?)await connection.GetDatabase().ScriptEvaluateAsync(GcraScript.Text, new RedisKey[] { key }, args).ConfigureAwait(false);
            if (result == null || result.Length != 2) throw new RedisException("The rate-limit script gave an unexpected answer.");
            return (TimeSpan.FromTicks((long)result[0] * 10), TimeSpan.FromTicks((long)result[1] * 10));
        }

        /// <summary>The connection, for the store's tests and benchmark.</summary>
        internal ConnectionMultiplexer? Connection => _connection;

        private static long Micros(TimeSpan value) => value.Ticks / 10;

        /// <summary>An interval rounds up, so a schedule never runs faster than asked.</summary>
        private static long MicrosUp(TimeSpan value) => (value.Ticks + 9) / 10;

        public void Dispose() => _connection?.Dispose();
    }
}
