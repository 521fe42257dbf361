#nullable enable
using System;
using System.Linq;
using System.Management.Automation;
using MetaStudio.PowerShell.Core.Catalog;
using MetaStudio.PowerShell.Core.Http;

namespace MetaStudio.PowerShell.Core.Cmdlets
{
    /// <summary>
    /// Base of the cmdlets that take many ids or rows from the pipeline and send a request (or a short chain of them) for
    /// each: several items are in flight at once (-ThrottleLimit), paced by the session's rate limiter, written in input
    /// order with each item's errors in its own position (MsAsyncCmdlet's item queue). A pipeline that prompts (-Confirm,
    /// or $ConfirmPreference at or below the change's impact) runs one item at a time, so each prompt follows the output
    /// of the items before it. The first item always goes alone, so a session failure is met with nothing else in flight.
    /// </summary>
    public abstract class MsBulkCmdlet : MsCmdlet
    {
        private protected MsBulkCmdlet() { } // derived only by this module's own classes
        /// <summary>The latency the default -ThrottleLimit assumes: a far region's answer (issue 13 measured ~100 ms) with room for slow calls.</summary>
        internal static readonly TimeSpan TypicalLatency = TimeSpan.FromMilliseconds(500);

        /// <summary>The highest default: enough for the fastest published rates over a slow link, few enough to stay polite.</summary>
        internal const int MaxDefaultThrottleLimit = 16;

        private int _defaultLimit;

        /// <summary>
        /// How many piped items may have requests in flight at once. The default lets the operation's published rate in
        /// the session's region, not latency, bound the pipeline (rate × 0.5 s, 2 to 16); the session's limiter still
        /// paces every request. 1 sends one item at a time. At most HttpHandlers.MinConnectionsPerServer, the connections a session keeps.
        /// </summary>
        [Parameter]
        [ValidateRange(1, HttpHandlers.MinConnectionsPerServer)]
        public int ThrottleLimit { get; set; }

        private protected override int ItemsInFlight => InFlight(GetType(), () => CurrentSession.Region, ThrottleLimit, Prompts, AnItemEnded, ref _defaultLimit);

        /// <summary>
        /// The rule of -ThrottleLimit, for this base and for the bulk creates whose shared parameter base also serves a
        /// cmdlet that is not bulk (New-MsProduct, Start-MsVideoTask): they declare -ThrottleLimit as this class does
        /// and take their items in flight from here. The first item goes alone: a session failure (a wrong key or
        /// project) then stops the pipeline after one request.
        /// </summary>
        internal static int InFlight(Type cmdlet, Func<string> region, int throttleLimit, bool prompts, bool anItemEnded, ref int defaultLimit)
            => prompts || !anItemEnded ? 1 : throttleLimit > 0 ? throttleLimit : (defaultLimit = defaultLimit > 0 ? defaultLimit : DefaultThrottleLimit(cmdlet, region()));

        private static int DefaultThrottleLimit(Type cmdlet, string region)
        {
            var operations = MsApiAttribute.Of(cmdlet)?.Operations;
            if (operations == null || operations.Count == 0) return 2;
            try
            {
                return DefaultFor(operations.Max(op => OperationCatalog.Get(op).RateLimit(region)));
            }
            catch (ArgumentException)
            {
                return 2;   // a region the catalog does not know: the limiter has no rate to fill either
            }
        }

        /// <summary>The default -ThrottleLimit for an operation's published rate: enough calls in flight to fill it at <see cref="TypicalLatency"/>.</summary>
        internal static int DefaultFor(int ratePerSecond)
            => Math.Max(2, Math.Min(MaxDefaultThrottleLimit, (int)Math.Ceiling(ratePerSecond * TypicalLatency.TotalSeconds)));
    }
}
