#nullable enable
using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Reflection;
using MetaStudio.PowerShell.Loader;
using MetaStudio.PowerShell.Tests.Infrastructure;
using Xunit;

namespace MetaStudio.PowerShell.Tests.Module
{
    /// <summary>
    /// The module's public surface is its cmdlets, their bases, the output types, the parameter types and the
    /// documented exceptions (DEVELOPING.md, "Public surface"); everything else is internal. The surface is
    /// committed as PublicApi.txt beside each project, and a change to it is a decision: these tests fail on any
    /// added or removed line until the file is rewritten with MS_UPDATE_DOCS=1.
    /// </summary>
    public class PublicSurfaceTests
    {
        public const string Instruction = "If the change is intended, rewrite the file: MS_UPDATE_DOCS=1 dotnet test tests/MetaStudio.PowerShell.Tests --filter PublicSurfaceTests";

        [Fact]
        public void The_module_public_surface_is_the_committed_one()
            => AssertCommitted(typeof(MsSession).Assembly, "src", "MetaStudio.PowerShell", "PublicApi.txt");

        [Fact]
        public void The_loader_public_surface_is_the_committed_one()
            => AssertCommitted(typeof(ModuleLoader).Assembly, "src", "MetaStudio.PowerShell.Loader", "PublicApi.txt");

        [Fact]
        public void An_added_or_removed_line_is_reported_with_its_sign()
        {
            Assert.Equal(new[] { "+ a.C", "- a.D" }, PublicSurface.Diff(new[] { "a.B", "a.D" }, new[] { "a.B", "a.C" }));
            Assert.Empty(PublicSurface.Diff(new[] { "a.B" }, new[] { "a.B" }));
        }

        [Fact]
        public void A_public_member_is_listed_and_internal_ones_are_not()
        {
            var lines = PublicSurface.Of(new[] { typeof(Sample) });
            var name = typeof(Sample).FullName!.Replace('+', '.');
            Assert.Equal(new[]
            {
                $"{name} (abstract class)",
                $"{name}..ctor() (protected)",
                $"{name}.Count {{ get; set; }} -> System.Int32",
                $"{name}.Limit -> System.Int32 = 5 const",
                $"{name}.Name {{ get; }} -> System.String",
                $"{name}.ProtectedInternalIsVisible {{ get; }} -> System.Int32 (protected)",
                $"{name}.Run(System.String text, System.Int32 times = 2) -> System.Collections.Generic.List<System.String> (protected) abstract",
                $"{name}.Shown(System.Int32? id) -> System.Boolean",
            }, lines);
            // A new public member of a listed type shows as an addition against the old surface.
            var withoutCount = lines.Where(l => !l.Contains(".Count ", StringComparison.Ordinal)).ToList();
            Assert.Equal(new[] { $"+ {name}.Count {{ get; set; }} -> System.Int32" }, PublicSurface.Diff(withoutCount, lines));
        }

        public abstract class Sample
        {
            public const int Limit = 5;
            public int Count { get; set; }
            public string Name { get; } = "";
            public bool Shown(int? id) => id != null;
            protected abstract List<string> Run(string text, int times = 2);
            private protected abstract void Hidden();
            internal int Internal { get; set; }
            protected internal int ProtectedInternalIsVisible => 0;
        }

        private static void AssertCommitted(Assembly assembly, params string[] path)
        {
            var file = TestPaths.Repo(path);
            var built = PublicSurface.Of(assembly);
            var committed = File.Exists(file) ? File.ReadAllLines(file).Where(l => l.Length > 0).ToList() : new List<string>();
            var diff = PublicSurface.Diff(committed, built);
            if (diff.Count > 0 && ApiDocs.Update)
            {
                File.WriteAllText(file, string.Join("\n", built) + "\n");
                return;
            }
            Assert.True(diff.Count == 0,
                $"The public surface of {assembly.GetName().Name} differs from {string.Join("/", path)} (+ in the build, - in the file):\n"
                + string.Join("\n", diff)
                + "\nTypes and members are internal unless they are cmdlets, their bases' parameters, output types, parameter types or"
                + " documented exceptions (DEVELOPING.md, \"Public surface\"). " + Instruction);
        }
    }
}
