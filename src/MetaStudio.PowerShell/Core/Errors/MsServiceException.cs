using System;
using System.Management.Automation;

namespace MetaStudio.PowerShell.Core.Errors
{
    /// <summary>A MetaStudio, API Gateway or IAM error, or a transport failure on the way to one.</summary>
    public class MsServiceException : Exception
    {
        internal MsServiceException(string message, string errorCode, int statusCode, string? requestId,
            string? operation, object? target, Exception? inner = null)
            : base(message, inner)
        {
            ErrorCode = errorCode;
            StatusCode = statusCode;
            RequestId = requestId;
            Operation = operation;
            Target = target;
        }

        /// <summary>The service's code, e.g. MSS.10001001 or APIGW.0308; MetaStudio.* for client-side failures.</summary>
        public string ErrorCode { get; }
        /// <summary>HTTP status; 0 when no response arrived.</summary>
        public int StatusCode { get; }
        public string? RequestId { get; }
        public string? Operation { get; }
        public object? Target { get; }

        /// <summary>What the user should check or do next (the ErrorRecord's RecommendedAction); null for the default.</summary>
        public string? RecommendedAction { get; internal set; }

        /// <summary>True when the failure is of the session or its credentials, not of one item.</summary>
        internal virtual bool IsSessionFailure =>
            StatusCode == 401 || ErrorCode == ErrorCodes.AuthFailed || ErrorCode == "MSS.00010008" || ErrorCode == "MSS.00010009"
            || ErrorCode == ErrorCodes.IamFailed || ErrorCode == ErrorCodes.ProjectNotFound;

        internal virtual ErrorCategory Category => ErrorCodes.CategoryOf(ErrorCode, StatusCode);
    }
}
