using System;
using System.IO;
using System.Linq;
using System.Xml.Linq;
using MetaStudio.HelpBuilder;
using Xunit;

namespace MetaStudio.PowerShell.Tests.Help
{
    public class HelpBuilderTests
    {
        private const string Sample = @"---
external help file: MetaStudio.PowerShell.dll-Help.xml
Module Name: MetaStudio
online version:
schema: 2.0.0
---

# Remove-MsThing

## SYNOPSIS
Removes a thing.

## SYNTAX

### ById (Default)
```
Remove-MsThing [-ThingId] <String[]> [-Force] [-WhatIf] [-Confirm] [<CommonParameters>]
```

### ByObject
```
Remove-MsThing -InputObject <MsThing> [-WhatIf] [-Confirm] [<CommonParameters>]
```

## DESCRIPTION
First paragraph
continues here.

Second paragraph.

## EXAMPLES

### Example 1: Remove one thing
```powershell
$t = New-MsThing -Name 'a'
Remove-MsThing -ThingId $t.ThingId -Confirm:$false
```

Creates a thing and removes it.

### Example 2: Remove from the pipeline
```powershell
Get-MsThing | Remove-MsThing
```

Removes all things.

```
some output
```

## PARAMETERS

### -ThingId
The id of the thing.

```yaml
Type: String[]
Parameter Sets: ById
Aliases: Id

Required: True
Position: 0
Default value: None
Accept pipeline input: True (ByPropertyName)
Accept wildcard characters: False
```

### -InputObject
A thing from Get-MsThing.

```yaml
Type: MsThing
Parameter Sets: ByObject
Aliases:

Required: True
Position: Named
Default value: None
Accept pipeline input: True (ByValue)
Accept wildcard characters: False
```

### -Force
Skips the check.

```yaml
Type: SwitchParameter
Parameter Sets: ById
Aliases:

Required: False
Position: Named
Default value: False
Accept pipeline input: False
Accept wildcard characters: True
```

### -WhatIf
Shows what would happen.

```yaml
Type: SwitchParameter
Parameter Sets: (All)
Aliases: wi

Required: False
Position: Named
Default value: False
Accept pipeline input: False
Accept wildcard characters: False
```

### CommonParameters
This cmdlet supports the common parameters.

## INPUTS

### System.String
Thing ids.

## OUTPUTS

### None

## NOTES
Removal cannot be undone.

## RELATED LINKS

[Get-MsThing](Get-MsThing.md)

[MetaStudio API](https://support.huaweicloud.com/intl/en-us/api-metastudio/)
";

        private static readonly XNamespace Maml = "http://schemas.microsoft.com/maml/2004/10";
        private static readonly XNamespace Command = "http://schemas.microsoft.com/maml/dev/command/2004/10";
        private static readonly XNamespace Dev = "http://schemas.microsoft.com/maml/dev/2004/10";

        [Fact]
        public void Parses_every_section()
        {
            var doc = MarkdownHelp.ParseCommand(Sample);
            Assert.Equal("Remove-MsThing", doc.Name);
            Assert.Equal(new[] { "Removes a thing." }, doc.Synopsis);
            Assert.Equal(new[] { "First paragraph continues here.", "Second paragraph." }, doc.Description);
            Assert.Equal(new[] { "ById", "ByObject" }, doc.SyntaxSets);
            Assert.Equal(new[] { "ThingId", "InputObject", "Force", "WhatIf" }, doc.Parameters.Select(p => p.Name));
            var id = doc.Parameters[0];
            Assert.True(id.Required);
            Assert.Equal("0", id.Position);
            Assert.Equal("True (ByPropertyName)", id.PipelineInput);
            Assert.Equal("Id", id.Aliases);
            Assert.True(doc.Parameters[2].Globbing);
            Assert.Equal(2, doc.Examples.Count);
            Assert.Equal("Example 1: Remove one thing", doc.Examples[0].Title);
            Assert.Equal("$t = New-MsThing -Name 'a'\nRemove-MsThing -ThingId $t.ThingId -Confirm:$false", doc.Examples[0].Code);
            Assert.Equal(new[] { "Creates a thing and removes it." }, doc.Examples[0].Remarks);
            Assert.Equal("Get-MsThing | Remove-MsThing", doc.Examples[1].Code);
            Assert.Equal(new[] { "Removes all things.", "some output" }, doc.Examples[1].Remarks);
            Assert.Equal("System.String", doc.Inputs.Single().Name);
            Assert.Equal(new[] { "Removal cannot be undone." }, doc.Notes);
            Assert.Equal(new[] { "Get-MsThing", "MetaStudio API" }, doc.Links.Select(l => l.Text));
        }

        [Fact]
        public void Writes_maml_that_new_externalhelp_would()
        {
            var xml = XDocument.Parse(MamlWriter.Write(new[] { MarkdownHelp.ParseCommand(Sample) }));
            Assert.NotNull(xml.Root);
            Assert.Equal("helpItems", xml.Root.Name.LocalName);
            var cmd = xml.Root.Child(Command + "command");
            var details = cmd.Child(Command + "details");
            Assert.Equal("Remove", details.Child(Command + "verb").Value);
            Assert.Equal("MsThing", details.Child(Command + "noun").Value);
            Assert.Equal("Removes a thing.", details.Child(Maml + "description").Child(Maml + "para").Value);
            Assert.Equal(2, cmd.Child(Maml + "description").Elements(Maml + "para").Count());

            var syntax = cmd.Child(Command + "syntax").Elements(Command + "syntaxItem").ToList();
            Assert.Equal(2, syntax.Count);
            Assert.Equal(new[] { "ThingId", "Force", "WhatIf" }, syntax[0].Elements(Command + "parameter").Select(p => p.Child(Maml + "name").Value));
            Assert.Equal(new[] { "InputObject", "WhatIf" }, syntax[1].Elements(Command + "parameter").Select(p => p.Child(Maml + "name").Value));

            var parameters = cmd.Child(Command + "parameters").Elements(Command + "parameter").ToList();
            var id = parameters.Single(p => p.Child(Maml + "name").Value == "ThingId");
            Assert.Equal("true", id.Attr("required").Value);
            Assert.Equal("True (ByPropertyName)", id.Attr("pipelineInput").Value);
            Assert.Equal("0", id.Attr("position").Value);
            Assert.Equal("Id", id.Attr("aliases").Value);
            Assert.Equal("String[]", id.Child(Command + "parameterValue").Value);
            Assert.Equal("String[]", id.Child(Dev + "type").Child(Maml + "name").Value);
            Assert.Equal("None", id.Child(Dev + "defaultValue").Value);
            var force = parameters.Single(p => p.Child(Maml + "name").Value == "Force");
            Assert.Equal("true", force.Attr("globbing").Value);
            Assert.Equal("named", force.Attr("position").Value);
            Assert.DoesNotContain(cmd.Child(Command + "parameters").Elements(), p => p.Child(Maml + "name").Value == "CommonParameters");

            var examples = cmd.Child(Command + "examples").Elements(Command + "example").ToList();
            Assert.Equal(2, examples.Count);
            Assert.Contains("Example 2: Remove from the pipeline", examples[1].Child(Maml + "title").Value);
            Assert.Equal("Get-MsThing | Remove-MsThing", examples[1].Child(Dev + "code").Value);
            Assert.Equal(2, examples[1].Child(Dev + "remarks").Elements(Maml + "para").Count());

            Assert.Equal("System.String", cmd.Child(Command + "inputTypes").Child(Command + "inputType").Child(Dev + "type").Child(Maml + "name").Value);
            Assert.Equal("Removal cannot be undone.", cmd.Child(Maml + "alertSet").Child(Maml + "alert").Child(Maml + "para").Value);
            var links = cmd.Child(Command + "relatedLinks").Elements(Maml + "navigationLink").ToList();
            Assert.Equal("Get-MsThing", links[0].Child(Maml + "linkText").Value);
            Assert.Equal("", links[0].Child(Maml + "uri").Value);
            Assert.Equal("https://support.huaweicloud.com/intl/en-us/api-metastudio/", links[1].Child(Maml + "uri").Value);
        }

        [Fact]
        public void A_parameter_with_one_yaml_block_per_set_belongs_to_every_set()
        {
            var md = "# Get-MsThing\n\n## SYNTAX\n\n### ById\n```\nx\n```\n\n### ByName\n```\nx\n```\n\n## PARAMETERS\n\n### -Name\nThe name.\n\n"
                     + "```yaml\nType: String\nParameter Sets: ById\nRequired: False\nPosition: Named\n```\n\n"
                     + "```yaml\nType: String\nParameter Sets: ByName\nRequired: True\nPosition: 0\n```\n";
            var doc = MarkdownHelp.ParseCommand(md);
            var name = Assert.Single(doc.Parameters);
            Assert.Equal(new[] { "ById", "ByName" }, name.ParameterSets);
            Assert.True(name.Required);
            Assert.Equal(new[] { "The name." }, name.Description);
            var xml = XDocument.Parse(MamlWriter.Write(new[] { doc }));
            Assert.Equal(2, xml.Descendants(Command + "syntaxItem").Count(i => i.Elements(Command + "parameter").Any()));
        }

        [Fact]
        public void Markdown_without_a_name_is_rejected()
        {
            Assert.Throws<FormatException>(() => MarkdownHelp.ParseCommand("## SYNOPSIS\nx\n"));
        }

        [Fact]
        public void About_topic_becomes_indented_text()
        {
            var text = AboutWriter.Write("# Thing\n## about_Thing\n\n# SHORT DESCRIPTION\nShort.\n\n# LONG DESCRIPTION\n" + string.Join(" ", Enumerable.Repeat("word", 40))
                                         + "\n\n- item one\n  continued\n- item two\n\n```\ncode  line\n```\n\n## Sub Topic\nText.\n");
            var lines = text.Split('\n');
            // As PlatyPS renders its about schema: TOPIC, the lookup name in lower case, sections upper-cased, subtopics as written.
            Assert.Equal("TOPIC", lines[0]);
            Assert.Equal("    about_thing", lines[1]);
            Assert.Contains("SHORT DESCRIPTION", lines);
            Assert.Contains("Sub Topic", lines);
            Assert.Contains("    Short.", lines);
            Assert.All(lines, l => Assert.True(l.Length <= 80, l));
            Assert.Contains("    - item one continued", lines);
            Assert.Contains("    - item two", lines);
            Assert.Contains("        code  line", lines);
        }

        [Fact]
        public void Generate_writes_maml_and_about_files_and_skips_unchanged_ones()
        {
            var root = Path.Combine(Path.GetTempPath(), "ms-help-" + Guid.NewGuid().ToString("N"));
            var docs = Directory.CreateDirectory(Path.Combine(root, "docs")).FullName;
            var output = Path.Combine(root, "en-US");
            try
            {
                File.WriteAllText(Path.Combine(docs, "Remove-MsThing.md"), Sample);
                File.WriteAllText(Path.Combine(docs, "about_Thing.md"), "# Thing\n## about_Thing\n\n# SHORT DESCRIPTION\nShort.\n");
                var written = HelpGenerator.Generate(docs, output);
                Assert.Equal(2, written.Count);
                Assert.True(File.Exists(Path.Combine(output, "MetaStudio.PowerShell.dll-Help.xml")));
                Assert.True(File.Exists(Path.Combine(output, "about_Thing.help.txt")));
                Assert.Empty(HelpGenerator.Generate(docs, output));
                Assert.Empty(Directory.GetFiles(output, "*.tmp"));
            }
            finally
            {
                Directory.Delete(root, true);
            }
        }
    }

    /// <summary>MAML navigation that fails the test, naming what is missing, where the document lacks an element or attribute.</summary>
    internal static class XmlAssert
    {
        public static XElement Child(this XContainer parent, XName name)
            => parent.Element(name) ?? throw new Xunit.Sdk.XunitException($"<{(parent as XElement)?.Name}> has no <{name}>");

        public static XAttribute Attr(this XElement element, XName name)
            => element.Attribute(name) ?? throw new Xunit.Sdk.XunitException($"<{element.Name}> has no attribute {name}");
    }
}
