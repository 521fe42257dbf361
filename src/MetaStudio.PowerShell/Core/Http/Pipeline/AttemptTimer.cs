#nullable enable
using System;
using System.Threading;

namespace MetaStudio.PowerShell.Core.Http.Pipeline
{
    /// <summary>
    /// The timeout of one attempt, on the session's clock. <see cref="Touch"/> restarts it, so a long upload or
    /// download that keeps moving bytes is never cut off, while one that stalls is. Until
    /// <see cref="AttemptTimeoutPolicy"/> starts it, it does not run (signing, which may fetch a token, is not timed).
    /// </summary>
    internal sealed class AttemptTimer : IDisposable
    {
        private readonly CancellationTokenSource _cts;
        private readonly TimeProvider _clock;
        private ITimer? _timer;
        private bool _started;

        [System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1068", Justification = "The call's token is what the timer links to; timeout and clock describe it.")]
        public AttemptTimer(CancellationToken callToken, TimeSpan timeout, TimeProvider clock)
        {
            _cts = CancellationTokenSource.CreateLinkedTokenSource(callToken);
            _clock = clock;
            Timeout = timeout;
        }

        /// <summary>The limit; zero or less, or infinite, means none.</summary>
        public TimeSpan Timeout { get; }

        /// <summary>Cancelled when the caller cancels or the attempt runs out of time.</summary>
        public CancellationToken Token => _cts.Token;

        private bool Limited => Timeout > TimeSpan.Zero && Timeout != System.Threading.Timeout.InfiniteTimeSpan;

        public void Start()
        {
            _started = true;
            Touch();
        }

        /// <summary>Bytes moved: the attempt has <see cref="Timeout"/> again from now.</summary>
        public void Touch()
        {
            if (!_started || !Limited) return;
            try
            {
                // The system clock's own timer is the token source's; other clocks (tests) get a timer of theirs.
                if (ReferenceEquals(_clock, TimeProvider.System)) _cts.CancelAfter(Timeout);
                else (_timer ??= _clock.CreateTimer(Fire, this, System.Threading.Timeout.InfiniteTimeSpan, System.Threading.Timeout.InfiniteTimeSpan))
                    .Change(Timeout, System.Threading.Timeout.InfiniteTimeSpan);
            }
            catch (ObjectDisposedException)
            {
                // The attempt is over.
            }
        }

        private static void Fire(object? state)
        {
            var self = (AttemptTimer)state!;
            try { self._cts.Cancel(); }
            catch (ObjectDisposedException) { }
        }

        public void Dispose()
        {
            _timer?.Dispose();
            _cts.Dispose();
        }
    }
}
