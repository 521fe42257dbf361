using System;
using System.Collections;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Management.Automation;
using System.Reflection;
using System.Security;
using MetaStudio.Emulator;
using MetaStudio.PowerShell.Core.Catalog;
using MetaStudio.PowerShell.Tests.Infrastructure;
using Xunit;

namespace MetaStudio.PowerShell.Tests.Module
{
    /// <summary>Every state-changing cmdlet, run with -WhatIf and made-up arguments, reaches ShouldProcess and sends no change.</summary>
    public class WhatIfTests : IClassFixture<EmulatorFixture>, IDisposable
    {
        private readonly EmulatorHost _emu;
        private readonly string _tempFile;

        public WhatIfTests(EmulatorFixture f)
        {
            _emu = f.Emulator;
            _tempFile = Path.Combine(Path.GetTempPath(), "ms-whatif-" + Guid.NewGuid().ToString("N") + ".mp4");
            File.WriteAllBytes(_tempFile, new byte[] { 0, 0, 0, 24, 102, 116, 121, 112 });
        }

        public void Dispose() => File.Delete(_tempFile);

        /// <summary>Catalog operations that change something at the service (reads, including POST queries, are allowed).</summary>
        private static readonly ISet<string> ChangingOperations = new HashSet<string>(
            OperationCatalog.All.Where(o => o.Method != "GET" && !o.Name.StartsWith("List", StringComparison.Ordinal)).Select(o => o.Name));

        [Fact]
        public void WhatIf_sends_no_changing_request()
        {
            var changing = ModuleFacts.ExportedCmdlets.Where(c => ModuleFacts.ChangesState(c) && ModuleFacts.CmdletAttribute(c).SupportsShouldProcess).ToList();
            Assert.Contains(changing, c => c.Name == "Disconnect-MsService");
            var violations = new List<string>();
            foreach (var cmdlet in changing)
            {
                var problem = Check(cmdlet);
                if (problem != null) violations.Add($"{cmdlet.Name}: {problem}");
            }
            ModuleFacts.AssertNone(violations, "-WhatIf runs that sent a change or never reached ShouldProcess");
        }

        private string? Check(CmdletInfo cmdlet)
        {
            var sets = cmdlet.ParameterSets.OrderByDescending(s => s.IsDefault).ToList();
            string lastBindingError = "no parameter set";
            foreach (var set in sets)
                foreach (var args in Candidates(cmdlet, set))
                {
                    using var ps = new PsSession(_emu);
                    var before = _emu.Log.All.Count;
                    var r = ps.Run($"{cmdlet.Name} @msWhatIfArgs -WhatIf", new Dictionary<string, object> { ["msWhatIfArgs"] = args });
                    var sent = _emu.Log.All.Skip(before).Where(e => e.Operation != null && ChangingOperations.Contains(e.Operation)).ToList();
                    if (sent.Count > 0)
                        return $"with {Describe(args)} sent " + string.Join(", ", sent.Select(e => $"{e.Operation} ({e.Method} {e.Path})"));
                    var binding = r.AllErrors.FirstOrDefault(e => e.Exception is ParameterBindingException || e.CategoryInfo.Category == ErrorCategory.InvalidArgument);
                    if (binding != null)
                    {
                        lastBindingError = $"set '{set.Name}' with {Describe(args)}: {binding.Exception.Message}";
                        continue;
                    }
                    if (!r.HostText.Contains("What if:", StringComparison.Ordinal))
                        return $"set '{set.Name}' with {Describe(args)}: no 'What if:' message (errors: {string.Join("; ", r.AllErrors.Select(e => e.FullyQualifiedErrorId))})";
                    return null;
                }
            return "could not build arguments that bind: " + lastBindingError;
        }

        /// <summary>
        /// Argument sets to try, simplest first: the mandatory parameters; then each optional one added alone
        /// (cmdlets like Set-* need at least one field, Start-* one of several sources); then all of them.
        /// </summary>
        private IEnumerable<Hashtable> Candidates(CmdletInfo cmdlet, CommandParameterSetInfo set)
        {
            Hashtable With(IEnumerable<CommandParameterInfo> parameters)
            {
                var args = new Hashtable(StringComparer.OrdinalIgnoreCase);
                foreach (var p in parameters) args[p.Name] = PlausibleArguments.ValueFor(cmdlet.Parameters[p.Name], _tempFile);
                return args;
            }
            var mandatory = set.Parameters.Where(p => p.IsMandatory).ToList();
            var optional = set.Parameters.Where(p => !p.IsMandatory && !Cmdlet.CommonParameters.Contains(p.Name)
                                                     && !Cmdlet.OptionalCommonParameters.Contains(p.Name) && p.Name != "Session"
                                                     && p.ParameterType != typeof(SwitchParameter)).ToList();
            yield return With(mandatory);
            foreach (var p in optional) yield return With(mandatory.Append(p));
            if (optional.Count > 1) yield return With(mandatory.Concat(optional));
        }

        private static string Describe(Hashtable args) => "{" + string.Join(", ", args.Keys.Cast<string>().Select(k => $"{k}={args[k]}")) + "}";
    }
}
