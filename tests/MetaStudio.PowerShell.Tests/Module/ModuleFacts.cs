using System;
using System.Collections;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Language;
using System.Reflection;
using System.Xml.Linq;
using MetaStudio.PowerShell.Tests.Infrastructure;
using Xunit;

namespace MetaStudio.PowerShell.Tests.Module
{
    /// <summary>
    /// What the module exports, read at test time, so the module-wide rules hold for every cmdlet
    /// any branch adds without editing these tests.
    /// </summary>
    public static class ModuleFacts
    {
        private static readonly Lazy<IReadOnlyList<CmdletInfo>> Exported = new(() =>
        {
            using var ps = new PsSession();
            var r = ps.Run("Get-Command -Module MetaStudio -CommandType Cmdlet").AssertNoErrors();
            return r.All<CmdletInfo>().OrderBy(c => c.Name, StringComparer.OrdinalIgnoreCase).ToList();
        });

        public static IReadOnlyList<CmdletInfo> ExportedCmdlets => Exported.Value;

        /// <summary>Every public, non-abstract cmdlet class in the module assembly, as Verb-Noun.</summary>
        public static IReadOnlyList<string> CmdletClassNames => typeof(MsSession).Assembly.GetExportedTypes()
            .Where(t => !t.IsAbstract && typeof(Cmdlet).IsAssignableFrom(t))
            .Select(t => t.GetCustomAttribute<CmdletAttribute>())
            .OfType<CmdletAttribute>()
            .Select(a => a.VerbName + "-" + a.NounName)
            .OrderBy(n => n, StringComparer.OrdinalIgnoreCase).ToList();

        /// <summary>The manifest as data, read with the PowerShell parser (no Import-PowerShellDataFile in the core engine).</summary>
        public static Hashtable Manifest(string path)
        {
            var ast = Parser.ParseFile(path, out _, out var errors);
            if (errors.Length > 0) throw new InvalidDataException($"{path}: {errors[0]}");
            var table = (HashtableAst)ast.Find(a => a is HashtableAst, false);
            return (Hashtable)table.SafeGetValue();
        }

        /// <summary>A manifest value as strings: none for null, one for a string, each item's text for a list.</summary>
        public static IEnumerable<string> Strings(object? value) => value switch
        {
            null => Array.Empty<string>(),
            string s => new[] { s },
            IEnumerable e => e.Cast<object?>().Select(o => o?.ToString() ?? ""),
            _ => new[] { value.ToString() ?? "" },
        };

        public static IReadOnlyList<string> FormatFiles =>
            Strings(Manifest(TestPaths.ModuleManifest)["FormatsToProcess"])
                .Select(f => Path.Combine(TestPaths.ModuleDirectory, f)).ToList();

        /// <summary>Type names that have a table view in the staged format files (Get-FormatData is not in the core engine).</summary>
        public static ISet<string> TypesWithTableView()
        {
            var set = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
            foreach (var file in FormatFiles.Where(File.Exists))
                foreach (var view in XDocument.Load(file).Descendants("View").Where(v => v.Element("TableControl") != null))
                    foreach (var type in view.Element("ViewSelectedBy")?.Elements("TypeName") ?? Enumerable.Empty<XElement>())
                        set.Add(type.Value.Trim());
            return set;
        }

        /// <summary>Verbs that change nothing at the service, so need no ShouldProcess.</summary>
        public static readonly ISet<string> ReadOnlyVerbs = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
        {
            "Get", "Wait", "Test", "Connect", "Save", "Find", "Search", "Receive", "Measure", "Resolve",
            "Show", "Read", "Watch", "Compare", "Export", "ConvertTo", "ConvertFrom", "Format", "Select", "Trace",
        };

        public static bool ChangesState(CmdletInfo c) => !ReadOnlyVerbs.Contains(c.Verb);

        public static CmdletAttribute CmdletAttribute(CmdletInfo c) => c.ImplementingType.GetCustomAttribute<CmdletAttribute>()
            ?? throw new Xunit.Sdk.XunitException($"{c.Name} has no [Cmdlet] attribute");

        public static ISet<string> ApprovedVerbs()
        {
            var set = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
            foreach (var t in new[] { typeof(VerbsCommon), typeof(VerbsData), typeof(VerbsLifecycle), typeof(VerbsDiagnostic),
                         typeof(VerbsCommunications), typeof(VerbsSecurity), typeof(VerbsOther) })
                foreach (var f in t.GetFields(BindingFlags.Public | BindingFlags.Static).Where(f => f.IsLiteral))
                    set.Add(Assert.IsType<string>(f.GetRawConstantValue()));
            return set;
        }

        /// <summary>Parameters a help topic must describe: all but the always-present common ones (WhatIf/Confirm must be documented).</summary>
        public static IEnumerable<string> DocumentableParameters(CmdletInfo c)
            => c.Parameters.Keys.Where(k => !Cmdlet.CommonParameters.Contains(k)).OrderBy(k => k);

        /// <summary>Fails with every violation listed, so one run shows all cmdlets that break a rule.</summary>
        public static void AssertNone(IEnumerable<string> violations, string rule)
        {
            var list = violations.ToList();
            if (list.Count > 0)
                throw new Xunit.Sdk.XunitException($"{rule}:\n  " + string.Join("\n  ", list));
        }
    }
}
