using System;
using System.Linq;
using System.Management.Automation;
using System.Threading;
using MetaStudio.Emulator;
using MetaStudio.PowerShell.Tests.Infrastructure;
using Xunit;
using static MetaStudio.PowerShell.Tests.Session.SessionTestKit;

namespace MetaStudio.PowerShell.Tests.Session
{
    /// <summary>Ctrl+C (PowerShell.Stop) ends a slow call at once; the guard timeouts only catch hangs.</summary>
    public class CancellationTests : IClassFixture<EmulatorFixture>
    {
        private static readonly TimeSpan Guard = TimeSpan.FromSeconds(15);
        private static readonly TimeSpan ServiceDelay = TimeSpan.FromSeconds(30);
        private readonly EmulatorHost _emu;

        public CancellationTests(EmulatorFixture f)
        {
            _emu = f.Emulator;
            _emu.Faults.Reset();
            AddAssetHandlers(_emu);
        }

        /// <summary>Runs the script, stops it (Ctrl+C) once the emulator holds its request, and checks the pipeline stopped and the request's connection closed.</summary>
        internal static void StopWhileRunning(PsSession ps, string script, EmulatorHost emu, string loggedPath)
        {
            using var pwsh = System.Management.Automation.PowerShell.Create();
            pwsh.Runspace = ps.Runspace;
            pwsh.AddScript(script);
            var async = pwsh.BeginInvoke();
            // Stop once the request is held by the emulator's delay (the event itself, not a guess at how long it takes).
            Assert.True(SpinWait.SpinUntil(() => emu.Faults.Held > 0, Guard), "the request never reached the emulator");
            var stop = pwsh.BeginStop(null, null);
            Assert.True(stop.AsyncWaitHandle.WaitOne(Guard), "Stop() hung");
            pwsh.EndStop(stop);
            Assert.True(async.AsyncWaitHandle.WaitOne(Guard), "the pipeline did not end");
            Assert.Equal(PSInvocationState.Stopped, pwsh.InvocationStateInfo.State);
            // The emulator logs the request when it ends; within the guard (half the service delay)
            // that can only mean Ctrl+C closed the connection it was waiting on.
            var deadline = DateTime.UtcNow + Guard;
            while (!emu.Log.All.Any(e => e.Path == loggedPath) && DateTime.UtcNow < deadline) Thread.Sleep(50);
            Assert.Contains(emu.Log.All, e => e.Path == loggedPath);
        }

        [Fact]
        public void Ctrl_C_stops_a_slow_project_lookup_in_connect()
        {
            _emu.Faults.Operation = "/v3/projects";
            _emu.Faults.Delay = ServiceDelay;
            try
            {
                using var ps = new PsSession(_emu, connect: false);
                StopWhileRunning(ps, $"Connect-MsService -Region cn-north-4 -Endpoint '{_emu.BaseUri}' -AccessKey {EmulatorOptions.DefaultAccessKey} -SecretKey '{EmulatorOptions.DefaultSecretKey}'", _emu, "/v3/projects");
                // Nothing half-made is left behind, and the runspace still works.
                Assert.Single(ps.Run("Get-MsSession").AllErrors);
            }
            finally
            {
                _emu.Faults.Reset();
            }
        }

        [Fact]
        public void Ctrl_C_stops_a_slow_call_from_a_cmdlet()
        {
            using var ps = new PsSession(_emu);
            ps.Run(InvokeMsTestCallCommand.ImportScript).AssertNoErrors();
            _emu.Faults.Operation = "ShowAsset";
            _emu.Faults.Delay = ServiceDelay;
            try
            {
                StopWhileRunning(ps, "Invoke-MsTestCall ShowAsset slow", _emu, "/v1/" + EmulatorOptions.ProjectIdFor("cn-north-4") + "/digital-assets/slow");
            }
            finally
            {
                _emu.Faults.Reset();
            }
            Assert.Equal(200, ps.Run("Invoke-MsTestCall ShowAsset fast").AssertNoErrors().Single<int>());
        }
    }
}
