using System;
using System.Management.Automation;
using MetaStudio.Emulator.Infrastructure;
using MetaStudio.PowerShell.Tests.Infrastructure;

namespace MetaStudio.PowerShell.Tests.Faults
{
    /// <summary>Runs script text while the session's emulator injects a fault, and the helpers the fault tests share.</summary>
    internal static class Faulted
    {
        /// <summary>Runs <paramref name="script"/> with the faults <paramref name="set"/> chooses for <paramref name="operation"/> (null: every operation); resets them after.</summary>
        public static PsResult RunWith(this PsSession ps, string? operation, Action<FaultOptions> set, string script)
        {
            var faults = ps.Emulator.Faults;
            faults.Operation = operation;
            set(faults);
            try
            {
                return ps.Run(script);
            }
            finally
            {
                faults.Reset();
            }
        }

        /// <summary>The error id of a record (its FullyQualifiedErrorId without the command's name).</summary>
        public static string ErrorId(ErrorRecord e) => e.FullyQualifiedErrorId.Split(',')[0];
    }
}
