#nullable enable
using System;
using System.Globalization;
using System.Threading;
using System.Threading.Tasks;
using Polly;
using Polly.CircuitBreaker;
using Polly.Timeout;

namespace MetaStudio.PowerShell.Core.RateLimiting
{
    /// <summary>
    /// What a store does for the limiter: reserve a slot on a key's schedule and say how long to wait for it. The Redis
    /// implementation lives in Redis/ and is created only when a store is configured (so its client is loaded only then).
    /// </summary>
    internal interface IRateLimitBackend : IDisposable
    {
        /// <summary>Connected now (a failed store keeps reconnecting in the background).</summary>
        bool IsConnected { get; }

        /// <summary>The first connection, started once (later calls return the same task): ends when connected or given up for now; never throws for an unreachable store.</summary>
        Task ConnectAsync();

        /// <summary>Reserves one slot costing <paramref name="interval"/> with burst tolerance <paramref name="tolerance"/>; returns the wait.</summary>
        Task<TimeSpan> ReserveAsync(string key, TimeSpan interval, TimeSpan tolerance);
    }

    /// <summary>The store's answer to one reservation.</summary>
    internal readonly struct StoreAnswer
    {
        public StoreAnswer(bool reserved, TimeSpan wait, string? warning, string? note)
        {
            Reserved = reserved;
            Wait = wait;
            Warning = warning;
            Note = note;
        }

        /// <summary>False: the store did not answer (the caller goes on with its local share).</summary>
        public bool Reserved { get; }
        public TimeSpan Wait { get; }
        /// <summary>Once per outage: the warning to show.</summary>
        public string? Warning { get; }
        /// <summary>Once per recovery: the verbose note to show.</summary>
        public string? Note { get; }
    }

    /// <summary>
    /// A shared rate-limit store as the limiters of one process use it, with the failure policy of issue 10: every call
    /// has a short timeout; a circuit breaker (Polly) stops asking a store that keeps failing and tries it again after a
    /// pause; a failed reservation is never an error (the caller goes on with this process's share of the rate, see
    /// <see cref="OperationRateLimiter"/>), so a store failure loses or repeats no request. The first failure of an
    /// outage carries a warning, the first success after it a note. One per address per process (<see cref="RateLimitStores"/>).
    /// </summary>
    internal sealed class SharedRateLimitStore
    {
        /// <summary>How long one reservation may take.</summary>
        public static readonly TimeSpan DefaultTimeout = TimeSpan.FromMilliseconds(500);
        /// <summary>How long the breaker stays open before it lets one reservation try the store again.</summary>
        public static readonly TimeSpan DefaultBreakDuration = TimeSpan.FromSeconds(3);

        private readonly IRateLimitBackend _backend;
        private readonly TimeProvider _clock;
        private readonly ResiliencePipeline _pipeline;
        private int _down;
        private string? _reason;
        private DateTimeOffset _downSince;
        private long _reservations;

        internal SharedRateLimitStore(RateLimitStoreAddress address, IRateLimitBackend backend, TimeProvider? clock = null,
            TimeSpan? timeout = null, TimeSpan? breakDuration = null)
        {
            Address = address.ToString();
            Endpoint = address.Endpoint;
            _backend = backend;
            _clock = clock ?? TimeProvider.System;
            _pipeline = new ResiliencePipelineBuilder { TimeProvider = _clock }
                .AddCircuitBreaker(new CircuitBreakerStrategyOptions
                {
                    // Two reservations in a row that fail are enough: a store is up or down, rarely in between.
                    FailureRatio = 0.5,
                    MinimumThroughput = 2,
                    SamplingDuration = TimeSpan.FromSeconds(10),
                    BreakDuration = breakDuration ?? DefaultBreakDuration,
                    ShouldHandle = args => new ValueTask<bool>(args.Outcome.Exception != null
                        && !(args.Outcome.Exception is OperationCanceledException && args.Context.CancellationToken.IsCancellationRequested)),
                })
                .AddTimeout(timeout ?? DefaultTimeout)
                .Build();
        }

        /// <summary>The address as shown (password masked).</summary>
        public string Address { get; }

        /// <summary>Host and port, for the loopback guard.</summary>
        internal Uri Endpoint { get; }

        /// <summary>Connected, Connecting, or Unreachable since when and why.</summary>
        public string State
        {
            get
            {
                if (Volatile.Read(ref _down) == 1)
                    return string.Format(CultureInfo.InvariantCulture, "Unreachable since {0:HH:mm:ss} ({1})", _downSince.ToLocalTime(), _reason);
                if (_backend.IsConnected) return "Connected";
                return _backend.ConnectAsync().IsCompleted ? "Unreachable (not connected yet)" : "Connecting";
            }
        }

        /// <summary>Whether the store answers (false while it is known to be down).</summary>
        public bool Available => Volatile.Read(ref _down) == 0 && _backend.IsConnected;

        /// <summary>Reservations the store answered.</summary>
        public long Reservations => Interlocked.Read(ref _reservations);

        /// <summary>
        /// Waits for the first connection (Connect-MsService, so it can report the state); returns a warning when the
        /// store cannot be reached, and counts that as the outage's one warning.
        /// </summary>
        internal async Task<string?> ConnectAsync()
        {
            await _backend.ConnectAsync().ConfigureAwait(false);
            if (_backend.IsConnected) return null;
            return MarkDown("it does not answer");
        }

        internal async ValueTask<StoreAnswer> ReserveAsync(string key, double intervalSeconds, double toleranceSeconds, CancellationToken cancellationToken)
        {
            _ = _backend.ConnectAsync();
            try
            {
                var interval = TimeSpan.FromTicks((long)Math.Ceiling(intervalSeconds * TimeSpan.TicksPerSecond));
                var tolerance = TimeSpan.FromTicks((long)Math.Floor(toleranceSeconds * TimeSpan.TicksPerSecond));
                var wait = await _pipeline.ExecuteAsync(
                    async token => await WithCancellation(_backend.ReserveAsync(key, interval, tolerance), token).ConfigureAwait(false),
                    cancellationToken).ConfigureAwait(false);
                Interlocked.Increment(ref _reservations);
                string? note = null;
                if (Interlocked.Exchange(ref _down, 0) == 1)
                    note = $"Rate limiter: the rate-limit store {Address} answers again; limits are shared through it again.";
                return new StoreAnswer(true, wait, null, note);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                throw;
            }
            catch (Exception ex)
            {
                return new StoreAnswer(false, TimeSpan.Zero, MarkDown(Describe(ex)), null);
            }
        }

        /// <summary>Records an outage; returns the warning when it is the first failure since the store last answered.</summary>
        private string? MarkDown(string reason)
        {
            _reason = reason;
            if (Interlocked.Exchange(ref _down, 1) == 1) return null;
            _downSince = _clock.GetUtcNow();
            return $"The rate-limit store {Address} is unreachable ({reason}). Until it answers again, this process keeps the rate " +
                   "limits alone, at its -RateLimitShare of each published rate; throttled calls are still retried. Nothing was lost.";
        }

        private static string Describe(Exception ex) => ex switch
        {
            BrokenCircuitException _ => "it failed moments ago; not asked again yet",
            TimeoutRejectedException _ => "no answer within the store's timeout",
            _ => FirstLine((ex.InnerException ?? ex).Message),
        };

        private static string FirstLine(string text)
        {
            var end = text.IndexOfAny(new[] { '\r', '\n' });
            text = end < 0 ? text : text.Substring(0, end);
            return text.Length > 160 ? text.Substring(0, 160) + "…" : text;
        }

        /// <summary>Ends with the task or when <paramref name="token"/> is cancelled (the store's client takes no token).</summary>
        private static async Task<T> WithCancellation<T>(Task<T> task, CancellationToken token)
        {
            if (task.IsCompleted || !token.CanBeCanceled) return await task.ConfigureAwait(false);
            var cancelled = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
            using (token.Register(s => ((TaskCompletionSource<bool>)s!).TrySetResult(true), cancelled))
            {
                if (await Task.WhenAny(task, cancelled.Task).ConfigureAwait(false) != task)
                {
                    // The abandoned call may still fail later: observe it so it is not reported as unobserved.
                    _ = task.ContinueWith(t => _ = t.Exception, TaskScheduler.Default);
                    token.ThrowIfCancellationRequested();
                }
            }
            return await task.ConfigureAwait(false);
        }

        public override string ToString() => $"{Address} ({State})";
    }
}
