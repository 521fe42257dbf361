using System.Management.Automation;

namespace MetaStudio.PowerShell.Core.Errors
{
    internal static class ErrorCodes
    {
        public const string AuthFailed = "APIGW.0301";
        public const string Throttled = "APIGW.0308";
        public const string AssetNotFound = "MSS.10001001";
        public const string FileNotFound = "MSS.10001004";
        public const string AssetNameExists = "MSS.10001005";
        public const string InvalidParameter = "MSS.10000003";

        // Client-side codes, for failures that have no service code.
        public const string Timeout = "MetaStudio.Timeout";
        public const string Network = "MetaStudio.NetworkError";
        public const string NoSession = "MetaStudio.NoSession";
        public const string NotConnected = "MetaStudio.NotConnected";
        public const string IamFailed = "MetaStudio.IamAuthenticationFailed";
        public const string ProjectNotFound = "MetaStudio.ProjectNotFound";
        public const string InvalidInput = "MetaStudio.InvalidInput";
        /// <summary>A request that does not match the official API model; it was not sent.</summary>
        public const string SpecViolation = "MetaStudio.SpecViolation";
        public const string UploadFailed = "MetaStudio.UploadFailed";
        public const string FileExists = "MetaStudio.FileExists";
        /// <summary>A local file a path parameter names does not exist, or its wildcard pattern matches none.</summary>
        public const string LocalFileNotFound = "MetaStudio.FileNotFound";
        /// <summary>A path parameter names a folder where a file is wanted.</summary>
        public const string PathIsDirectory = "MetaStudio.PathIsDirectory";
        /// <summary>A wildcard pattern matches several files where the parameter takes one.</summary>
        public const string PathMatchesMany = "MetaStudio.PathMatchesMany";
        /// <summary>A local file changed (length or modification time) while it was being uploaded.</summary>
        public const string FileChanged = "MetaStudio.FileChangedDuringUpload";
        /// <summary>A session used after it was disposed (Dispose, or its Disconnect-MsService -Dispose).</summary>
        public const string SessionDisconnected = "MetaStudio.SessionDisconnected";
        public const string Unknown = "MetaStudio.RequestFailed";
        /// <summary>A success answer that is not what the operation returns (not JSON, cut short, empty, no id, not the response model).</summary>
        public const string UnexpectedResponse = "MetaStudio.UnexpectedResponse";
        /// <summary>An answer larger than the session's MaxResponseBytes; it was not read.</summary>
        public const string ResponseTooLarge = "MetaStudio.ResponseTooLarge";
        /// <summary>A create whose answer was lost (timeout, cut connection, 5xx) and whose result the module could not look up.</summary>
        public const string OutcomeUnknown = "MetaStudio.OutcomeUnknown";

        public static ErrorCategory CategoryOf(string code, int status)
        {
            switch (code)
            {
                case Throttled: return ErrorCategory.LimitsExceeded;
                case AuthFailed: case IamFailed: case "MSS.00010008": case "MSS.00010009": return ErrorCategory.AuthenticationError;
                case AssetNotFound: case FileNotFound: case ProjectNotFound: return ErrorCategory.ObjectNotFound;
                case AssetNameExists: case "MSS.10001008": case "MSS.10001009": return ErrorCategory.ResourceExists;
                case Timeout: return ErrorCategory.OperationTimeout;
                case Network: return ErrorCategory.ConnectionError;
                case NoSession: case NotConnected: return ErrorCategory.InvalidOperation;
                case InvalidInput: case SpecViolation: case PathIsDirectory: case PathMatchesMany: return ErrorCategory.InvalidArgument;
                case LocalFileNotFound: return ErrorCategory.ObjectNotFound;
                case FileChanged: return ErrorCategory.InvalidData;
                case SessionDisconnected: return ErrorCategory.InvalidOperation;
                case UnexpectedResponse: return ErrorCategory.InvalidResult;
                case ResponseTooLarge: return ErrorCategory.LimitsExceeded;
                case OutcomeUnknown: return ErrorCategory.OperationTimeout;
            }
            if (status == 429) return ErrorCategory.LimitsExceeded;
            if (status == 401) return ErrorCategory.AuthenticationError;
            if (status == 403) return ErrorCategory.PermissionDenied;
            if (status == 404) return ErrorCategory.ObjectNotFound;
            if (status == 409) return ErrorCategory.ResourceExists;
            if (status == 400) return ErrorCategory.InvalidArgument;
            if (status >= 500) return ErrorCategory.ResourceUnavailable;
            return ErrorCategory.NotSpecified;
        }
    }
}
