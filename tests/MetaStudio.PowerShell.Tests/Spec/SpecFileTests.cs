using System.IO;
using System.Linq;
using MetaStudio.PowerShell.Core.Spec;
using MetaStudio.PowerShell.Tests.Infrastructure;
using Xunit;

namespace MetaStudio.PowerShell.Tests.Spec
{
    /// <summary>The official client's wire facts are copied into the repo (api/) and embedded in the module, unchanged.</summary>
    public class SpecFileTests
    {
        private static string RepoSpec => TestPaths.Repo("api", "metastudio-v1.json");

        /// <summary>The shared copy next to the repository (CI clones the repo beside shared/; a worktree may not have it).</summary>
        private static string SharedSpec => Path.GetFullPath(Path.Combine(TestPaths.RepoRoot, "..", "shared", "api", "metastudio-v1.json"));

        [SkippableFact]
        public void The_repos_spec_is_the_shared_one()
        {
            Skip.IfNot(File.Exists(SharedSpec), $"No shared spec at {SharedSpec}: nothing to compare with.");
            Assert.True(File.ReadAllBytes(SharedSpec).SequenceEqual(File.ReadAllBytes(RepoSpec)),
                $"api/metastudio-v1.json differs from {SharedSpec}: copy it again (it is data, never edited by hand).");
        }

        [Fact]
        public void The_module_embeds_the_repos_spec()
        {
            using var stream = typeof(ApiSpec).Assembly.GetManifestResourceStream(ApiSpec.ResourceName);
            Assert.NotNull(stream);
            using var copy = new MemoryStream();
            stream.CopyTo(copy);
            Assert.True(copy.ToArray().SequenceEqual(File.ReadAllBytes(RepoSpec)), "The embedded spec is not api/metastudio-v1.json.");
        }

        [Fact]
        public void The_spec_reads_into_operations_routes_and_models()
        {
            var spec = ApiSpec.Bundled;
            Assert.Contains("3.1.209", spec.Source);
            Assert.Equal(72, spec.Operations.Count);
            Assert.Equal(4, spec.Operations.Values.Count(o => o.Extra));
            Assert.True(spec.AllOperations.Count > 200);
            Assert.All(spec.Operations.Values, o => Assert.Same(o, spec.AllOperations[o.Name]));
            Assert.Same(spec.AllOperations["ListAssets"], spec.AllOperations["listassets"]);

            var create = spec.Operation("CreateDigitalAsset");
            Assert.Equal(("POST", "/v1/{project_id}/digital-assets"), (create.Method, create.Path));
            Assert.True(create.BodyRequired);
            Assert.NotNull(create.Body);
            Assert.Equal(new[] { "asset_name", "asset_type" }, create.Body.Required);
            Assert.NotNull(create.Body.Fields);
            var assetType = Field(create.Body, "asset_type");
            Assert.NotNull(assetType.Enum);
            Assert.Contains("HUMAN_MODEL_2D", assetType.Enum);
            Assert.Equal("VoiceLanguage", Field(Field(Field(create.Body, "asset_extra_meta"), "voice_model_meta"), "languages").Items?.EnumModel);

            // client_required names parameters as the SDK's arguments (jobId); the query names are the wire's.
            Assert.Equal(new[] { "job_id", "index" }, spec.Operation("ConfirmTrainingSegment").RequiredQuery);
            Assert.Equal(new[] { "job_id" }, spec.Operation("ShowJobAuditResult").PathParameters);
            Assert.True(Field(spec.Operation("ExecuteSmartLiveCommand").Body, "params").IsOpenObject);
            Assert.Equal(new[] { "time", "action", "operator", "external_info" }, spec.Models["OperationLogItem"].Fields?.Keys);
        }

        /// <summary>A field of a spec node; fails the test when there is no node or it has no fields.</summary>
        private static SpecNode Field(SpecNode? node, string name)
        {
            Assert.NotNull(node);
            Assert.NotNull(node.Fields);
            return node.Fields[name];
        }
    }
}
