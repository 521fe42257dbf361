using System;
using System.Collections;
using System.IO;
using System.Linq;
using MetaStudio.PowerShell.Tests.Infrastructure;
using Xunit;

namespace MetaStudio.PowerShell.Tests.Module
{
    /// <summary>What the PowerShell Gallery and Windows PowerShell read from the manifest (issue 8).</summary>
    public class GalleryManifestTests
    {
        private static Hashtable Manifest => ModuleFacts.Manifest(TestPaths.Repo("MetaStudio.psd1"));
        private static Hashtable PSData => Assert.IsType<Hashtable>(Assert.IsType<Hashtable>(Manifest["PrivateData"])["PSData"]);

        [Fact]
        public void Tags_let_the_Gallery_filter_by_edition_and_platform()
        {
            var tags = ModuleFacts.Strings(PSData["Tags"]).ToList();
            foreach (var tag in new[] { "PSEdition_Core", "PSEdition_Desktop", "Windows", "Linux", "MacOS" })
                Assert.Contains(tag, tags);
            // The Gallery rejects tags with spaces.
            Assert.All(tags, t => Assert.DoesNotContain(" ", t));
        }

        [Fact]
        public void License_project_and_release_notes_are_given()
        {
            foreach (var key in new[] { "LicenseUri", "ProjectUri" })
            {
                Assert.True(Uri.TryCreate(PSData[key] as string, UriKind.Absolute, out var uri), $"{key} is not an absolute URI");
                Assert.Equal("https", uri.Scheme);
            }
            Assert.Contains(Assert.IsType<string>(Manifest["ModuleVersion"]), Assert.IsType<string>(PSData["ReleaseNotes"]));
            var license = File.ReadAllText(TestPaths.Repo("LICENSE"));
            Assert.StartsWith("MIT License", license);
            Assert.Equal(license, File.ReadAllText(Path.Combine(TestPaths.ModuleDirectory, "LICENSE")));
        }

        [Fact]
        public void Windows_PowerShell_is_told_the_framework_the_module_needs()
        {
            Assert.Equal("4.7.2", Manifest["DotNetFrameworkVersion"]);
            Assert.Equal(new[] { "Desktop", "Core" }, ModuleFacts.Strings(Manifest["CompatiblePSEditions"]));
        }

        [Fact]
        public void The_root_module_is_the_loader_script_and_it_is_staged_unchanged()
        {
            Assert.Equal("MetaStudio.psm1", Manifest["RootModule"]);
            Assert.Equal(File.ReadAllText(TestPaths.Repo("MetaStudio.psm1")), File.ReadAllText(Path.Combine(TestPaths.ModuleDirectory, "MetaStudio.psm1")));
        }
    }
}
