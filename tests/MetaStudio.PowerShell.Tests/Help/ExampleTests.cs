using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using MetaStudio.Emulator;
using MetaStudio.HelpBuilder;
using MetaStudio.PowerShell.Tests.Infrastructure;
using MetaStudio.PowerShell.Tests.Module;
using Xunit;

namespace MetaStudio.PowerShell.Tests.Help
{
    /// <summary>
    /// Example 1 of every cmdlet runs as written against a fresh emulator whose session is the runspace default.
    /// Examples may read the keys from $env:HUAWEICLOUD_SDK_AK / _SK (Connect-MsService does): the test points
    /// those at the emulator's keys by rewriting them to runspace variables (the process environment is shared by
    /// parallel tests, so it is never set) and makes the emulator the default -Endpoint of Connect-MsService
    /// through $PSDefaultParameterValues.
    /// </summary>
    public class ExampleTests
    {
        internal static string Runnable(string code) => code
            .Replace("$env:HUAWEICLOUD_SDK_AK", "$HUAWEICLOUD_SDK_AK", StringComparison.OrdinalIgnoreCase)
            .Replace("$env:HUAWEICLOUD_SDK_SK", "$HUAWEICLOUD_SDK_SK", StringComparison.OrdinalIgnoreCase);

        private static void PointAtEmulator(PsSession ps, EmulatorHost emu)
            => ps.Run("$PSDefaultParameterValues['Connect-MsService:Endpoint'] = $endpoint", new Dictionary<string, object>
            {
                ["endpoint"] = emu.BaseUri.ToString(),
                ["HUAWEICLOUD_SDK_AK"] = EmulatorOptions.DefaultAccessKey,
                ["HUAWEICLOUD_SDK_SK"] = EmulatorOptions.DefaultSecretKey,
            }).AssertNoErrors();

        [Fact]
        public async Task Example_1_of_every_cmdlet_runs_without_errors()
        {
            var violations = new List<string>();
            foreach (var cmdlet in ModuleFacts.ExportedCmdlets)
            {
                var path = TestPaths.Repo("docs", cmdlet.Name + ".md");
                if (!File.Exists(path)) continue;   // reported by CmdletHelpTests
                var doc = MarkdownHelp.ParseCommand(File.ReadAllText(path));
                var example = doc.Examples.FirstOrDefault();
                if (example == null || example.Code.Length == 0)
                {
                    violations.Add($"{cmdlet.Name}: no Example 1 code");
                    continue;
                }
                await using var emu = await EmulatorHost.StartAsync(new EmulatorOptions());
                using var ps = new PsSession(emu);
                PointAtEmulator(ps, emu);
                // A guard against a hanging example (a wait that never ends), not a timing assertion.
                var run = Task.Run(() => ps.Run(Runnable(example.Code)));
                if (await Task.WhenAny(run, Task.Delay(TimeSpan.FromMinutes(3))) != run)
                {
                    violations.Add($"{cmdlet.Name}: Example 1 did not finish within 3 minutes");
                    continue;
                }
                var r = await run;
                var errors = r.AllErrors.ToList();
                if (errors.Count > 0)
                    violations.Add($"{cmdlet.Name}: " + string.Join("; ", errors.Select(e => $"{e.FullyQualifiedErrorId}: {e}")));
                // An example that runs but never reaches its own API shows nothing about the cmdlet.
                var operations = ApiDocs.OperationsOf(cmdlet.Name).Select(o => o.ToString()).ToHashSet();
                if (operations.Count > 0 && !emu.Log.All.Any(e => e.Operation != null && operations.Contains(e.Operation) && e.Status < 300))
                    violations.Add($"{cmdlet.Name}: Example 1 never called {string.Join(" or ", operations)} successfully");
            }
            ModuleFacts.AssertNone(violations, "Example 1 failed");
        }

        [Fact]
        public async Task Connect_example_really_connects_to_the_emulator()
        {
            var code = MarkdownHelp.ParseCommand(File.ReadAllText(TestPaths.Repo("docs", "Connect-MsService.md"))).Examples[0].Code;
            await using var emu = await EmulatorHost.StartAsync(new EmulatorOptions());
            using var ps = new PsSession(emu, connect: false);
            PointAtEmulator(ps, emu);
            var r = ps.Run(Runnable(code)).AssertNoErrors();
            Assert.Equal(EmulatorOptions.ProjectIdFor("cn-north-4"), r.Output.Single().ToString());
            Assert.Contains(emu.Log.All, e => e.Path == "/v3/projects" && e.Status == 200);
        }
    }
}
