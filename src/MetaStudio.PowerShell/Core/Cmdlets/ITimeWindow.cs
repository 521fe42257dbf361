using System;

#nullable enable

namespace MetaStudio.PowerShell.Core.Cmdlets
{
    /// <summary>
    /// A list cmdlet with a time window (-StartTime, -EndTime): MsCmdlet rejects an inverted window before any request,
    /// for every cmdlet that has one. The parameters stay on each cmdlet, with their own help and parameter sets.
    /// </summary>
    internal interface ITimeWindow
    {
        DateTime? StartTime { get; }
        DateTime? EndTime { get; }
    }
}
