using System;
using System.Collections;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Management.Automation;
using MetaStudio.Emulator;
using MetaStudio.PowerShell.Tests.Infrastructure;
using Xunit;

namespace MetaStudio.PowerShell.Tests.Module
{
    /// <summary>
    /// Bad input, generated from the cmdlets' metadata like the -WhatIf gate: for every exported cmdlet, every id parameter
    /// (a name ending in Id or Ids), every local path parameter (…Path, -LiteralPath, -OutFile, -Destination, -CredentialsFile)
    /// and every nested config (a hashtable, object or list of them) is given bad values with otherwise plausible
    /// arguments. Each run must end in a clear ErrorRecord (InvalidArgument naming the parameter, PowerShell's own binding
    /// error for that parameter, or ObjectNotFound for a missing file) and the emulator must receive no request at all.
    /// </summary>
    public class BadInputTests : IClassFixture<EmulatorFixture>, IDisposable
    {
        private readonly EmulatorHost _emu;
        private readonly string _dir = Path.Combine(Path.GetTempPath(), "ms-badinput-" + Guid.NewGuid().ToString("N"));
        private readonly string _tempFile;

        public BadInputTests(EmulatorFixture f)
        {
            _emu = f.Emulator;
            Directory.CreateDirectory(_dir);
            _tempFile = Path.Combine(_dir, "sample.mp4");
            File.WriteAllBytes(_tempFile, new byte[] { 0, 0, 0, 24, 102, 116, 121, 112 });
        }

        public void Dispose()
        {
            try { Directory.Delete(_dir, true); } catch (IOException) { }
        }

        private enum Kind { Id, InputPath, OutputFile, OutputFolder, Config }

        /// <summary>Path parameters the cmdlet writes (a missing file is fine there; a folder, or for a folder parameter a file, is not).</summary>
        private static readonly IReadOnlyDictionary<string, Kind> Written = new Dictionary<string, Kind>(StringComparer.OrdinalIgnoreCase)
        {
            ["Save-MsAssetFile:Destination"] = Kind.OutputFolder,
            ["Get-MsTtsAudition:OutFile"] = Kind.OutputFile,
            ["New-MsTtsAudition:OutFile"] = Kind.OutputFile,
            ["Set-MsCredentialProfile:CredentialsFile"] = Kind.OutputFile,
            ["Remove-MsCredentialProfile:CredentialsFile"] = Kind.OutputFile,
        };

        /// <summary>Parameters named like paths or ids that are neither, and why.</summary>
        private static readonly ISet<string> NotLocal = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
        {
            "Invoke-MsRequest:Path",   // the API path template (/v1/{project_id}/...), checked by its own rules in InvokeMsRequestTests
        };

        /// <summary>
        /// What a few cmdlets need besides their mandatory parameters before they look at the one under test (a video
        /// needs a script and a voice, an upload its URL, a live event where to go); everything else comes from metadata.
        /// URLs point at the emulator, so anything sent by mistake shows in its log.
        /// </summary>
        private Hashtable Context(CmdletInfo cmdlet, CommandParameterSetInfo set)
        {
            var context = new Hashtable(StringComparer.OrdinalIgnoreCase);
            var url = new Uri(_emu.BaseUri, "obs-upload/badinput/0").ToString();
            switch (cmdlet.Name)
            {
                case "Invoke-MsRequest":
                    context["Operation"] = "CreateDigitalAsset";
                    break;
                case "Start-MsVideoTask":
                    context["Text"] = new[] { "hello" };
                    context["VoiceAssetId"] = "abc123";
                    if (set.IsDefault) context["ModelAssetId"] = "abc123";
                    break;
                case "Send-MsLiveEvent":
                    context["LiveEventReportUrl"] = url;
                    context["AuthKey"] = "abc123";
                    context["ExpiresTime"] = DateTimeOffset.UtcNow.AddHours(1).ToUnixTimeSeconds();
                    break;
                case "New-MsAssetFile":
                    context["FileMd5"] = "AAAAAAAAAAAAAAAAAAAAAA==";
                    break;
            }
            // Each upload path of a training job goes with its URL.
            foreach (var p in set.Parameters.Where(p => p.Name.EndsWith("UploadUrl", StringComparison.Ordinal)))
                context[p.Name] = p.ParameterType.IsArray ? new[] { url } : url;
            foreach (var key in context.Keys.Cast<string>().Where(k => !set.Parameters.Any(p => p.Name == k)).ToList()) context.Remove(key);
            return context;
        }

        private static Kind? Classify(CmdletInfo cmdlet, ParameterMetadata p)
        {
            var key = cmdlet.Name + ":" + p.Name;
            if (NotLocal.Contains(key) || p.Name == "Session") return null;
            var type = p.ParameterType;
            if (Written.TryGetValue(key, out var written)) return written;
            if ((type == typeof(string) || type == typeof(string[])) &&
                (p.Name.EndsWith("Path", StringComparison.Ordinal) || p.Name == "CredentialsFile" || p.Name == "OutFile" || p.Name == "Destination"))
                return Kind.InputPath;
            if ((type == typeof(string) || type == typeof(string[])) && (p.Name.EndsWith("Id", StringComparison.Ordinal) || p.Name.EndsWith("Ids", StringComparison.Ordinal)))
                return Kind.Id;
            if (type == typeof(object) || type == typeof(object[]) || type == typeof(Hashtable) || type == typeof(PSObject) || type == typeof(IDictionary))
                return Kind.Config;
            return null;
        }

        private IEnumerable<(string Label, object Value, bool FileMissing)> BadValues(Kind kind, Type type)
        {
            object As(object one) => type.IsArray ? new[] { one } : one;
            switch (kind)
            {
                case Kind.Id:
                    yield return ("empty", As(""), false);
                    yield return ("whitespace", As("   "), false);
                    yield return ("over-long", As(new string('a', 300)), false);
                    yield return ("a path", As("../other-project/x"), false);
                    break;
                case Kind.InputPath:
                    yield return ("whitespace", As("   "), false);
                    yield return ("a missing file", As(Path.Combine(_dir, "missing.mp4")), true);
                    yield return ("a folder", As(_dir), false);
                    yield return ("a wildcard matching nothing", As(Path.Combine(_dir, "none-*.mp4")), true);
                    break;
                case Kind.OutputFile:
                    yield return ("whitespace", As("   "), false);
                    yield return ("a folder", As(_dir), false);
                    break;
                case Kind.OutputFolder:
                    yield return ("whitespace", As("   "), false);
                    yield return ("a file", As(_tempFile), false);
                    break;
                case Kind.Config:
                    var table = new Hashtable { ["name"] = "x" };
                    table["self"] = table;
                    var list = new ArrayList { "x" };
                    list.Add(list);
                    var custom = new PSObject();
                    custom.Properties.Add(new PSNoteProperty("name", "x"));
                    custom.Properties.Add(new PSNoteProperty("self", custom));
                    var deep = new Hashtable();
                    var at = deep;
                    for (var i = 0; i < 40; i++)
                    {
                        var inner = new Hashtable();
                        at["level"] = inner;
                        at = inner;
                    }
                    object Wrap(object v) => type == typeof(object[]) ? new object[] { v } : v;
                    yield return ("a hashtable that contains itself", Wrap(table), false);
                    if (type != typeof(Hashtable)) yield return ("an object that contains itself", Wrap(custom), false);
                    if (type != typeof(Hashtable)) yield return ("a hashtable holding a list that contains itself", Wrap(new Hashtable { ["items"] = list }), false);
                    else yield return ("a list that contains itself", new Hashtable { ["items"] = list }, false);
                    yield return ("40 levels deep", Wrap(deep), false);
                    break;
            }
        }

        [Fact]
        public void Every_id_path_and_config_parameter_refuses_bad_values_before_any_request()
        {
            var violations = new List<string>();
            var checkedKinds = new Dictionary<Kind, int>();
            foreach (var cmdlet in ModuleFacts.ExportedCmdlets)
            {
                foreach (var p in cmdlet.Parameters.Values.OrderBy(p => p.Name, StringComparer.Ordinal))
                {
                    if (Cmdlet.CommonParameters.Contains(p.Name) || Cmdlet.OptionalCommonParameters.Contains(p.Name)) continue;
                    var kind = Classify(cmdlet, p);
                    if (kind == null) continue;
                    var set = cmdlet.ParameterSets.OrderByDescending(s => s.IsDefault).FirstOrDefault(s => s.Parameters.Any(x => x.Name == p.Name));
                    if (set == null) continue;
                    foreach (var (label, value, missing) in BadValues(kind.Value, p.ParameterType))
                    {
                        var problem = Check(cmdlet, set, p, value, missing);
                        checkedKinds[kind.Value] = checkedKinds.GetValueOrDefault(kind.Value) + 1;
                        if (problem != null) violations.Add($"{cmdlet.Name} -{p.Name} {label}: {problem}");
                    }
                }
            }
            ModuleFacts.AssertNone(violations, "bad input that was not refused clearly before any request");
            // The generator must have found each kind, or the rule above holds vacuously.
            foreach (var kind in new[] { Kind.Id, Kind.InputPath, Kind.OutputFile, Kind.OutputFolder, Kind.Config })
                Assert.True(checkedKinds.GetValueOrDefault(kind) > 0, $"no {kind} parameter was found");
            Assert.True(checkedKinds[Kind.Id] > 100, $"only {checkedKinds[Kind.Id]} bad ids were tried");
        }

        private static IEnumerable<string> Strings(object value) => ModuleFacts.Strings(value);

        private string? Check(CmdletInfo cmdlet, CommandParameterSetInfo set, ParameterMetadata p, object bad, bool fileMissing)
        {
            var args = Context(cmdlet, set);
            var sessions = new List<string>();
            foreach (var m in set.Parameters.Where(x => x.IsMandatory && x.Name != p.Name && !args.ContainsKey(x.Name)))
            {
                if (m.ParameterType == typeof(MsSession)) sessions.Add(m.Name);
                else args[m.Name] = PlausibleArguments.ValueFor(cmdlet.Parameters[m.Name], _tempFile);
            }
            args[p.Name] = bad;
            if (cmdlet.Parameters.ContainsKey("Confirm")) args["Confirm"] = new SwitchParameter(false);
            using var ps = new PsSession(_emu);
            var before = _emu.Log.All.Count;
            // A mandatory session parameter (Copy-MsAsset -SourceSession) gets the connected one.
            var script = string.Concat(sessions.Select(n => $"$msBadArgs['{n}'] = Get-MsSession; ")) + $"{cmdlet.Name} @msBadArgs";
            var r = ps.Run(script, new Dictionary<string, object> { ["msBadArgs"] = args });
            var sent = _emu.Log.All.Skip(before).ToList();
            if (sent.Count > 0) return "sent " + string.Join(", ", sent.Select(e => $"{e.Method} {e.Path}"));
            var error = r.AllErrors.FirstOrDefault();
            if (error == null) return "no error";
            if (error.Exception is ParameterBindingException binding)
                return string.Equals(binding.ParameterName, p.Name, StringComparison.OrdinalIgnoreCase) ? null
                    : $"a binding error about -{binding.ParameterName}, not -{p.Name}: {binding.Message}";
            var category = error.CategoryInfo.Category;
            var expected = fileMissing ? ErrorCategory.ObjectNotFound : ErrorCategory.InvalidArgument;
            if (category != expected) return $"{category} ({error.FullyQualifiedErrorId}), not {expected}: {error}";
            // Named by the parameter, or (a file that is not there) by the path the user gave.
            var text = error.ToString();
            var names = new[] { "-" + p.Name }.Concat(p.Aliases.Select(a => "-" + a));
            if (fileMissing) names = names.Concat(Strings(bad));
            if (!names.Any(n => text.Contains(n, StringComparison.OrdinalIgnoreCase)))
                return $"the message does not name -{p.Name}: {text}";
            return null;
        }
    }
}
