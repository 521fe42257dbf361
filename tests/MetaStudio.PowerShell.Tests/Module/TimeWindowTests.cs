using System.Linq;
using MetaStudio.Emulator;
using MetaStudio.PowerShell.Tests.Infrastructure;
using Xunit;

namespace MetaStudio.PowerShell.Tests.Module
{
    /// <summary>One rule for every list with a time window, applied once (MsCmdlet, ITimeWindow): an inverted window is refused before any request.</summary>
    public class TimeWindowTests : IClassFixture<EmulatorFixture>
    {
        private readonly EmulatorHost _emu;

        public TimeWindowTests(EmulatorFixture f) => _emu = f.Emulator;

        [Fact]
        public void Every_cmdlet_with_StartTime_and_EndTime_refuses_an_inverted_window_and_sends_nothing()
        {
            using var ps = new PsSession(_emu);
            var cmdlets = ps.Run("Get-Command -Module MetaStudio -CommandType Cmdlet | Where-Object { $_.Parameters.ContainsKey('StartTime') -and $_.Parameters.ContainsKey('EndTime') } | ForEach-Object Name")
                .AssertNoErrors().All<string>().ToList();
            // The lists of assets, rooms, rule libraries, products, video tasks, live tasks and training jobs: none may slip through.
            Assert.True(cmdlets.Count >= 8, string.Join(", ", cmdlets));
            foreach (var cmdlet in cmdlets)
            {
                var before = _emu.Log.All.Count;
                var r = ps.Run($"{cmdlet} -StartTime ([datetime]'2026-03-02') -EndTime ([datetime]'2026-03-01'); 'after'");
                // A statement-terminating error: the cmdlet stops, the script goes on.
                var error = Assert.Single(r.AllErrors);
                Assert.StartsWith("MetaStudio.InvalidInput", error.FullyQualifiedErrorId);
                Assert.Contains("is after -EndTime", error.Exception.Message);
                Assert.Equal("after", Assert.Single(r.Output).BaseObject);
                Assert.Equal(before, _emu.Log.All.Count);

                // Control: the same window the right way round is sent.
                ps.Run($"{cmdlet} -StartTime ([datetime]'2026-03-01') -EndTime ([datetime]'2026-03-02') | Out-Null").AssertNoErrors();
                Assert.True(_emu.Log.All.Count > before, $"{cmdlet} sent nothing for a good window");
            }
        }
    }
}
