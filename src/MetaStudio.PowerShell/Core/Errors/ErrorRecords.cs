using System;
using System.Management.Automation;

namespace MetaStudio.PowerShell.Core.Errors
{
    /// <summary>Builds ErrorRecords whose error id is the service code and whose message names the request id.</summary>
    internal static class ErrorRecords
    {
        public static ErrorRecord From(Exception ex, object? target = null)
        {
            if (ex is AggregateException agg && agg.InnerExceptions.Count == 1) ex = agg.InnerException;
            if (ex is SessionDisconnectedException)
                return new ErrorRecord(ex, ErrorCodes.SessionDisconnected, ErrorCategory.InvalidOperation, target)
                {
                    ErrorDetails = new ErrorDetails(ex.Message) { RecommendedAction = "Run Connect-MsService and use the session it returns (or let cmdlets use the new default session)." },
                };
            if (ex is MsServiceException ms)
            {
                var record = new ErrorRecord(ms, ms.ErrorCode ?? ErrorCodes.Unknown, ms.Category, target ?? ms.Target);
                record.ErrorDetails = new ErrorDetails(ms.Message);
                if (ms.RecommendedAction != null)
                    record.ErrorDetails.RecommendedAction = ms.RecommendedAction;
                else if (ms.ErrorCode == ErrorCodes.Throttled)
                    record.ErrorDetails.RecommendedAction = "Lower the request rate (Connect-MsService -RateLimitScale) or retry later.";
                else if (ms.IsSessionFailure)
                    record.ErrorDetails.RecommendedAction = "Check the credentials and region, then run Connect-MsService again.";
                return record;
            }
            if (ex is Transfers.LocalFileChangedException)
                return new ErrorRecord(ex, ErrorCodes.FileChanged, ErrorCategory.InvalidData, target);
            if (ex is Spec.SpecViolationException)
                return new ErrorRecord(ex, ErrorCodes.SpecViolation, ErrorCategory.InvalidArgument, target);
            if (ex is ArgumentException)
                return new ErrorRecord(ex, ErrorCodes.InvalidInput, ErrorCategory.InvalidArgument, target);
            return new ErrorRecord(ex, ErrorCodes.Unknown, ErrorCategory.NotSpecified, target);
        }

        /// <summary>After Disconnect-MsService: no default session, and no credentials picked up on their own.</summary>
        public static ErrorRecord NotConnected(DateTimeOffset disconnectedAt)
        {
            var record = new ErrorRecord(
                new InvalidOperationException($"Not connected: Disconnect-MsService ended this runspace's session at {disconnectedAt:T}, so credentials from the environment or the credentials file are not used on their own."),
                ErrorCodes.NotConnected, ErrorCategory.InvalidOperation, null);
            record.ErrorDetails = new ErrorDetails(record.Exception.Message)
            {
                RecommendedAction = "Run Connect-MsService again, pass -Session, or set $MsAllowImplicitCredentials = $true to let cmdlets use the environment and the credentials file.",
            };
            return record;
        }

        public static ErrorRecord InvalidInput(string message, object? target)
            => new ErrorRecord(new ArgumentException(message), ErrorCodes.InvalidInput, ErrorCategory.InvalidArgument, target);
    }
}
