using System.Management.Automation;
using System.Text.Json.Nodes;

namespace MetaStudio.PowerShell.Video
{
    /// <summary>The script-level fields New-MsVideoScript and Set-MsVideoScript share (the name differs: mandatory in New).</summary>
    public abstract class VideoScriptCmdlet : VideoContentCmdlet
    {
        private protected VideoScriptCmdlet() { } // derived only by this module's own classes
        [Parameter]
        [ValidateLength(0, 1024)]
        public string? Description { get; set; }

        [Parameter]
        [ValidateSet("LANDSCAPE", "VERTICAL")]
        public string? ViewMode { get; set; }

        [Parameter]
        [ValidateSet("HUMAN_MODEL_2D")]
        public string? ModelAssetType { get; set; }

        [Parameter]
        [ValidateLength(0, 8192)]
        public string? PrivData { get; set; }

        private protected override bool IsVertical => ViewMode == "VERTICAL";

        /// <summary>Adds the script-level fields that were given; the others are left out.</summary>
        private protected void SetScriptFields(JsonObject body, string? name)
        {
            if (name != null) body["script_name"] = name;
            if (Description != null) body["script_description"] = Description;
            if (ViewMode != null) body["view_mode"] = ViewMode;
            if (ModelAssetType != null) body["model_asset_type"] = ModelAssetType;
            if (PrivData != null) body["priv_data"] = PrivData;
        }
    }
}
