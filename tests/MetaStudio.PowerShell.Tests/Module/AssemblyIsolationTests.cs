using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;
using System.Runtime.InteropServices;
using System.Runtime.Loader;
using MetaStudio.PowerShell.Loader;
using MetaStudio.PowerShell.Tests.Infrastructure;
using Xunit;

namespace MetaStudio.PowerShell.Tests.Module
{
    /// <summary>
    /// The staged module keeps its dependencies out of PowerShell's shared load context: the loader (the
    /// only assembly there) references nothing it ships, every dependency is in dependencies/, and the
    /// private context binds them. What a real pwsh shows is in tests/Pester/Isolation.Tests.ps1.
    /// </summary>
    public class AssemblyIsolationTests
    {
        private static string Staged(params string[] parts) => Path.Combine(new[] { TestPaths.ModuleDirectory }.Concat(parts).ToArray());

        private static readonly string Dependencies = Staged(ModuleLayout.DependencyFolderName);

        private static ISet<string> ShippedNames() => Directory.EnumerateFiles(Dependencies, "*.dll")
            .Select(f => Path.GetFileNameWithoutExtension(f)).ToHashSet(StringComparer.OrdinalIgnoreCase);

        private static List<string> References(string assemblyPath)
        {
            using var pe = new PEReader(File.OpenRead(assemblyPath));
            var md = pe.GetMetadataReader();
            return md.AssemblyReferences.Select(h => md.GetString(md.GetAssemblyReference(h).Name)).ToList();
        }

        /// <summary>Names the .NET runtime itself provides (its shared framework folder).</summary>
        private static ISet<string> FrameworkNames() => Directory.EnumerateFiles(RuntimeEnvironment.GetRuntimeDirectory(), "*.dll")
            .Select(f => Path.GetFileNameWithoutExtension(f)).ToHashSet(StringComparer.OrdinalIgnoreCase);

        [Theory]
        [InlineData("core")]
        [InlineData("desktop")]
        public void The_loader_in_the_shared_context_references_only_the_base_library(string edition)
        {
            var loader = Staged("loader", edition, "MetaStudio.PowerShell.Loader.dll");
            Assert.True(File.Exists(loader), $"{loader} was not staged");
            var references = References(loader);
            var shipped = ShippedNames();
            ModuleFacts.AssertNone(references.Where(shipped.Contains), $"The {edition} loader references an isolated dependency");
            ModuleFacts.AssertNone(references.Where(r => r is "MetaStudio.PowerShell" or "System.Management.Automation"),
                $"The {edition} loader references the module or the engine (it must load before either)");
            var allowed = edition == "desktop" ? new HashSet<string> { "netstandard" } : FrameworkNames();
            ModuleFacts.AssertNone(references.Where(r => !allowed.Contains(r)), $"The {edition} loader references something outside the base library");
        }

        [Fact]
        public void Only_the_modules_code_is_at_the_root_and_its_dependencies_are_all_shipped()
        {
            var rootAssemblies = Directory.EnumerateFiles(TestPaths.ModuleDirectory, "*.dll").Select(Path.GetFileName).ToList();
            Assert.Equal(new[] { "MetaStudio.PowerShell.dll" }, rootAssemblies);
            var shipped = ShippedNames();
            Assert.Contains("Polly.Core", shipped);
            ModuleFacts.AssertNone(shipped.Where(n => n is "System.Management.Automation" or "MetaStudio.PowerShell"),
                "dependencies/ holds the engine or the module itself");
            // Everything the module's code binds is the engine, the base library facade, or shipped.
            var missing = References(Staged("MetaStudio.PowerShell.dll"))
                .Where(r => r is not ("netstandard" or "System.Management.Automation") && !shipped.Contains(r));
            ModuleFacts.AssertNone(missing, "MetaStudio.PowerShell references assemblies that dependencies/ does not ship");
        }

        [Fact]
        public void A_host_that_ships_the_module_gets_its_own_copy_so_its_casts_work()
        {
            // This test host references MetaStudio.PowerShell and casts output to its types; a private copy would
            // be a different MsAsset, and (MsAsset)o.BaseObject would throw.
            Assert.Same(typeof(MsSession).Assembly, ModuleLoader.Load(TestPaths.ModuleDirectory));
            Assert.Same(ModuleLoader.Load(TestPaths.ModuleDirectory), ModuleLoader.Load(TestPaths.ModuleDirectory + Path.DirectorySeparatorChar));
        }

        [Fact]
        public void The_private_context_binds_shipped_dependencies_and_leaves_the_rest_to_the_platform()
        {
            // As in pwsh: the platform is the runtime's shared framework (this test host's own list also has
            // the module's dependencies, because it references the module).
            var framework = FrameworkNames();
            var context = new ModuleLoadContext(TestPaths.ModuleDirectory,
                name => framework.Contains(name) ? AssemblyName.GetAssemblyName(Path.Combine(RuntimeEnvironment.GetRuntimeDirectory(), name + ".dll")).Version : null);

            foreach (var name in new[] { "Polly.Core", "Microsoft.Bcl.TimeProvider" })
            {
                var assembly = context.LoadFromAssemblyName(new AssemblyName(name));
                Assert.Same(context, AssemblyLoadContext.GetLoadContext(assembly));
                Assert.Equal(Path.Combine(Dependencies, name + ".dll"), assembly.Location);
            }
            // The runtime's System.Text.Json is newer than the shipped 8.0: the platform's copy, from the default context.
            var json = context.LoadFromAssemblyName(new AssemblyName("System.Text.Json"));
            Assert.Same(AssemblyLoadContext.Default, AssemblyLoadContext.GetLoadContext(json));
            // Not shipped: always the default context's.
            Assert.Same(typeof(System.Management.Automation.PSObject).Assembly,
                context.LoadFromAssemblyName(new AssemblyName("System.Management.Automation")));
            Assert.Equal(ModuleLoader.ContextName, context.Name);
        }
    }

    /// <summary>The decisions of both loaders, including Windows PowerShell's, which cannot run here.</summary>
    public class LoaderRuleTests
    {
        private const string Token = "cc7b13ffcd2ddd51";
        private static readonly string ModuleBase = TestPaths.ModuleDirectory;

        private static string Memory(string version, string token = Token)
            => $"System.Memory, Version={version}, Culture=neutral, PublicKeyToken={token}";

        private static readonly string OurDependency = Path.Combine(ModuleBase, "dependencies", "System.Text.Json.dll");
        private static readonly string OurModule = Path.Combine(ModuleBase, "MetaStudio.PowerShell.dll");

        [Theory]
        [InlineData("4.0.1.2", true)]   // the shipped version
        [InlineData("4.0.1.1", true)]   // older requests take the newer shipped copy (what binding redirects would do)
        [InlineData("4.0.0.0", true)]
        [InlineData("4.0.1.3", false)]  // never an older copy than asked for
        [InlineData("5.0.0.0", false)]
        public void Windows_PowerShell_binds_only_an_equal_or_newer_version(string requested, bool answered)
        {
            var resolver = new DependencyResolver(ModuleBase);
            var expected = answered ? Path.Combine(ModuleBase, "dependencies", "System.Memory.dll") : null;
            Assert.Equal(expected, resolver.Choose(Memory(requested), OurDependency, requesterKnown: true));
        }

        [Fact]
        public void Windows_PowerShell_binds_only_for_the_modules_own_requests_and_names()
        {
            var resolver = new DependencyResolver(ModuleBase);
            var memory = Path.Combine(ModuleBase, "dependencies", "System.Memory.dll");
            Assert.Equal(memory, resolver.Choose(Memory("4.0.1.2"), OurModule, true));
            Assert.Equal(memory, resolver.Choose(Memory("4.0.1.2"), null, requesterKnown: false)); // .NET Framework did not say who asked
            Assert.Null(resolver.Choose(Memory("4.0.1.2"), "/elsewhere/OtherModule/OtherModule.dll", true));
            Assert.Null(resolver.Choose(Memory("4.0.1.2"), null, requesterKnown: true)); // an in-memory assembly is not ours
            Assert.Null(resolver.Choose(Memory("4.0.1.2", "b03f5f7f11d50a3a"), OurModule, true)); // signed by someone else
            Assert.Null(resolver.Choose("Newtonsoft.Json, Version=13.0.0.0, Culture=neutral, PublicKeyToken=30ad4fe6b2a6aeed", OurModule, true));
            Assert.Null(resolver.Choose("System.Management.Automation, Version=3.0.0.0", OurModule, true));
            Assert.Null(resolver.Choose("MetaStudio.PowerShell", OurModule, true)); // the module itself is loaded by the loader, not resolved
            Assert.Null(resolver.Choose("..\\evil", OurModule, true));
            Assert.Null(resolver.Choose("", OurModule, true));
            Assert.Equal(Path.Combine(ModuleBase, "dependencies", "Polly.Core.dll"), resolver.Choose("Polly.Core", OurModule, true)); // no version asked
        }

        [Fact]
        public void A_folder_check_is_not_fooled_by_a_sibling_with_the_same_prefix()
        {
            Assert.True(ModuleLayout.IsUnder(Path.Combine(ModuleBase, "dependencies", "x.dll"), ModuleBase));
            Assert.False(ModuleLayout.IsUnder(ModuleBase.TrimEnd(Path.DirectorySeparatorChar) + "-evil" + Path.DirectorySeparatorChar + "x.dll", ModuleBase));
            Assert.False(ModuleLayout.IsUnder(null, ModuleBase));
        }

        [Theory]
        [InlineData("8.0.0.0", null, false)]       // the platform has none: ours
        [InlineData("8.0.0.0", "6.0.0.0", false)]  // the platform's is older: ours, privately
        [InlineData("8.0.0.0", "8.0.0.0", true)]   // as new: the platform's (System.Text.Json on .NET 8)
        [InlineData("8.0.0.0", "10.0.0.0", true)]
        public void PowerShell_7_prefers_the_platform_only_when_it_is_as_new(string shipped, string? platform, bool preferred)
        {
            Assert.Equal(preferred, BindingRules.PreferPlatform(new Version(shipped), platform == null ? null : new Version(platform)));
        }
    }
}
