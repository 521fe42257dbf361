using System;
using System.Management.Automation;
using MetaStudio.PowerShell.Core.Errors;

namespace MetaStudio.PowerShell.Core.Auth
{
    /// <summary>
    /// Credentials that cannot be found or used before any request: a missing or malformed credentials file, an
    /// unknown profile, an unreadable ID token file. Always a session failure (terminating). Messages name
    /// files, lines and profiles, never a value.
    /// </summary>
    internal sealed class CredentialException : MsServiceException
    {
        public const string FileNotFound = "MetaStudio.CredentialsFileNotFound";
        public const string FileInvalid = "MetaStudio.CredentialsFileInvalid";
        public const string ProfileNotFound = "MetaStudio.ProfileNotFound";
        public const string ProfileIncomplete = "MetaStudio.ProfileIncomplete";
        public const string NoCredentials = "MetaStudio.NoCredentials";
        public const string IdTokenUnreadable = "MetaStudio.IdTokenFileUnreadable";
        public const string MetadataFailed = "MetaStudio.EcsMetadataFailed";

        public CredentialException(string message, string errorId, Exception? inner = null)
            : base(message, errorId, 0, null, "Credentials", null, inner) { }

        internal override bool IsSessionFailure => true;

        /// <summary>The 1-based line of the credentials file at fault, when one is.</summary>
        public int LineNumber { get; internal set; }

        internal override ErrorCategory Category
        {
            get
            {
                switch (ErrorCode)
                {
                    case FileNotFound: case ProfileNotFound: return ErrorCategory.ObjectNotFound;
                    case FileInvalid: case ProfileIncomplete: return ErrorCategory.InvalidData;
                    case IdTokenUnreadable: return ErrorCategory.ReadError;
                    case MetadataFailed: return ErrorCategory.ConnectionError;
                    default: return ErrorCategory.AuthenticationError;
                }
            }
        }
    }
}
