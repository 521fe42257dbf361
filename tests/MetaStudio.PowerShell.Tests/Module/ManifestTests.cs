using System;
using System.IO;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Runspaces;
using System.Xml.Linq;
using MetaStudio.PowerShell.Tests.Infrastructure;
using Xunit;

namespace MetaStudio.PowerShell.Tests.Module
{
    public class ManifestTests
    {
        [Fact]
        public void Staged_manifest_passes_Test_ModuleManifest()
        {
            using var ps = new PsSession();
            var r = ps.Run("Test-ModuleManifest -Path $path", new System.Collections.Generic.Dictionary<string, object> { ["path"] = TestPaths.ModuleManifest })
                .AssertNoErrors();
            var info = r.Single<PSModuleInfo>();
            Assert.Equal("MetaStudio", info.Name);
        }

        [Fact]
        public void CmdletsToExport_is_exactly_the_public_cmdlet_classes()
        {
            var manifest = ModuleFacts.Strings(ModuleFacts.Manifest(TestPaths.ModuleManifest)["CmdletsToExport"])
                .OrderBy(n => n, StringComparer.OrdinalIgnoreCase).ToList();
            var classes = ModuleFacts.CmdletClassNames;
            ModuleFacts.AssertNone(classes.Except(manifest, StringComparer.OrdinalIgnoreCase), "Cmdlet classes missing from CmdletsToExport");
            ModuleFacts.AssertNone(manifest.Except(classes, StringComparer.OrdinalIgnoreCase), "CmdletsToExport names with no cmdlet class");
            Assert.Equal(manifest.Count, manifest.Distinct(StringComparer.OrdinalIgnoreCase).Count());
            // And the engine exports exactly that list when the staged module is imported.
            Assert.Equal(manifest, ModuleFacts.ExportedCmdlets.Select(c => c.Name).ToList(), StringComparer.OrdinalIgnoreCase);
        }

        [Fact]
        public void Staged_manifest_is_the_repository_manifest()
        {
            Assert.Equal(File.ReadAllText(TestPaths.Repo("MetaStudio.psd1")), File.ReadAllText(TestPaths.ModuleManifest));
        }

        [Fact]
        public void Every_format_file_exists_and_loads()
        {
            var files = ModuleFacts.FormatFiles;
            Assert.NotEmpty(files);
            ModuleFacts.AssertNone(files.Where(f => !File.Exists(f)), "FormatsToProcess files missing from the staged module");
            foreach (var file in files)
            {
                Assert.Equal("Configuration", XDocument.Load(file).Root?.Name.LocalName);
                var error = LoadError(file);
                Assert.True(error == null, $"{Path.GetFileName(file)} does not load: {error}");
            }
        }

        [Fact]
        public void The_format_check_catches_a_broken_file()
        {
            var file = Path.Combine(Path.GetTempPath(), $"broken-{Guid.NewGuid():N}.Format.ps1xml");
            File.WriteAllText(file, "<Configuration><ViewDefinitions><View><Name>x</Name><ViewSelectedBy><TypeName>X</TypeName></ViewSelectedBy>" +
                                    "<TableControl><TableHeaders><TableColumnHeader><Label>A</Label></TableColumnHeader></TableHeaders></TableControl></View></ViewDefinitions></Configuration>");
            try
            {
                Assert.NotNull(LoadError(file));
            }
            finally
            {
                File.Delete(file);
            }
        }

        /// <summary>The engine's own loader: a runspace that cannot load the file throws on open.</summary>
        private static string? LoadError(string file)
        {
            var iss = InitialSessionState.CreateDefault2();
            iss.Formats.Add(new SessionStateFormatEntry(file));
            iss.ThrowOnRunspaceOpenError = true;
            using var rs = RunspaceFactory.CreateRunspace(iss);
            return Record.Exception(() => rs.Open())?.Message;
        }
    }
}
