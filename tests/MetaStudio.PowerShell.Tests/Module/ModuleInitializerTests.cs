using System;
using System.IO;
using MetaStudio.PowerShell.Tests.Infrastructure;
using Xunit;

namespace MetaStudio.PowerShell.Tests.Module
{
    /// <summary>The Windows PowerShell 5.1 resolver answers only for assemblies the module ships.</summary>
    public class ModuleInitializerTests
    {
        [Fact]
        public void Resolves_shipped_dependencies_and_nothing_else()
        {
            var folder = TestPaths.ModuleDirectory;
            Assert.Equal(Path.Combine(folder, "System.Text.Json.dll"), ModuleInitializer.ShippedDependency("System.Text.Json", folder));
            Assert.Equal(Path.Combine(folder, "Polly.Core.dll"), ModuleInitializer.ShippedDependency("Polly.Core", folder));
            Assert.Null(ModuleInitializer.ShippedDependency("Newtonsoft.Json", folder));
            Assert.Null(ModuleInitializer.ShippedDependency("System.Management.Automation", folder));
            // The module itself is loaded by PowerShell, never through the resolver.
            Assert.Null(ModuleInitializer.ShippedDependency("MetaStudio.PowerShell", folder));
            Assert.Null(ModuleInitializer.ShippedDependency("..\\evil", folder));
            Assert.Null(ModuleInitializer.ShippedDependency("", folder));
        }

        [Fact]
        public void On_PowerShell_7_the_framework_check_is_false_and_import_still_works()
        {
            Assert.False(ModuleInitializer.IsNetFramework);
            // Importing the module runs OnImport; on .NET it must leave resolution to PowerShell.
            using var ps = new PsSession();
            Assert.Contains(ps.Run("Get-Command -Module MetaStudio").Output, o => o.ToString() == "Connect-MsService");
        }
    }
}
