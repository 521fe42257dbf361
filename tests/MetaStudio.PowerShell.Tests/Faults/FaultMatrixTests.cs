using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Threading.Tasks;
using MetaStudio.Emulator;
using MetaStudio.Emulator.Infrastructure;
using MetaStudio.PowerShell.Assets;
using MetaStudio.PowerShell.Core.Errors;
using MetaStudio.PowerShell.Products;
using MetaStudio.PowerShell.Tests.Infrastructure;
using MetaStudio.PowerShell.Video;
using Xunit;
using Xunit.Abstractions;

namespace MetaStudio.PowerShell.Tests.Faults
{
    /// <summary>An emulator of its own for the fault matrix: virtual time (backoffs and Retry-After do not sleep), no service-side rate gate.</summary>
    public sealed class FaultMatrixFixture : IAsyncLifetime
    {
        public EmulatorHost Emulator { get; private set; } = null!;   // set in InitializeAsync, which xunit runs before the tests
        public VirtualTime Time { get; } = new();

        public async Task InitializeAsync() => Emulator = await EmulatorHost.StartAsync(Time.Options(new EmulatorOptions { EnforceRateLimits = false }));

        public async Task DisposeAsync()
        {
            if (Emulator != null) await Emulator.DisposeAsync();
        }
    }

    /// <summary>
    /// Issue 11, item 9: 540 mixed operations (creates, reads, updates, deletes of assets, video scripts and products)
    /// while the emulator answers 20 % of calls with a 5xx (half before, half after the work), drops 5 % of connections
    /// (half before, half after the work) and throttles in bursts of three 429s, half with Retry-After. Seeded: a failure
    /// names the seed and the operation, and the same run replays. It asserts no unhandled exception, no silent outcome,
    /// no duplicate, and that every create the emulator performed was output or reported as MetaStudio.OutcomeUnknown.
    /// </summary>
    public class FaultMatrixTests : IClassFixture<FaultMatrixFixture>
    {
        private const int Seed = 20261101;
        private const int Operations = 540;
        private readonly EmulatorHost _emu;
        private readonly ITestOutputHelper _out;

        public FaultMatrixTests(FaultMatrixFixture f, ITestOutputHelper output)
        {
            _emu = f.Emulator;
            _out = output;
        }

        private enum Kind { NewAsset, NewScript, NewProduct, GetAsset, ListAssets, GetProduct, SetAsset, RemoveAsset, RemoveScript, RemoveProduct }

        private static readonly (Kind Kind, int Weight)[] Mix =
        {
            (Kind.NewAsset, 18), (Kind.NewScript, 9), (Kind.NewProduct, 9), (Kind.GetAsset, 14), (Kind.ListAssets, 5), (Kind.GetProduct, 5),
            (Kind.SetAsset, 14), (Kind.RemoveAsset, 12), (Kind.RemoveScript, 7), (Kind.RemoveProduct, 7),
        };

        [Fact]
        public void Mixed_operations_under_5xx_drops_and_429_bursts_give_no_crash_no_silence_no_duplicate_and_no_lost_create()
        {
            using var ps = new PsSession(_emu, connectArguments: "-RateLimitScale 0 -MaxRetries 5");
            var faults = _emu.Faults;
            faults.Seed = Seed;
            faults.ServerErrorRate = 0.10;
            faults.ServerErrorAfterRate = 0.10;
            faults.DropBeforeRate = 0.025;
            faults.DropRate = 0.025;
            faults.ThrottleBurstRate = 0.03;
            faults.ThrottleBurstLength = 3;
            faults.RetryAfter = TimeSpan.FromSeconds(1);
            faults.RetryAfterRate = 0.5;
            var rng = new Random(Seed);
            var assets = new List<string>();
            var scripts = new List<string>();
            var products = new List<string>();
            var problems = new List<string>();
            var outcomes = new Dictionary<string, int>();
            IReadOnlyDictionary<string, int> injected;
            try
            {
                for (var n = 0; n < Operations; n++)
                {
                    var kind = Pick(rng, assets.Count, scripts.Count, products.Count);
                    var name = $"fm{n:D3}-{rng.Next(100000):D5}";
                    var id = "";   // the object the command names, for the kinds that name one
                    string script = kind switch
                    {
                        Kind.NewAsset => $"New-MsAsset -Name {name} -Type IMAGE",
                        Kind.NewScript => $"New-MsVideoScript -Name {name} -Text 'hello'",
                        Kind.NewProduct => $"New-MsProduct -Name {name}",
                        Kind.GetAsset => $"Get-MsAsset -AssetId {id = Any(rng, assets)}",
                        Kind.ListAssets => "Get-MsAsset -First 5",
                        Kind.GetProduct => $"Get-MsProduct -ProductId {id = Any(rng, products)}",
                        Kind.SetAsset => $"Set-MsAsset -AssetId {id = Any(rng, assets)} -Description {name}",
                        Kind.RemoveAsset => $"Remove-MsAsset -AssetId {id = Take(rng, assets)} -Permanent -Force -PassThru",
                        Kind.RemoveScript => $"Remove-MsVideoScript -ScriptId {id = Take(rng, scripts)} -Force",
                        _ => $"Remove-MsProduct -ProductId {id = Take(rng, products)} -Force",
                    };
                    var r = ps.Run(script);
                    var where = $"seed {Seed}, operation {n} ({script})";
                    var output = r.Output.Select(o => o.BaseObject).ToList();

                    // No unhandled exception: nothing terminating, and every error is the module's own record.
                    if (r.Terminating != null) problems.Add($"{where}: terminating {r.Terminating.GetType().Name}: {r.Terminating.Message}");
                    foreach (var e in r.Errors)
                    {
                        var errorId = e.FullyQualifiedErrorId.Split(',')[0];
                        Count(outcomes, errorId);
                        if (!(e.Exception is MsServiceException)) problems.Add($"{where}: an error that is not the module's: {e.Exception.GetType().Name}: {e.Exception.Message}");
                        if (errorId == ErrorCodes.AssetNameExists) problems.Add($"{where}: a create was sent again though it had happened ({errorId})");
                    }
                    var errored = r.Errors.Count > 0 || r.Terminating != null;
                    var unknown = r.Errors.Any(e => e.FullyQualifiedErrorId.StartsWith(ErrorCodes.OutcomeUnknown + ",", StringComparison.Ordinal));

                    switch (kind)
                    {
                        case Kind.NewAsset:
                            CheckCreate(where, output.OfType<MsAsset>().Select(a => a.AssetId), _emu.State.Assets.Values.Where(a => a.AssetName == name).Select(a => a.AssetId), errored, unknown, assets, problems);
                            break;
                        case Kind.NewScript:
                            CheckCreate(where, output.OfType<MsVideoScript>().Select(s => s.ScriptId),
                                _emu.State.VideoScripts.Values.Where(s => (string?)s.Fields["script_name"] == name).Select(s => s.ScriptId), errored, unknown, scripts, problems);
                            break;
                        case Kind.NewProduct:
                            CheckCreate(where, output.OfType<MsProduct>().Select(p => p.ProductId),
                                _emu.State.Products.Values.Where(p => p.Name == name).Select(p => p.ProductId), errored, unknown, products, problems);
                            break;
                        case Kind.GetAsset:
                            if (!errored && !output.OfType<MsAsset>().Any(a => a.AssetId == id && a.AssetName != null)) problems.Add($"{where}: silent, or an empty object");
                            break;
                        case Kind.ListAssets:
                            if (!errored && output.OfType<MsAsset>().Count() != Math.Min(5, _emu.State.Assets.Values.Count(a => a.AssetState != "DELETED")))
                                problems.Add($"{where}: {output.Count} assets listed");
                            break;
                        case Kind.GetProduct:
                            if (!errored && !output.OfType<MsProduct>().Any(p => p.ProductId == id && p.Name != null)) problems.Add($"{where}: silent, or an empty object");
                            break;
                        case Kind.SetAsset:
                            if (!errored && !output.OfType<MsAsset>().Any(a => a.AssetId == id)) problems.Add($"{where}: silent");
                            if (!errored && _emu.State.Assets[id].AssetDescription != name) problems.Add($"{where}: the change is not there");
                            break;
                        case Kind.RemoveAsset:
                            if (!errored && !output.OfType<MsAssetActionResult>().Any(a => a.AssetId == id)) problems.Add($"{where}: silent");
                            if (!errored && _emu.State.Assets[id].AssetState != "DELETED") problems.Add($"{where}: reported deleted, but is not");
                            break;
                        case Kind.RemoveScript:
                            if (!errored && _emu.State.VideoScripts.ContainsKey(id)) problems.Add($"{where}: no error, but the script is still there");
                            break;
                        case Kind.RemoveProduct:
                            if (!errored && _emu.State.Products.ContainsKey(id)) problems.Add($"{where}: no error, but the product is still there");
                            break;
                    }
                    Count(outcomes, errored ? kind + " failed" : kind + " done");
                }
            }
            finally
            {
                injected = faults.Injected;
                faults.Reset();
            }
            _out.WriteLine("Injected: " + string.Join(", ", injected.OrderBy(kv => kv.Key).Select(kv => $"{kv.Key} {kv.Value}")));
            _out.WriteLine("Outcomes: " + string.Join(", ", outcomes.OrderBy(kv => kv.Key).Select(kv => $"{kv.Key} {kv.Value}")));
            Assert.True(problems.Count == 0, string.Join("\n", problems.Take(20)));
            // The matrix really ran: every kind of fault was injected, and creates met lost answers.
            Assert.All(new[] { "Fail", "FailAfter", "Drop", "DropBefore", "Throttle" }, k => Assert.True(injected.GetValueOrDefault(k) > 0, $"no {k} injected"));
            Assert.True(outcomes.GetValueOrDefault(ErrorCodes.OutcomeUnknown) > 0);
        }

        /// <summary>
        /// A create's outcome: at most one object of that name (no duplicate); what was output exists; and what the
        /// emulator created was output, or the error said OutcomeUnknown. Nothing and no error at all is silence.
        /// </summary>
        private static void CheckCreate(string where, IEnumerable<string?> outputIds, IEnumerable<string> createdIds, bool errored, bool unknown,
            List<string> alive, List<string> problems)
        {
            var output = outputIds.OfType<string>().Distinct().ToList();
            var created = createdIds.ToList();
            if (created.Count > 1) problems.Add($"{where}: {created.Count} objects were created (a duplicate)");
            if (output.Count == 0 && !errored) problems.Add($"{where}: silent (no object, no error)");
            if (output.Any(i => !created.Contains(i))) problems.Add($"{where}: output an object the service does not have");
            if (created.Count == 1 && !output.Contains(created[0]) && !unknown)
                problems.Add($"{where}: the service created {created[0]}, but it was neither output nor reported as OutcomeUnknown");
            alive.AddRange(output);
        }

        private static Kind Pick(Random rng, int assets, int scripts, int products)
        {
            var roll = rng.Next(Mix.Sum(m => m.Weight));
            var kind = Mix.First(m => (roll -= m.Weight) < 0).Kind;
            return kind switch
            {
                Kind.GetAsset or Kind.SetAsset or Kind.RemoveAsset when assets == 0 => Kind.NewAsset,
                Kind.RemoveScript when scripts == 0 => Kind.NewScript,
                Kind.GetProduct or Kind.RemoveProduct when products == 0 => Kind.NewProduct,
                _ => kind,
            };
        }

        private static string Any(Random rng, List<string> ids) => ids[rng.Next(ids.Count)];

        private static string Take(Random rng, List<string> ids)
        {
            var i = rng.Next(ids.Count);
            var id = ids[i];
            ids.RemoveAt(i);
            return id;
        }

        private static void Count(Dictionary<string, int> counts, string key) => counts[key] = counts.GetValueOrDefault(key) + 1;
    }
}
