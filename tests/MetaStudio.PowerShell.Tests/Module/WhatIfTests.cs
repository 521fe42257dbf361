using System.Globalization;
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

        private string Check(CmdletInfo cmdlet)
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
                foreach (var p in parameters) args[p.Name] = ValueFor(cmdlet.Parameters[p.Name]);
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

        /// <summary>A plausible argument from the parameter's type and validation attributes.</summary>
        private object ValueFor(ParameterMetadata p)
        {
            var attrs = p.Attributes;
            var set = attrs.OfType<ValidateSetAttribute>().FirstOrDefault();
            var range = attrs.OfType<ValidateRangeAttribute>().FirstOrDefault();
            var type = p.ParameterType;
            var element = type.IsArray ? type.GetElementType() : type;
            object one;
            if (set != null) one = set.ValidValues[0];
            else one = Scalar(element, p.Name, range);
            if (!type.IsArray) return one;
            var array = Array.CreateInstance(element, 1);
            array.SetValue(one is PSObject pso ? pso.BaseObject : one, 0);
            return array;
        }

        private object Scalar(Type t, string name, ValidateRangeAttribute range)
        {
            if (t == typeof(SwitchParameter)) return new SwitchParameter(true);
            if (t == typeof(bool)) return true;
            if (t == typeof(int) || t == typeof(long) || t == typeof(double) || t == typeof(float) || t == typeof(decimal) || t == typeof(short))
                return Convert.ChangeType(range?.MinRange ?? 1, t, CultureInfo.InvariantCulture);
            if (t == typeof(FileInfo)) return new FileInfo(_tempFile);
            if (t == typeof(DirectoryInfo)) return new DirectoryInfo(Path.GetTempPath());
            if (t == typeof(Uri)) return new Uri("https://example.com/media/abc123.mp4");
            if (t == typeof(DateTime)) return DateTime.UtcNow.AddDays(1);
            if (t == typeof(DateTimeOffset)) return DateTimeOffset.UtcNow.AddDays(1);
            if (t == typeof(TimeSpan)) return TimeSpan.FromSeconds(1);
            if (t == typeof(SecureString))
            {
                var s = new SecureString();
                foreach (var ch in "abc123") s.AppendChar(ch);
                return s;
            }
            if (t == typeof(PSCredential)) return new PSCredential("user", (SecureString)Scalar(typeof(SecureString), name, null));
            if (t == typeof(ScriptBlock)) return ScriptBlock.Create("");
            if (t == typeof(Hashtable) || t == typeof(IDictionary)) return new Hashtable { ["name"] = "abc123" };
            if (t == typeof(MsSession)) return null;
            if (t.IsEnum) return Enum.GetValues(t).GetValue(0);
            if (t == typeof(string) || t == typeof(object) || t == typeof(PSObject))
            {
                if (name.EndsWith("Path", StringComparison.OrdinalIgnoreCase) || name.EndsWith("File", StringComparison.OrdinalIgnoreCase)) return _tempFile;
                if (name.EndsWith("Url", StringComparison.OrdinalIgnoreCase) || name.EndsWith("Uri", StringComparison.OrdinalIgnoreCase)) return "https://example.com/media/abc123.mp4";
                return "abc123";
            }
            // A model object (an -InputObject): made with its parameterless constructor, ids filled in.
            var ctor = t.GetConstructor(Type.EmptyTypes);
            if (ctor == null) return "abc123";
            var obj = ctor.Invoke(null);
            foreach (var prop in t.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(pr => pr.CanWrite && pr.PropertyType == typeof(string)))
                prop.SetValue(obj, "abc123");
            return obj;
        }
    }
}
