#nullable enable
using System;

namespace MetaStudio.PowerShell.Core.Model
{
    /// <summary>
    /// What identifies a create whose outcome is unknown: the target of a MetaStudio.OutcomeUnknown error
    /// (<c>$_.TargetObject</c>), so a script can look for the object before it tries again.
    /// </summary>
    internal sealed class MsCreateAttempt
    {
        public MsCreateAttempt(string operation, string noun, string? name, DateTime startedAt, string? requestId, string? cause)
        {
            Operation = operation;
            Noun = noun;
            Name = name;
            StartedAt = startedAt;
            RequestId = requestId;
            Cause = cause;
        }

        /// <summary>The create operation (CreateVideoScripts, Create2DDigitalHumanVideo, ...).</summary>
        public string Operation { get; }
        /// <summary>What it creates: "video script", "video task", ...</summary>
        public string Noun { get; }
        /// <summary>The name it was given, when it has one.</summary>
        public string? Name { get; }
        /// <summary>When the first attempt was sent (local time): anything it created was created after this.</summary>
        public DateTime StartedAt { get; }
        /// <summary>The last answer's request id, when an answer arrived.</summary>
        public string? RequestId { get; }
        /// <summary>Why the outcome is unknown: the failure's error id (MetaStudio.Timeout, MetaStudio.NetworkError, MSS.00000001...).</summary>
        public string? Cause { get; }

        public override string ToString() => $"{Operation} {(Name != null ? "'" + Name + "' " : "")}at {StartedAt:yyyy-MM-dd HH:mm:ss}";
    }
}
