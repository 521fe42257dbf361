using System;
using System.Management.Automation;
using System.Security;
using MetaStudio.PowerShell.Core.Auth;
using MetaStudio.PowerShell.Core.Cmdlets;
using MetaStudio.PowerShell.Core.Errors;

namespace MetaStudio.PowerShell.Session
{
    /// <summary>
    /// Creates a session, checks it (project lookup or IAM token), returns it and makes it the
    /// runspace's default. Credentials: parameters first, then HUAWEICLOUD_SDK_* variables.
    /// </summary>
    [MsApi()]
    [Cmdlet(VerbsCommunications.Connect, "MsService", DefaultParameterSetName = EnvironmentSet)]
    [OutputType(typeof(MsSession))]
    public sealed class ConnectMsServiceCommand : MsCmdlet
    {
        private const string AkSkSet = "AccessKey";
        private const string PasswordSet = "Password";
        private const string EnvironmentSet = "Environment";

        [Parameter(Position = 0)]
        [ArgumentCompleter(typeof(RegionCompleter))]
        public string Region { get; set; }

        [Parameter]
        public Uri Endpoint { get; set; }

        [Parameter]
        public Uri IamEndpoint { get; set; }

        [Parameter]
        [ValidateMsId]
        public string ProjectId { get; set; }

        [Parameter]
        public string AppUserId { get; set; }

        [Parameter(Mandatory = true, ParameterSetName = AkSkSet)]
        [ValidateNotNullOrEmpty]
        public string AccessKey { get; set; }

        [Parameter(Mandatory = true, ParameterSetName = AkSkSet)]
        [SecureStringTransformation]
        [ValidateNotNull]
        public SecureString SecretKey { get; set; }

        [Parameter(ParameterSetName = AkSkSet)]
        [SecureStringTransformation]
        public SecureString SecurityToken { get; set; }

        [Parameter(Mandatory = true, ParameterSetName = PasswordSet)]
        [Credential]
        [ValidateNotNull]
        public PSCredential Credential { get; set; }

        [Parameter(Mandatory = true, ParameterSetName = PasswordSet)]
        [ValidateNotNullOrEmpty]
        public string DomainName { get; set; }

        [Parameter]
        [ValidateRange(0.0, 100.0)]
        public double RateLimitScale { get; set; } = 1.0;

        [Parameter]
        [ValidateRange(0, 20)]
        public int MaxRetries { get; set; } = 5;

        [Parameter]
        [ValidateRange(1, 3600)]
        public int TimeoutSec { get; set; } = 60;

        [Parameter]
        [ValidateRange(1, 86400)]
        public int RetryTimeLimitSec { get; set; } = 180;

        /// <summary>Send field names and enum values the module's API spec does not list (a service newer than the module).</summary>
        [Parameter]
        public SwitchParameter AllowUnknownFields { get; set; }

        protected override void ProcessRecord()
        {
            MsSession session;
            try
            {
                session = Build();
            }
            catch (Exception ex)
            {
                ThrowTerminatingError(ErrorRecords.From(ex, Region));
                return;
            }

            WriteDebug($"Credentials from {session.CredentialSource}; auth mode {session.AuthMode}.");
            try
            {
                // Checking now means a wrong key or region fails here, not in the middle of a script.
                if (session.ProjectId == null || session.Credential is PasswordCredential)
                    Run(async ctx =>
                    {
                        await session.GetProjectIdAsync(ctx).ConfigureAwait(false);
                        if (session.Credential is PasswordCredential)
                            await session.Credential.ProjectIdFromAuthAsync(session, ctx).ConfigureAwait(false);
                    });
            }
            catch (Exception ex) when (!(ex is PipelineStoppedException))
            {
                session.Dispose();
                var record = ErrorRecords.From(ex, Region);
                ThrowTerminatingError(record);
            }

            SessionStore.SetDefault(session);
            WriteObject(session);
        }

        private MsSession Build()
        {
            var settings = new SessionSettings
            {
                RateLimitScale = RateLimitScale,
                MaxRetries = MaxRetries,
                Timeout = TimeSpan.FromSeconds(TimeoutSec),
                RetryTimeLimit = TimeSpan.FromSeconds(RetryTimeLimitSec),
                AllowUnknownFields = AllowUnknownFields,
            };
            switch (ParameterSetName)
            {
                case AkSkSet:
                    return SessionFactory.Create(Region ?? Environment.GetEnvironmentVariable(SessionFactory.EnvRegion), Endpoint, IamEndpoint,
                        new AkSkCredential(AccessKey, SecretKey, SecurityToken), ProjectId, AppUserId, "Parameters", settings);
                case PasswordSet:
                    return SessionFactory.Create(Region ?? Environment.GetEnvironmentVariable(SessionFactory.EnvRegion), Endpoint, IamEndpoint,
                        new PasswordCredential(Credential.UserName, Credential.Password, DomainName), ProjectId, AppUserId, "Parameters", settings);
                default:
                    var session = SessionFactory.FromEnvironment(settings, Region, Endpoint, ProjectId, AppUserId);
                    if (session == null)
                        throw new ArgumentException(
                            $"No credentials: pass -AccessKey and -SecretKey, or -Credential and -DomainName, or set {SessionFactory.EnvAccessKey} and {SessionFactory.EnvSecretKey}.");
                    return session;
            }
        }
    }
}
