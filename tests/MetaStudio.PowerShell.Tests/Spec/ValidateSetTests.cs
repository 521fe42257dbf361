using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using MetaStudio.PowerShell.Core.Spec;
using MetaStudio.PowerShell.Tests.Module;
using Xunit;

namespace MetaStudio.PowerShell.Tests.Spec
{
    /// <summary>
    /// Every [ValidateSet] of the module is audited against the official model: a set that feeds a wire enum
    /// accepts exactly the official values (so official values are never refused locally and others never sent),
    /// and a set that feeds no listed enum says why.
    /// </summary>
    public class ValidateSetTests
    {
        /// <summary>"Cmdlet -Parameter" → where its values go: "Operation:$.json.path", "Operation:?query" or "Model.field".</summary>
        private static readonly Dictionary<string, string> Enums = new()
        {
            ["Add-MsProductAsset -AssetType"] = "SetProductAsset:$.asset_item.asset_type",
            ["Remove-MsProductAsset -AssetType"] = "SetProductAsset:$.asset_item.asset_type",
            ["Complete-MsAssetFile -State"] = "ConfirmFileUpload:$.state",
            ["Get-MsAsset -TagCombination"] = "ListAssets:?tag_combination_type",
            ["Get-MsAsset -Type"] = "DigitalAssetInfo.asset_type",
            ["Get-MsAsset -State"] = "DigitalAssetInfo.asset_state",
            ["Get-MsAsset -Source"] = "ListAssets:?asset_source",
            ["Get-MsAsset -SupportedService"] = "ListAssets:?supported_service",
            ["Get-MsLiveRoom -RoomType"] = "CreateSmartLiveRoom:$.room_type",
            ["Get-MsLiveTask -State"] = "SmartLiveJob.state",
            ["Get-MsProduct -State"] = "ProductDetailInfo.state",
            ["Get-MsVideoScript -Catalog"] = "ListVideoScripts:?script_catalog",
            ["Get-MsVideoScript -ViewMode"] = "ListVideoScripts:?view_mode",
            ["Get-MsVideoTask -State"] = "DigitalHumanVideo.state",
            ["Get-MsVoiceTrainingJob -Tag"] = "VoiceProperties.job_tag",
            ["Invoke-MsLiveCommand -Command"] = "ExecuteSmartLiveCommand:$.command",
            ["Invoke-MsLiveCommand -PlayType"] = "TriggerProcess.play_type",
            ["Invoke-MsModelTrainingCommand -Command"] = "Execute2dModelTrainingCommandByUser:$.command",
            ["Invoke-MsModelTrainingCommand -CommandMessage"] = "Execute2dModelTrainingCommandByUser:$.command_message",
            ["New-MsAsset -Type"] = "CreateDigitalAsset:$.asset_type",
            ["New-MsLiveRoom -RoomType"] = "CreateSmartLiveRoom:$.room_type",
            ["Set-MsLiveRoom -RoomType"] = "UpdateSmartLiveRoom:$.room_type",
            ["New-MsModelTrainingJob -ModelVersion"] = "Create2dModelTrainingJob:$.model_version",
            ["New-MsModelTrainingJob -AudioSourceType"] = "Create2dModelTrainingJob:$.audio_source_type",
            ["New-MsModelTrainingJob -SupportedService"] = "ListAssets:?supported_service",
            ["New-MsModelTrainingJob -CommandMessage"] = "Create2dModelTrainingJob:$.command_message",
            ["Set-MsModelTrainingJob -AudioSourceType"] = "Update2dModelTrainingJob:$.audio_source_type",
            ["Set-MsModelTrainingJob -SupportedService"] = "ListAssets:?supported_service",
            ["Set-MsModelTrainingJob -CommandMessage"] = "Update2dModelTrainingJob:$.command_message",
            ["New-MsVideoScript -ViewMode"] = "CreateVideoScripts:$.view_mode",
            ["New-MsVideoScript -ModelAssetType"] = "CreateVideoScripts:$.model_asset_type",
            ["New-MsVideoScript -Codec"] = "CreateVideoScripts:$.video_config.codec",
            ["New-MsVideoScript -FrameRate"] = "CreateVideoScripts:$.video_config.frame_rate",
            ["Set-MsVideoScript -ViewMode"] = "UpdateVideoScript:$.view_mode",
            ["Set-MsVideoScript -ModelAssetType"] = "UpdateVideoScript:$.model_asset_type",
            ["Set-MsVideoScript -Codec"] = "UpdateVideoScript:$.video_config.codec",
            ["Set-MsVideoScript -FrameRate"] = "UpdateVideoScript:$.video_config.frame_rate",
            ["Start-MsVideoTask -Codec"] = "Create2DDigitalHumanVideo:$.video_config.codec",
            ["Start-MsVideoTask -FrameRate"] = "Create2DDigitalHumanVideo:$.video_config.frame_rate",
            ["Start-MsVideoTask -CallbackAuthType"] = "Create2DDigitalHumanVideo:$.callback_config.auth_type",
            ["New-MsVoiceTrainingJob -Tag"] = "VoiceProperties.job_tag",
            ["New-MsVoiceTrainingJob -Sex"] = "CreateTrainingBasicJob:$.sex",
            ["New-MsVoiceTrainingJob -Language"] = "VoiceProperties.language",
            ["Submit-MsVoiceTrainingJob -Tag"] = "VoiceProperties.job_tag",
            ["Submit-MsVoiceTrainingJob -Sex"] = "CommitVoiceTrainingJob:$.sex",
            ["Submit-MsVoiceTrainingJob -Language"] = "VoiceProperties.language",
            ["Set-MsAsset -State"] = "UpdateDigitalAsset:$.asset_state",
            ["Set-MsProduct -State"] = "UpdateProduct:$.state",
            ["Start-MsLiveTask -ViewMode"] = "StartSmartLive:$.view_mode",
        };

        /// <summary>The answers' enum plus the spelling the list filter's documentation uses for photo tasks.</summary>
        private static readonly string[] JobTypeAlias = { "PHOTO_DIGITAL_HUMAN_VIDEO" };

        private static readonly Dictionary<string, (string Location, string[] Also)> EnumsWithAliases = new()
        {
            ["Get-MsVideoTask -JobType"] = ("DigitalHumanVideo.job_type", JobTypeAlias),
            ["Stop-MsVideoTask -JobType"] = ("DigitalHumanVideo.job_type", JobTypeAlias),
            ["Wait-MsVideoTask -JobType"] = ("DigitalHumanVideo.job_type", JobTypeAlias),
        };

        /// <summary>Sets that feed no enum the official model lists, and why they exist.</summary>
        private static readonly Dictionary<string, string> NotWireEnums = new()
        {
            ["Get-MsAsset -SortDirection"] = "sort_dir is a plain string; asc and desc are the documented values",
            ["Get-MsLiveRoom -LiveState"] = "live_state is a plain string (a comma list); the values are the documented ones",
            ["Get-MsLiveTask -SortDirection"] = "the cmdlet's words for sort_dir asc/desc",
            ["Get-MsModelTrainingJob -ModelResolution"] = "model_resolution is a plain string; 1080P and 4K are the documented values",
            ["Get-MsModelTrainingJob -SortDirection"] = "sort_dir is a plain string",
            ["Get-MsProduct -SortKey"] = "sort_key is a plain string; the documented keys",
            ["Get-MsProduct -SortDirection"] = "sort_dir is a plain string",
            ["Get-MsVoiceTrainingJob -JobType"] = "job_type is a plain string; the documented job types",
            ["Invoke-MsRequest -Method"] = "HTTP methods of the official client's operations",
            ["New-MsAssetFile -Category"] = "asset_file_category is a plain string; the documented categories",
            ["Send-MsAssetFile -Category"] = "asset_file_category is a plain string; the documented categories",
            ["Save-MsAssetFile -Category"] = "filters the asset's files locally",
            ["Save-MsAssetFile -NameFrom"] = "the local file name's source (the service's file or the asset); nothing is sent",
            ["New-MsVoiceTrainingJob -Edition"] = "picks the operation (basic, middle or advance jobs)",
            ["New-MsVoiceTrainingJob -CreateType"] = "create_type is a plain string; PACKAGE and SEGMENT are the documented types",
            ["Wait-MsLiveTask -Until"] = "the cmdlet's own choice of when a wait ends",
        };

        internal static SpecNode Locate(string location)
        {
            var spec = ApiSpec.Bundled;
            SpecNode Unwrap(SpecNode? n)
            {
                Assert.True(n is not null, $"{location} names nothing in the spec");
                var item = n.IsArray ? n.Items : n;
                Assert.True(item is not null, $"{location} names an array without items");
                return item;
            }
            IReadOnlyDictionary<string, SpecNode> Fields(SpecNode? n) => Unwrap(n).Fields ?? throw new Xunit.Sdk.XunitException($"{location} goes through a node without fields");
            var colon = location.IndexOf(':');
            if (colon < 0)
            {
                var dot = location.IndexOf('.');
                return Unwrap(Fields(spec.Models[location[..dot]])[location[(dot + 1)..]]);
            }
            var op = spec.Operation(location[..colon]);
            var path = location[(colon + 1)..];
            if (path.StartsWith("?", StringComparison.Ordinal))
                return Unwrap((op.Query ?? throw new Xunit.Sdk.XunitException($"{location}: the operation has no query"))[path[1..]]);
            var node = op.Body;
            foreach (var part in path.Substring(2).Split('.')) node = Fields(node)[part];
            return Unwrap(node);
        }

        [Fact]
        public void Every_ValidateSet_is_the_official_enum_or_says_why_not()
        {
            var violations = new List<string>();
            var seen = new HashSet<string>();
            foreach (var cmdlet in ModuleFacts.ExportedCmdlets)
                foreach (var p in cmdlet.Parameters.Values)
                {
                    var set = p.Attributes.OfType<ValidateSetAttribute>().FirstOrDefault();
                    if (set == null) continue;
                    var key = $"{cmdlet.Name} -{p.Name}";
                    seen.Add(key);
                    if (NotWireEnums.ContainsKey(key)) continue;
                    string? location;
                    string[] also = Array.Empty<string>();
                    if (EnumsWithAliases.TryGetValue(key, out var aliased)) (location, also) = aliased;
                    else if (!Enums.TryGetValue(key, out location))
                    {
                        violations.Add($"{key}: not audited (add where its values go, or why it is no wire enum)");
                        continue;
                    }
                    var node = Locate(location);
                    if (node.Enum == null)
                    {
                        violations.Add($"{key}: {location} lists no enum");
                        continue;
                    }
                    var expected = node.Enum.Concat(also).OrderBy(v => v, StringComparer.Ordinal);
                    var actual = set.ValidValues.OrderBy(v => v, StringComparer.Ordinal);
                    if (!expected.SequenceEqual(actual))
                        violations.Add($"{key}: accepts {string.Join(",", set.ValidValues)}; {location} lists {string.Join(",", node.Enum.Concat(also))}");
                }
            violations.AddRange(Enums.Keys.Concat(EnumsWithAliases.Keys).Concat(NotWireEnums.Keys).Where(k => !seen.Contains(k)).Select(k => $"{k}: listed here but has no ValidateSet"));
            ModuleFacts.AssertNone(violations, "ValidateSets against the official enums");
        }
    }
}
