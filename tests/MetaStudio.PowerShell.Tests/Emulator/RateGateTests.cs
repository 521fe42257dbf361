using System.Linq;
using MetaStudio.Emulator;
using MetaStudio.Emulator.Infrastructure;
using MetaStudio.PowerShell.Core.Catalog;
using Xunit;

namespace MetaStudio.PowerShell.Tests.Emulator
{
    /// <summary>The emulator's service bucket, on a clock the test moves by hand: how much burst it lets through.</summary>
    public class RateGateTests
    {
        private const string Region = "cn-north-4";
        private static readonly Operation ShowAsset = OperationCatalog.Get(OperationId.ShowAsset); // 20/s in cn-north-4
        private double _now;

        private RateGate Gate(double? burst = null)
        {
            var options = new EmulatorOptions();
            if (burst.HasValue) options.RateLimitBurst = burst.Value;
            return new RateGate(options, () => _now);
        }

        private static int PassingAtOnce(RateGate gate, int tries = 100)
            => Enumerable.Range(0, tries).Count(_ => gate.TryPass("tenant", Region, ShowAsset));

        [Fact]
        public void By_default_a_full_second_of_calls_passes_at_once_and_no_more()
            => Assert.Equal(ShowAsset.RateLimit(Region), PassingAtOnce(Gate()));

        [Fact]
        public void Burst_is_a_number_of_seconds_of_calls()
            => Assert.Equal(ShowAsset.RateLimit(Region) / 4, PassingAtOnce(Gate(0.25)));

        [Fact]
        public void A_strict_bucket_without_burst_wants_calls_one_interval_apart()
        {
            var gate = Gate(0);
            Assert.Equal(1, PassingAtOnce(gate));
            _now += 0.9 / ShowAsset.RateLimit(Region);
            Assert.False(gate.TryPass("tenant", Region, ShowAsset), "a call 0.9 intervals after the last one is refused");
            _now += 0.1 / ShowAsset.RateLimit(Region) + 1e-9;
            Assert.True(gate.TryPass("tenant", Region, ShowAsset), "a call one interval after the last one passes");
            // A long pause does not store up calls either: the bucket holds one.
            _now += 10;
            Assert.Equal(1, PassingAtOnce(gate));
        }

        [Fact]
        public void The_burst_can_change_while_the_emulator_runs()
        {
            var options = new EmulatorOptions();
            var gate = new RateGate(options, () => _now);
            Assert.Equal(20, PassingAtOnce(gate));
            options.RateLimitBurst = 0;
            _now += 10;
            Assert.Equal(1, PassingAtOnce(gate));
        }

        [Fact]
        public void Buckets_are_per_tenant_and_operation()
        {
            var gate = Gate(0);
            Assert.True(gate.TryPass("a", Region, ShowAsset));
            Assert.True(gate.TryPass("b", Region, ShowAsset));
            Assert.True(gate.TryPass("a", Region, OperationCatalog.Get(OperationId.ListAssets)));
            Assert.False(gate.TryPass("a", Region, ShowAsset));
        }
    }
}
