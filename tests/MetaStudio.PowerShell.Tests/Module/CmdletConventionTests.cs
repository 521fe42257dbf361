using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Management.Automation;
using System.Reflection;
using MetaStudio.PowerShell.Tests.Infrastructure;
using Xunit;

namespace MetaStudio.PowerShell.Tests.Module
{
    /// <summary>The definition of done, checked for every exported cmdlet.</summary>
    public class CmdletConventionTests
    {
        private static IEnumerable<CmdletInfo> Cmdlets => ModuleFacts.ExportedCmdlets;

        [Fact]
        public void Module_exports_cmdlets()
        {
            Assert.Contains(Cmdlets, c => c.Name == "Connect-MsService");
        }

        [Fact]
        public void Verbs_are_approved()
        {
            var approved = ModuleFacts.ApprovedVerbs();
            Assert.Contains("Get", approved);
            ModuleFacts.AssertNone(Cmdlets.Where(c => !approved.Contains(c.Verb)).Select(c => $"{c.Name}: '{c.Verb}' is not an approved verb"),
                "Unapproved verbs");
        }

        [Fact]
        public void Nouns_start_with_Ms()
        {
            ModuleFacts.AssertNone(Cmdlets.Where(c => !c.Noun.StartsWith("Ms", StringComparison.Ordinal) || c.Noun.Length < 3).Select(c => c.Name),
                "Nouns without the Ms prefix");
        }

        [Fact]
        public void Cmdlet_classes_are_sealed()
        {
            ModuleFacts.AssertNone(Cmdlets.Where(c => !c.ImplementingType.IsSealed).Select(c => c.ImplementingType.FullName ?? c.Name), "Cmdlet classes not sealed");
        }

        /// <summary>Verbs whose cmdlets may legitimately write nothing.</summary>
        private static readonly ISet<string> SilentVerbs = new HashSet<string>(StringComparer.OrdinalIgnoreCase) { "Disconnect", "Remove", "Clear", "Stop", "Complete" };

        [Fact]
        public void OutputType_is_declared()
        {
            var violations = new List<string>();
            foreach (var c in Cmdlets)
            {
                var types = c.ImplementingType.GetCustomAttributes<OutputTypeAttribute>().SelectMany(a => a.Type).ToList();
                if (types.Count == 0) violations.Add($"{c.Name}: no [OutputType]");
                else if (types.All(t => t.Type == typeof(void)) && !SilentVerbs.Contains(c.Verb))
                    violations.Add($"{c.Name}: [OutputType(typeof(void))] on a cmdlet that should return something");
            }
            ModuleFacts.AssertNone(violations, "OutputType");
        }

        private static bool NeedsView(Type t) => t != null && t != typeof(void) && !t.IsPrimitive && !t.IsEnum
            && t != typeof(string) && t != typeof(decimal) && t != typeof(DateTime) && t != typeof(DateTimeOffset) && t != typeof(TimeSpan)
            && t != typeof(Guid) && t != typeof(Uri) && t != typeof(object) && t != typeof(PSObject)
            && !typeof(FileSystemInfo).IsAssignableFrom(t) && !t.IsArray;

        [Fact]
        public void Every_output_type_has_a_table_view()
        {
            var views = ModuleFacts.TypesWithTableView();
            Assert.Contains("MetaStudio.PowerShell.MsSession", views);
            var violations = from c in Cmdlets
                             from a in c.ImplementingType.GetCustomAttributes<OutputTypeAttribute>()
                             from t in a.Type
                             let type = t.Type
                             where type == null ? !views.Contains(t.Name) : NeedsView(type) && !views.Contains(type.FullName ?? type.Name)
                             select $"{c.Name}: {type?.FullName ?? t.Name}";
            ModuleFacts.AssertNone(violations.Distinct(), "Output types without a table view in the staged format files");
        }

        /// <summary>
        /// Ids of the objects cmdlets act on are one noun + Id (AssetId, JobId, ScriptId, FileId, RoomId), named like
        /// the output properties so `Get-X | Verb-X` binds. Compound names (VoiceAssetId, ModelAssetId, AppUserId) refer
        /// to other objects: binding them by property name would pick up unrelated properties of piped objects.
        /// </summary>
        private static bool IsObjectId(string name) => System.Text.RegularExpressions.Regex.IsMatch(name, "^[A-Z][a-z]+Id$");

        /// <summary>
        /// Not ids of objects that flow down a pipeline: session and profile settings, and a list filter (binding it
        /// by property name would silently filter by whatever a piped object happens to carry).
        /// </summary>
        private static readonly ISet<string> NonResourceIds = new HashSet<string>
        {
            "Connect-MsService:ProjectId", "Get-MsAsset:StyleId", "Set-MsCredentialProfile:ProjectId", "Set-MsCredentialProfile:IdpId",
        };

        [Fact]
        public void Id_parameters_bind_by_property_name()
        {
            Assert.True(IsObjectId("AssetId") && IsObjectId("JobId") && !IsObjectId("VoiceAssetId") && !IsObjectId("AppUserId"));
            var violations = from c in Cmdlets
                             from p in c.Parameters.Values
                             where IsObjectId(p.Name) && !NonResourceIds.Contains(c.Name + ":" + p.Name)
                             where !p.ParameterSets.Values.Any(s => s.ValueFromPipelineByPropertyName)
                             select $"{c.Name} -{p.Name}";
            ModuleFacts.AssertNone(violations, "Id parameters that are not ValueFromPipelineByPropertyName");
        }

        [Fact]
        public void State_changing_cmdlets_support_ShouldProcess()
        {
            var changing = Cmdlets.Where(ModuleFacts.ChangesState).ToList();
            Assert.Contains(changing, c => c.Name == "Disconnect-MsService");
            ModuleFacts.AssertNone(changing.Where(c => !ModuleFacts.CmdletAttribute(c).SupportsShouldProcess).Select(c => c.Name),
                "State-changing cmdlets without SupportsShouldProcess");
        }

        /// <summary>Removes whose usual change can be undone (the asset recycle bin), with the switch that makes them irreversible.</summary>
        internal static readonly IReadOnlyDictionary<string, string> ReversibleRemoves = new Dictionary<string, string> { ["Remove-MsAsset"] = "Permanent" };

        [Fact]
        public void Irreversible_removes_have_high_ConfirmImpact_and_the_recycle_bin_medium()
        {
            // A permanent delete asks as High impact; a move to the recycle bin is Medium (ConfirmTests checks that
            // its irreversible switch still prompts as High does).
            ModuleFacts.AssertNone(Cmdlets.Where(c => c.Verb == "Remove" && !ReversibleRemoves.ContainsKey(c.Name)
                                                      && ModuleFacts.CmdletAttribute(c).ConfirmImpact != ConfirmImpact.High).Select(c => c.Name),
                "Irreversible Remove cmdlets without ConfirmImpact.High");
            foreach (var (name, irreversible) in ReversibleRemoves)
            {
                var cmdlet = Cmdlets.Single(c => c.Name == name);
                Assert.Equal(ConfirmImpact.Medium, ModuleFacts.CmdletAttribute(cmdlet).ConfirmImpact);
                Assert.Equal(typeof(SwitchParameter), cmdlet.Parameters[irreversible].ParameterType);
            }
        }
    }
}
