#nullable enable
// PlatyPS (schema 2.0.0) markdown -> MAML and about_*.help.txt, with only the .NET SDK.
// Compiled twice: by MSBuild's RoslynCodeTaskFactory for the build (HelpBuilder.targets), and
// into the test project (with HELPBUILDER_LIBRARY, which leaves out the MSBuild task) for unit tests.
// Kept to C# 7.3 and netstandard2.0 APIs because the task factory compiles it against netstandard.
// The #nullable line above is for the task factory, which does not read the repository's <Nullable> setting.
using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.RegularExpressions;
using System.Xml.Linq;

namespace MetaStudio.HelpBuilder
{
    public sealed class ParameterDoc
    {
        public string? Name;
        public List<string> Description = new List<string>();
        public string Type = "Object";
        public List<string> ParameterSets = new List<string>();
        public string Aliases = "";
        public bool Required;
        public string Position = "Named";
        public string DefaultValue = "None";
        public string PipelineInput = "False";
        public bool Globbing;
        /// <summary>One entry per yaml block: PlatyPS writes one per group of parameter sets that agree.</summary>
        public List<ParameterSetDoc> SetBlocks = new List<ParameterSetDoc>();
        public bool IsSwitch { get { return Type == "SwitchParameter" || Type == "System.Management.Automation.SwitchParameter"; } }

        /// <summary>The block that describes the parameter in <paramref name="set"/> ("(All)" blocks cover every set).</summary>
        public ParameterSetDoc? BlockFor(string set)
        {
            return SetBlocks.FirstOrDefault(b => b.Sets.Any(x => string.Equals(x, set, StringComparison.OrdinalIgnoreCase)))
                ?? SetBlocks.FirstOrDefault(b => b.Sets.Count == 0 || b.Sets.Contains("(All)"));
        }
    }

    /// <summary>What one yaml block says of a parameter in the parameter sets it names.</summary>
    public sealed class ParameterSetDoc
    {
        public List<string> Sets = new List<string>();
        public bool Required;
        public string Position = "Named";
        public string PipelineInput = "False";
        public bool ByValue { get { return PipelineInput.IndexOf("ByValue", StringComparison.OrdinalIgnoreCase) >= 0; } }
        public bool ByPropertyName { get { return PipelineInput.IndexOf("ByPropertyName", StringComparison.OrdinalIgnoreCase) >= 0; } }
    }

    public sealed class ExampleDoc
    {
        public string? Title;
        public string Code = "";
        public List<string> Remarks = new List<string>();
    }

    public sealed class TypeDoc
    {
        public string? Name;
        public List<string> Description = new List<string>();
    }

    public sealed class LinkDoc
    {
        public string? Text;
        public string? Uri;
    }

    public sealed class CommandDoc
    {
        public string? Name;
        public List<string> Synopsis = new List<string>();
        public List<string> Description = new List<string>();
        /// <summary>Parameter set names in SYNTAX order ("__AllParameterSets" when the markdown names none).</summary>
        public List<string> SyntaxSets = new List<string>();
        public List<ExampleDoc> Examples = new List<ExampleDoc>();
        public List<ParameterDoc> Parameters = new List<ParameterDoc>();
        public List<TypeDoc> Inputs = new List<TypeDoc>();
        public List<TypeDoc> Outputs = new List<TypeDoc>();
        public List<string> Notes = new List<string>();
        public List<LinkDoc> Links = new List<LinkDoc>();
    }

    /// <summary>A markdown line-level parser for the PlatyPS layout; not a general markdown parser.</summary>
    public static class MarkdownHelp
    {
        private sealed class Section
        {
            public string Heading = "";
            public List<string> Lines = new List<string>();
            public List<Section> Children = new List<Section>();
        }

        public static CommandDoc ParseCommand(string markdown)
        {
            var lines = StripFrontMatter(Normalize(markdown));
            var doc = new CommandDoc();
            var sections = new Dictionary<string, Section>(StringComparer.OrdinalIgnoreCase);
            Section? h2 = null, h3 = null;
            bool inFence = false;
            foreach (var line in lines)
            {
                if (line.TrimStart().StartsWith("```", StringComparison.Ordinal)) inFence = !inFence;
                if (!inFence && line.StartsWith("# ", StringComparison.Ordinal) && doc.Name == null) { doc.Name = line.Substring(2).Trim(); continue; }
                if (!inFence && line.StartsWith("## ", StringComparison.Ordinal))
                {
                    h2 = new Section { Heading = line.Substring(3).Trim() };
                    sections[h2.Heading] = h2;
                    h3 = null;
                    continue;
                }
                if (!inFence && line.StartsWith("### ", StringComparison.Ordinal) && h2 != null)
                {
                    h3 = new Section { Heading = line.Substring(4).Trim() };
                    h2.Children.Add(h3);
                    continue;
                }
                if (h3 != null) h3.Lines.Add(line);
                else if (h2 != null) h2.Lines.Add(line);
            }
            if (doc.Name == null) throw new FormatException("The markdown has no '# Cmdlet-Name' heading.");

            Section? s;
            if (sections.TryGetValue("SYNOPSIS", out s)) doc.Synopsis = Paragraphs(s.Lines);
            if (sections.TryGetValue("DESCRIPTION", out s)) doc.Description = Paragraphs(s.Lines);
            if (sections.TryGetValue("SYNTAX", out s))
                foreach (var c in s.Children)
                    doc.SyntaxSets.Add(c.Heading.Replace(" (Default)", "").Trim());
            if (doc.SyntaxSets.Count == 0) doc.SyntaxSets.Add("__AllParameterSets");
            if (sections.TryGetValue("EXAMPLES", out s))
                foreach (var c in s.Children) doc.Examples.Add(ParseExample(c));
            if (sections.TryGetValue("PARAMETERS", out s))
                foreach (var c in s.Children)
                    if (c.Heading.StartsWith("-", StringComparison.Ordinal)) doc.Parameters.Add(ParseParameter(c));
            if (sections.TryGetValue("INPUTS", out s)) doc.Inputs = Types(s);
            if (sections.TryGetValue("OUTPUTS", out s)) doc.Outputs = Types(s);
            if (sections.TryGetValue("NOTES", out s)) doc.Notes = Paragraphs(s.Lines);
            if (sections.TryGetValue("RELATED LINKS", out s))
                foreach (var line in s.Lines)
                {
                    var m = Regex.Match(line, @"\[(?<t>[^\]]*)\]\((?<u>[^)]*)\)");
                    if (m.Success) doc.Links.Add(new LinkDoc { Text = m.Groups["t"].Value.Trim(), Uri = m.Groups["u"].Value.Trim() });
                }
            return doc;
        }

        private static ExampleDoc ParseExample(Section s)
        {
            var ex = new ExampleDoc { Title = s.Heading };
            var code = new List<string>();
            var rest = new List<string>();
            bool inFence = false, seenCode = false;
            foreach (var line in s.Lines)
            {
                if (line.TrimStart().StartsWith("```", StringComparison.Ordinal))
                {
                    if (!inFence && seenCode) { rest.Add(line); inFence = true; continue; }
                    if (inFence && !seenCode) { inFence = false; seenCode = true; continue; }
                    if (!inFence) { inFence = true; continue; }
                    inFence = false; rest.Add(line); continue;
                }
                if (inFence && !seenCode) code.Add(line); else rest.Add(line);
            }
            ex.Code = string.Join("\n", code).Trim('\n');
            ex.Remarks = Paragraphs(rest);
            return ex;
        }

        private static ParameterDoc ParseParameter(Section s)
        {
            var p = new ParameterDoc { Name = s.Heading.Substring(1).Trim() };
            var text = new List<string>();
            bool inYaml = false, inOtherFence = false;
            int yamlBlocks = 0;
            ParameterSetDoc? block = null;
            foreach (var line in s.Lines)
            {
                var t = line.Trim();
                // PlatyPS writes one yaml block per group of parameter sets that differ (e.g. mandatory in one,
                // optional in another); the parameter belongs to all of them, and is required if any says so.
                if (!inYaml && !inOtherFence && t.StartsWith("```yaml", StringComparison.Ordinal))
                {
                    inYaml = true;
                    yamlBlocks++;
                    block = new ParameterSetDoc();
                    p.SetBlocks.Add(block);
                    continue;
                }
                if (inYaml && t.StartsWith("```", StringComparison.Ordinal)) { inYaml = false; continue; }
                if (!inYaml && t.StartsWith("```", StringComparison.Ordinal)) { inOtherFence = !inOtherFence; text.Add(line); continue; }
                if (!inYaml || block == null) { text.Add(line); continue; }   // a yaml block always has its ParameterSetDoc
                var colon = line.IndexOf(':');
                if (colon < 0) continue;
                var key = line.Substring(0, colon).Trim();
                var value = line.Substring(colon + 1).Trim();
                switch (key)
                {
                    case "Type": p.Type = value; break;
                    case "Parameter Sets":
                        block.Sets = value.Split(',').Select(v => v.Trim()).Where(v => v.Length > 0).ToList();
                        p.ParameterSets = p.ParameterSets.Union(block.Sets).ToList();
                        break;
                    case "Aliases": p.Aliases = value; break;
                    case "Required":
                        block.Required = value.StartsWith("True", StringComparison.OrdinalIgnoreCase);
                        p.Required |= block.Required;
                        break;
                    case "Position":
                        block.Position = value;
                        if (yamlBlocks == 1) p.Position = value;
                        break;
                    case "Default value": p.DefaultValue = value; break;
                    case "Accept pipeline input":
                        block.PipelineInput = value;
                        if (yamlBlocks == 1) p.PipelineInput = value;
                        break;
                    case "Accept wildcard characters": p.Globbing = value.StartsWith("True", StringComparison.OrdinalIgnoreCase); break;
                }
            }
            p.Description = Paragraphs(text);
            return p;
        }

        private static List<TypeDoc> Types(Section s)
        {
            var list = new List<TypeDoc>();
            foreach (var c in s.Children) list.Add(new TypeDoc { Name = c.Heading, Description = Paragraphs(c.Lines) });
            return list;
        }

        internal static List<string> Normalize(string text)
        {
            return text.Replace("\r\n", "\n").Replace('\r', '\n').Split('\n').ToList();
        }

        internal static List<string> StripFrontMatter(List<string> lines)
        {
            if (lines.Count > 0 && lines[0].Trim() == "---")
            {
                var end = lines.FindIndex(1, l => l.Trim() == "---");
                if (end > 0) return lines.Skip(end + 1).ToList();
            }
            return lines;
        }

        /// <summary>Blank-line separated paragraphs; a fenced block stays one paragraph with its line breaks.</summary>
        public static List<string> Paragraphs(IEnumerable<string> lines)
        {
            var result = new List<string>();
            var current = new List<string>();
            bool inFence = false;
            Action flush = () =>
            {
                if (current.Count > 0) result.Add(inFence ? string.Join("\n", current) : string.Join(" ", current.Select(l => l.Trim())));
                current.Clear();
            };
            foreach (var line in lines)
            {
                if (line.TrimStart().StartsWith("```", StringComparison.Ordinal))
                {
                    if (!inFence) { flush(); inFence = true; }
                    else { flush(); inFence = false; }
                    continue;
                }
                if (inFence) { current.Add(line); continue; }
                if (line.Trim().Length == 0) { flush(); continue; }
                current.Add(line);
            }
            flush();
            return result;
        }
    }

    /// <summary>Writes the MAML that New-ExternalHelp writes, element for element, so Get-Help reads it.</summary>
    public static class MamlWriter
    {
        private static readonly XNamespace Msh = "http://msh";
        private static readonly XNamespace Maml = "http://schemas.microsoft.com/maml/2004/10";
        private static readonly XNamespace Command = "http://schemas.microsoft.com/maml/dev/command/2004/10";
        private static readonly XNamespace Dev = "http://schemas.microsoft.com/maml/dev/2004/10";
        private static readonly XNamespace MsHelp = "http://msdn.microsoft.com/mshelp";

        public static string Write(IEnumerable<CommandDoc> commands)
        {
            var root = new XElement(Msh + "helpItems", new XAttribute("schema", "maml"),
                commands.OrderBy(c => c.Name, StringComparer.OrdinalIgnoreCase).Select(CommandElement));
            var doc = new XDocument(new XDeclaration("1.0", "utf-8", null), root);
            var sb = new StringBuilder();
            using (var writer = new Utf8StringWriter(sb))
                doc.Save(writer);
            return sb.ToString().Replace("\r\n", "\n") + "\n";
        }

        private sealed class Utf8StringWriter : StringWriter
        {
            public Utf8StringWriter(StringBuilder sb) : base(sb, System.Globalization.CultureInfo.InvariantCulture) { }
            public override Encoding Encoding { get { return new UTF8Encoding(false); } }
        }

        private static XElement CommandElement(CommandDoc c)
        {
            var name = c.Name ?? throw new FormatException("The markdown has no '# Cmdlet-Name' heading.");
            var dash = name.IndexOf('-');
            var verb = dash > 0 ? name.Substring(0, dash) : name;
            var noun = dash > 0 ? name.Substring(dash + 1) : "";
            return new XElement(Command + "command",
                new XAttribute(XNamespace.Xmlns + "maml", Maml),
                new XAttribute(XNamespace.Xmlns + "command", Command),
                new XAttribute(XNamespace.Xmlns + "dev", Dev),
                new XAttribute(XNamespace.Xmlns + "MSHelp", MsHelp),
                new XElement(Command + "details",
                    new XElement(Command + "name", c.Name),
                    new XElement(Command + "verb", verb),
                    new XElement(Command + "noun", noun),
                    Description(c.Synopsis)),
                Description(c.Description),
                new XElement(Command + "syntax", c.SyntaxSets.Select(set => SyntaxItem(c, set))),
                new XElement(Command + "parameters", c.Parameters.Select(p => Parameter(p, true))),
                new XElement(Command + "inputTypes", c.Inputs.Select(t => new XElement(Command + "inputType", TypeElement(t.Name), Description(t.Description)))),
                new XElement(Command + "returnValues", c.Outputs.Select(t => new XElement(Command + "returnValue", TypeElement(t.Name), Description(t.Description)))),
                new XElement(Maml + "alertSet", new XElement(Maml + "alert", Paras(c.Notes))),
                new XElement(Command + "examples", c.Examples.Select(Example)),
                new XElement(Command + "relatedLinks", c.Links.Select(l => new XElement(Maml + "navigationLink",
                    new XElement(Maml + "linkText", l.Text), new XElement(Maml + "uri", WebUri(l.Uri))))));
        }

        /// <summary>Links to sibling markdown files mean nothing in a console; Get-Help shows the link text alone.</summary>
        private static string WebUri(string? uri)
        {
            return uri != null && (uri.StartsWith("http://", StringComparison.OrdinalIgnoreCase) || uri.StartsWith("https://", StringComparison.OrdinalIgnoreCase)) ? uri : "";
        }

        private static XElement SyntaxItem(CommandDoc c, string set)
        {
            var members = c.Parameters.Where(p => set == "__AllParameterSets" || p.ParameterSets.Count == 0
                || p.ParameterSets.Any(s => s == "(All)" || string.Equals(s, set, StringComparison.OrdinalIgnoreCase)))
                .Select(p => new { Doc = p, Block = p.BlockFor(set) }).ToList();
            // The engine prints syntax in this order: positional first, then named; each as this set declares it.
            var ordered = members.OrderBy(m => { int n; return int.TryParse(m.Block != null ? m.Block.Position : m.Doc.Position, out n) ? n : int.MaxValue; }).ToList();
            return new XElement(Command + "syntaxItem",
                new XElement(Maml + "name", c.Name),
                ordered.Select(m => Parameter(m.Doc, false, m.Block)));
        }

        private static XElement Parameter(ParameterDoc p, bool full, ParameterSetDoc? block = null)
        {
            var required = block != null ? block.Required : p.Required;
            var positionText = block != null ? block.Position : p.Position;
            var pipeline = block != null ? block.PipelineInput : p.PipelineInput;
            var position = positionText.Equals("Named", StringComparison.OrdinalIgnoreCase) ? "named" : positionText;
            var shortType = ShortTypeName(p.Type);
            var e = new XElement(Command + "parameter",
                new XAttribute("required", required ? "true" : "false"),
                new XAttribute("variableLength", "true"),
                new XAttribute("globbing", p.Globbing ? "true" : "false"),
                new XAttribute("pipelineInput", pipeline),
                new XAttribute("position", position),
                new XAttribute("aliases", string.IsNullOrWhiteSpace(p.Aliases) ? "none" : p.Aliases),
                new XElement(Maml + "name", p.Name),
                Description(p.Description));
            if (!p.IsSwitch || full)
                e.Add(new XElement(Command + "parameterValue", new XAttribute("required", p.IsSwitch ? "false" : "true"),
                    new XAttribute("variableLength", "false"), shortType));
            e.Add(TypeElement(shortType));
            e.Add(new XElement(Dev + "defaultValue", string.IsNullOrWhiteSpace(p.DefaultValue) ? "None" : p.DefaultValue));
            return e;
        }

        private static string ShortTypeName(string type)
        {
            if (type == "System.Management.Automation.SwitchParameter") return "SwitchParameter";
            return type;
        }

        private static XElement Example(ExampleDoc ex)
        {
            return new XElement(Command + "example",
                new XElement(Maml + "title", "-------------------------- " + ex.Title + " --------------------------"),
                new XElement(Dev + "code", ex.Code),
                new XElement(Dev + "remarks", Paras(ex.Remarks)));
        }

        private static XElement TypeElement(string? name)
        {
            return new XElement(Dev + "type", new XElement(Maml + "name", name), new XElement(Maml + "uri"));
        }

        private static XElement Description(IEnumerable<string> paragraphs)
        {
            return new XElement(Maml + "description", Paras(paragraphs));
        }

        private static IEnumerable<XElement> Paras(IEnumerable<string> paragraphs)
        {
            var list = paragraphs.ToList();
            if (list.Count == 0) return new[] { new XElement(Maml + "para") };
            return list.Select(p => new XElement(Maml + "para", p));
        }
    }

    /// <summary>
    /// about_*.md in PlatyPS's about schema -> about_*.help.txt as PlatyPS renders it: TOPIC and the lookup name,
    /// sections upper-cased at the margin, subtopics as written, text indented and wrapped at 80 columns.
    /// </summary>
    public static class AboutWriter
    {
        public static string Write(string markdown, int width = 80)
        {
            var lines = MarkdownHelp.StripFrontMatter(MarkdownHelp.Normalize(markdown));
            var sb = new StringBuilder();
            var paragraph = new List<string>();
            string? listIndent = null;   // set while the paragraph is a list item: its items keep their own lines
            bool inFence = false;
            var headings = 0;
            Action flush = () =>
            {
                if (paragraph.Count == 0) return;
                var text = string.Join(" ", paragraph.Select(x => x.Trim()));
                if (listIndent == null)
                {
                    foreach (var l in Wrap(text, width - 4)) sb.Append("    ").Append(l).Append('\n');
                    sb.Append('\n');
                }
                else
                {
                    var first = true;
                    foreach (var l in Wrap(text, width - listIndent.Length - 2))
                    {
                        sb.Append(listIndent).Append(first ? "" : "  ").Append(l).Append('\n');
                        first = false;
                    }
                }
                paragraph.Clear();
                listIndent = null;
            };
            foreach (var raw in lines)
            {
                var line = raw.TrimEnd();
                if (line.TrimStart().StartsWith("```", StringComparison.Ordinal))
                {
                    var wasList = listIndent != null;
                    flush();
                    if (wasList && !inFence) sb.Append('\n');
                    if (inFence) sb.Append('\n');
                    inFence = !inFence;
                    continue;
                }
                if (inFence) { sb.Append("        ").Append(line).Append('\n'); continue; }
                if (line.StartsWith("#", StringComparison.Ordinal))
                {
                    // PlatyPS's about schema and text rendering: "# Title" then "## about_Name" open the topic;
                    // after them "#" sections are upper-cased at the margin, "##" subtopics kept as written.
                    flush();
                    var level = line.Length - line.TrimStart('#').Length;
                    var heading = line.TrimStart('#').Trim();
                    headings++;
                    if (headings == 1) sb.Append("TOPIC\n");
                    else if (headings == 2 && level == 2) sb.Append("    ").Append(heading.ToLowerInvariant()).Append("\n\n");
                    else if (level == 1) sb.Append(heading.ToUpperInvariant()).Append('\n');
                    else if (level == 2) sb.Append(heading).Append('\n');
                    else sb.Append("    ").Append(heading.ToUpperInvariant()).Append('\n');
                    continue;
                }
                if (line.Trim().Length == 0)
                {
                    var wasList = listIndent != null;
                    flush();
                    if (wasList) sb.Append('\n');
                    continue;
                }
                var t = line.TrimStart();
                if (t.StartsWith("- ", StringComparison.Ordinal) || t.StartsWith("* ", StringComparison.Ordinal) || t.StartsWith("|", StringComparison.Ordinal) || Regex.IsMatch(t, @"^\d+\. "))
                {
                    flush();
                    listIndent = "    " + new string(' ', line.Length - t.Length);
                    paragraph.Add(t);
                    continue;
                }
                paragraph.Add(line);
            }
            flush();
            return sb.ToString().TrimEnd('\n') + "\n";
        }

        private static IEnumerable<string> Wrap(string text, int width)
        {
            var line = new StringBuilder();
            foreach (var word in text.Split(new[] { ' ' }, StringSplitOptions.RemoveEmptyEntries))
            {
                if (line.Length > 0 && line.Length + 1 + word.Length > width)
                {
                    yield return line.ToString();
                    line.Clear();
                }
                if (line.Length > 0) line.Append(' ');
                line.Append(word);
            }
            if (line.Length > 0) yield return line.ToString();
        }
    }

    /// <summary>Converts a docs folder into an en-US folder; writes a file only when its text changed.</summary>
    public static class HelpGenerator
    {
        public const string MamlFileName = "MetaStudio.PowerShell.dll-Help.xml";

        /// <summary>Returns the files written (changed) in outputDir.</summary>
        public static List<string> Generate(string docsDir, string outputDir)
        {
            var written = new List<string>();
            Directory.CreateDirectory(outputDir);
            var files = Directory.GetFiles(docsDir, "*.md").OrderBy(f => f, StringComparer.OrdinalIgnoreCase).ToList();
            var commands = new List<CommandDoc>();
            foreach (var file in files)
            {
                var name = Path.GetFileNameWithoutExtension(file);
                var text = File.ReadAllText(file);
                if (name.StartsWith("about_", StringComparison.OrdinalIgnoreCase))
                {
                    var target = Path.Combine(outputDir, name + ".help.txt");
                    if (WriteIfChanged(target, AboutWriter.Write(text))) written.Add(target);
                }
                else
                {
                    try { commands.Add(MarkdownHelp.ParseCommand(text)); }
                    catch (FormatException ex) { throw new FormatException(file + ": " + ex.Message, ex); }
                }
            }
            var maml = Path.Combine(outputDir, MamlFileName);
            if (WriteIfChanged(maml, MamlWriter.Write(commands))) written.Add(maml);
            return written;
        }

        /// <summary>
        /// Parallel builds may generate at the same time: each writes a private temp file and moves
        /// it into place, so a reader never sees half a file, and identical text is not rewritten.
        /// </summary>
        public static bool WriteIfChanged(string path, string text)
        {
            for (var attempt = 0; ; attempt++)
            {
                try
                {
                    if (File.Exists(path) && File.ReadAllText(path) == text) return false;
                    var temp = path + "." + Guid.NewGuid().ToString("N") + ".tmp";
                    File.WriteAllText(temp, text, new UTF8Encoding(false));
                    try
                    {
                        if (File.Exists(path)) File.Replace(temp, path, null);
                        else File.Move(temp, path);
                    }
                    finally
                    {
                        if (File.Exists(temp)) File.Delete(temp);
                    }
                    return true;
                }
                catch (IOException) when (attempt < 10)
                {
                    System.Threading.Thread.Sleep(50 * (attempt + 1));
                }
                catch (UnauthorizedAccessException) when (attempt < 10)
                {
                    System.Threading.Thread.Sleep(50 * (attempt + 1));
                }
            }
        }
    }

#if !HELPBUILDER_LIBRARY
    public sealed class BuildMetaStudioHelp : Microsoft.Build.Utilities.Task
    {
        [Microsoft.Build.Framework.Required]
        public string DocsDirectory { get; set; } = "";   // [Required]: MSBuild sets it before Execute

        [Microsoft.Build.Framework.Required]
        public string OutputDirectory { get; set; } = "";

        public override bool Execute()
        {
            try
            {
                foreach (var file in HelpGenerator.Generate(DocsDirectory, OutputDirectory))
                    Log.LogMessage(Microsoft.Build.Framework.MessageImportance.Normal, "Help: wrote " + file);
                return true;
            }
            catch (Exception ex)
            {
                Log.LogError("Help generation failed: " + ex.Message);
                return false;
            }
        }
    }
#endif
}
