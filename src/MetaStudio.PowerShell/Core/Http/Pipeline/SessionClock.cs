#nullable enable
using System;
using System.Threading;

namespace MetaStudio.PowerShell.Core.Http.Pipeline
{
    /// <summary>
    /// A session's clock as it is at each moment (<see cref="MsSession.TimeProvider"/>), for what is built once with a
    /// clock of its own: the retry strategy's backoff. A test may give a session a virtual clock after it was built.
    /// </summary>
    internal sealed class SessionClock : TimeProvider
    {
        private readonly MsSession _session;

        public SessionClock(MsSession session) => _session = session;

        public override DateTimeOffset GetUtcNow() => _session.TimeProvider.GetUtcNow();
        public override long GetTimestamp() => _session.TimeProvider.GetTimestamp();
        public override long TimestampFrequency => _session.TimeProvider.TimestampFrequency;
        public override TimeZoneInfo LocalTimeZone => _session.TimeProvider.LocalTimeZone;

        public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
            => _session.TimeProvider.CreateTimer(callback, state, dueTime, period);
    }
}
