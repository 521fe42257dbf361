using System.Collections.Generic;
using System.Management.Automation;
using System.Text.Json;
using System.Text.Json.Serialization;
using MetaStudio.PowerShell.Core.Json;

namespace MetaStudio.PowerShell.Core.Model
{
    /// <summary>
    /// Base of every object the module returns. Fields the service sends that the class does not
    /// model are kept and shown in AdditionalProperties, so a newer service never loses data.
    /// </summary>
    public abstract class MsObject
    {
        private protected MsObject() { } // derived only by this module's own classes
        [JsonExtensionData]
        [JsonInclude]
        internal Dictionary<string, JsonElement>? Unmodeled { get; set; }

        private PSObject? _additional;

        /// <summary>Fields returned by the service that this type does not model, as a PSCustomObject.</summary>
        [JsonIgnore]
        public PSObject AdditionalProperties
        {
            get
            {
                if (_additional != null) return _additional;
                var o = new PSObject();
                if (Unmodeled != null)
                    foreach (var kv in Unmodeled) o.Properties.Add(new PSNoteProperty(kv.Key, MsJson.ToPowerShell(kv.Value)));
                return _additional = o;
            }
        }
    }
}
