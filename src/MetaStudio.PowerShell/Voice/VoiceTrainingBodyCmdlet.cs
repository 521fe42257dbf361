using System.Collections.Generic;
using System.Management.Automation;
using MetaStudio.PowerShell.Core.Cmdlets;

namespace MetaStudio.PowerShell.Voice
{
    /// <summary>
    /// The voice fields shared by the create body (CreateTrainingJobReq) and the commit body (CommitJobReq).
    /// Only bound parameters are written, so a commit changes just what it is given.
    /// </summary>
    public abstract class VoiceTrainingBodyCmdlet : MsCmdlet
    {
        private protected VoiceTrainingBodyCmdlet() { } // derived only by this module's own classes
        /// <summary>The scene the voice is meant for.</summary>
        [Parameter]
        [ValidateSet("ECOMMERCE", "NEWS", "MARKETING")]
        public string? Tag { get; set; }

        [Parameter]
        [ValidateLength(1, 1024)]
        public string? Description { get; set; }

        [Parameter]
        [ValidateSet("FEMALE", "MALE")]
        public string? Sex { get; set; }

        [Parameter]
        [ValidateSet("CN", "EN")]
        public string? Language { get; set; }

        /// <summary>A contact phone number for the review.</summary>
        [Parameter]
        [ValidateLength(1, 32)]
        public string? Phone { get; set; }

        private protected Dictionary<string, object?> BuildBody(string? voiceName)
        {
            var body = new Dictionary<string, object?>();
            if (voiceName != null) body["voice_name"] = voiceName;
            void Put(string name, string key, object? value)
            {
                if (MyInvocation.BoundParameters.ContainsKey(name)) body[key] = value;
            }
            Put(nameof(Tag), "tag", Tag);
            Put(nameof(Description), "description", Description);
            Put(nameof(Sex), "sex", Sex);
            Put(nameof(Language), "language", Language);
            Put(nameof(Phone), "phone", Phone);
            return body;
        }
    }
}
