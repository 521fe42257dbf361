#nullable enable
using System;
using System.Management.Automation;
using System.Threading;
using MetaStudio.PowerShell.Core.Http;
using MetaStudio.PowerShell.Core.Model;

namespace MetaStudio.PowerShell.Core.Transfers
{
    /// <summary>
    /// One progress bar for a transfer of one or many parts: bytes done of the total, a record only when the percent
    /// changes. A part that is sent again (a retry) starts its count over, so the bar never overshoots.
    /// </summary>
    internal sealed class TransferProgress
    {
        private readonly CallContext _ctx;
        private readonly int _activityId;
        private readonly string _activity;
        private readonly bool _namePart;
        private long[] _done = Array.Empty<long>();
        private long _total;
        private int _lastPercent = -1;

        /// <param name="namePart">Start the status with the part's name ("audio 3: 1.2 MB of 8.0 MB"), for transfers of many files.</param>
        public TransferProgress(CallContext ctx, int activityId, string activity, bool namePart = false)
        {
            _ctx = ctx;
            _activityId = activityId;
            _activity = activity;
            _namePart = namePart;
        }

        /// <summary>Starts counting <paramref name="parts"/> parts of <paramref name="total"/> bytes in all (null: unknown).</summary>
        public void Begin(int parts, long? total)
        {
            _done = new long[parts];
            _total = total ?? -1;
            _lastPercent = -1;
        }

        public long Done
        {
            get
            {
                long sum = 0;
                for (var i = 0; i < _done.Length; i++) sum += Interlocked.Read(ref _done[i]);
                return sum;
            }
        }

        /// <summary>A status of its own ("Computing MD5 of cat.png").</summary>
        public void Say(string status) => Write(status, Percent(Done));

        public void Advance(int part, string what, long bytes)
        {
            Interlocked.Add(ref _done[part], bytes);
            Report(what);
        }

        /// <summary>The part is sent again from its start (or resumed from <paramref name="from"/> bytes).</summary>
        public void Restart(int part, long from = 0) => Interlocked.Exchange(ref _done[part], from);

        public void Complete() => _ctx.Progress(new ProgressRecord(_activityId, _activity, "Done") { RecordType = ProgressRecordType.Completed });

        private void Report(string what)
        {
            var done = Done;
            var percent = Percent(done);
            if (Interlocked.Exchange(ref _lastPercent, percent) == percent) return;
            var bytes = ByteSize.Progress(done, _total < 0 ? (long?)null : _total);
            Write(_namePart ? $"{what}: {bytes}" : bytes, percent);
        }

        private int Percent(long done) => _total < 0 ? -1 : _total == 0 ? 100 : (int)(Math.Min(done, _total) * 100 / _total);

        private void Write(string status, int percent)
            => _ctx.Progress(new ProgressRecord(_activityId, _activity, status) { PercentComplete = percent });
    }
}
