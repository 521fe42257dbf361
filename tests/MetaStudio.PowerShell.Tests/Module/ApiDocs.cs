using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Management.Automation;
using System.Reflection;
using MetaStudio.PowerShell.Core.Catalog;
using MetaStudio.PowerShell.Core.Cmdlets;

namespace MetaStudio.PowerShell.Tests.Module
{
    /// <summary>
    /// What the README's API table and each help topic's API paragraph say, generated from the API spec (method,
    /// path), the catalog (group, limits) and the cmdlets' [MsApi] attributes. The tests compare the files with
    /// this; with MS_UPDATE_DOCS=1 they rewrite them instead.
    /// </summary>
    public static class ApiDocs
    {
        public const string TableStart = "<!-- api-table: generated from the API spec, the catalog and the cmdlets' [MsApi] attributes; MS_UPDATE_DOCS=1 dotnet test --filter ApiDocsTests rewrites it -->";
        public const string TableEnd = "<!-- end of api-table -->";
        public const string Regions = "cn-north-4/cn-east-3/ap-southeast-3";

        public static bool Update => Environment.GetEnvironmentVariable("MS_UPDATE_DOCS") == "1";

        /// <summary>Every cmdlet class of the module: Verb-Noun → type.</summary>
        public static IReadOnlyDictionary<string, Type> Cmdlets { get; } = typeof(MsSession).Assembly.GetTypes()
            .Select(t => (Type: t, Cmdlet: t.GetCustomAttribute<CmdletAttribute>()))
            .Where(c => !c.Type.IsAbstract && c.Cmdlet != null)
            .ToDictionary(c => c.Cmdlet!.VerbName + "-" + c.Cmdlet.NounName, c => c.Type, StringComparer.OrdinalIgnoreCase);

        internal static IReadOnlyList<OperationId> OperationsOf(string cmdlet)
            => Cmdlets.TryGetValue(cmdlet, out var type) ? MsApiAttribute.Of(type)?.Operations ?? Array.Empty<OperationId>() : Array.Empty<OperationId>();

        /// <summary>The cmdlets whose [MsApi] names the operation (Invoke-MsRequest, which takes any, aside).</summary>
        internal static IReadOnlyList<string> CmdletsOf(Operation op)
            => Cmdlets.Where(c => op.Id is { } id && MsApiAttribute.Of(c.Value)?.Operations.Contains(id) == true)
                .Select(c => c.Key).OrderBy(Noun).ThenBy(n => n, StringComparer.Ordinal).ToList();

        private static string Noun(string cmdlet) => cmdlet.Substring(cmdlet.IndexOf('-') + 1);

        internal static string Limits(Operation op) => $"{op.RateLimit("cn-north-4")}/{op.RateLimit("cn-east-3")}/{op.RateLimit("ap-southeast-3")}";

        /// <summary>The README's API table, between its markers.</summary>
        public static IReadOnlyList<string> Table()
        {
            var lines = new List<string>
            {
                TableStart,
                $"| Group | API (SDK operation) | Method and path | Requests per second ({Regions}) | Cmdlets |",
                "|---|---|---|---|---|",
            };
            foreach (var op in OperationCatalog.All)
            {
                var limits = Limits(op) + (op.IsExtra ? $" (not in the throttling table: those of {op.LimitSource})" : "");
                lines.Add($"| {op.Category} | {op.Name} | {op.Method} {op.PathTemplate} | {limits} | {string.Join(", ", CmdletsOf(op))} |");
            }
            lines.Add(TableEnd);
            return lines;
        }

        /// <summary>The first paragraph of a cmdlet's help NOTES: the APIs its [MsApi] names, with method, path and limits; null when it calls none.</summary>
        public static string? NotesParagraph(string cmdlet)
        {
            var ops = OperationsOf(cmdlet).Select(OperationCatalog.Get).ToList();
            if (ops.Count == 0) return null;
            var each = ops.Select(o => $"{o.Name} ({o.Method} {o.PathTemplate}) {Limits(o)}");
            return $"{(ops.Count == 1 ? "API" : "APIs")} (requests per second in {Regions}): {string.Join("; ", each)}.";
        }

        public static bool IsApiParagraph(string paragraph)
            => paragraph.StartsWith("API (", StringComparison.Ordinal) || paragraph.StartsWith("APIs (", StringComparison.Ordinal);

        /// <summary>The markdown with its NOTES section's API paragraph replaced (or added first, or removed when there is none).</summary>
        public static string WithNotes(string markdown, string paragraph)
        {
            var lines = markdown.Replace("\r\n", "\n").Split('\n').ToList();
            var start = lines.IndexOf("## NOTES");
            if (start < 0) throw new InvalidDataException("The help topic has no ## NOTES section.");
            var end = lines.FindIndex(start + 1, l => l.StartsWith("## ", StringComparison.Ordinal));
            if (end < 0) end = lines.Count;
            var body = lines.Skip(start + 1).Take(end - start - 1).ToList();
            var paragraphs = new List<string>();
            var current = new List<string>();
            foreach (var line in body)
            {
                if (line.Trim().Length == 0)
                {
                    if (current.Count > 0) paragraphs.Add(string.Join("\n", current));
                    current.Clear();
                }
                else current.Add(line);
            }
            if (current.Count > 0) paragraphs.Add(string.Join("\n", current));
            paragraphs = paragraphs.Where(p => !IsApiParagraph(p)).ToList();
            if (paragraph != null) paragraphs.Insert(0, paragraph);
            var section = new List<string>();
            foreach (var p in paragraphs)
            {
                section.AddRange(p.Split('\n'));
                section.Add("");
            }
            if (section.Count == 0) section.Add("");
            lines.RemoveRange(start + 1, end - start - 1);
            lines.InsertRange(start + 1, section);
            return string.Join("\n", lines);
        }
    }
}
