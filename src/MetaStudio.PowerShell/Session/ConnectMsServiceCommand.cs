using System;
using System.Management.Automation;
using System.Net;
using System.Security;
using MetaStudio.PowerShell.Core.Auth;
using MetaStudio.PowerShell.Core.Cmdlets;
using MetaStudio.PowerShell.Core.Errors;
using MetaStudio.PowerShell.Core.Http;
using MetaStudio.PowerShell.Core.RateLimiting;

namespace MetaStudio.PowerShell.Session
{
    /// <summary>
    /// Creates a session, checks it (project lookup, IAM token or temporary keys), returns it and makes it the
    /// runspace's default. Credentials: parameters; else the official SDKs' chain (environment, then the
    /// credentials file's [basic]); or a named profile; or the ECS agency when asked for.
    /// </summary>
    [MsApi()]
    [Cmdlet(VerbsCommunications.Connect, "MsService", DefaultParameterSetName = ChainSet)]
    [OutputType(typeof(MsSession))]
    public sealed class ConnectMsServiceCommand : MsAsyncCmdlet
    {
        private const string AkSkSet = "AccessKey";
        private const string PasswordSet = "Password";
        private const string ChainSet = "CredentialChain";
        private const string ProfileSet = "Profile";
        private const string EcsSet = "EcsAgency";

        [Parameter(Position = 0)]
        [ArgumentCompleter(typeof(RegionCompleter))]
        public string? Region { get; set; }

        [Parameter]
        public Uri? Endpoint { get; set; }

        [Parameter]
        public Uri? IamEndpoint { get; set; }

        [Parameter]
        [ValidateMsId]
        public string? ProjectId { get; set; }

        [Parameter]
        [ValidateMsId]
        public string? AppUserId { get; set; }

        [Parameter(Mandatory = true, ParameterSetName = AkSkSet)]
        [ValidateNotNullOrEmpty]
        public string? AccessKey { get; set; }

        [Parameter(Mandatory = true, ParameterSetName = AkSkSet)]
        [SecureStringTransformation]
        [ValidateNotNull]
        public SecureString? SecretKey { get; set; }

        [Parameter(ParameterSetName = AkSkSet)]
        [SecureStringTransformation]
        public SecureString? SecurityToken { get; set; }

        [Parameter(Mandatory = true, ParameterSetName = PasswordSet)]
        [Credential]
        [ValidateNotNull]
        public PSCredential? Credential { get; set; }

        [Parameter(Mandatory = true, ParameterSetName = PasswordSet)]
        [ValidateNotNullOrEmpty]
        public string? DomainName { get; set; }

        /// <summary>A profile (section) of the credentials file; [basic] when only -CredentialsFile is given.</summary>
        [Parameter(ParameterSetName = ProfileSet)]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(ProfileNameCompleter))]
        public string? ProfileName { get; set; }

        /// <summary>The credentials file to read; default HUAWEICLOUD_SDK_CREDENTIALS_FILE, then ~/.huaweicloud/credentials.</summary>
        [Parameter(ParameterSetName = ProfileSet)]
        [ValidateNotNullOrEmpty]
        public string? CredentialsFile { get; set; }

        private string? _credentialsFile;

        /// <summary>Use the temporary credentials of the ECS instance's agency, from the instance metadata service.</summary>
        [Parameter(Mandatory = true, ParameterSetName = EcsSet)]
        public SwitchParameter EcsAgency { get; set; }

        [Parameter(ParameterSetName = EcsSet)]
        public Uri? MetadataEndpoint { get; set; }

        [Parameter]
        public Uri? Proxy { get; set; }

        [Parameter]
        [Credential]
        public PSCredential? ProxyCredential { get; set; }

        [Parameter]
        [ValidateRange(0.0, 100.0)]
        public double RateLimitScale { get; set; } = 1.0;

        [Parameter]
        [ValidateRange(0, 20)]
        public int MaxRetries { get; set; } = 5;

        /// <summary>Repeats of a throttled call (APIGW.0308, 429), a budget apart from -MaxRetries.</summary>
        [Parameter]
        [ValidateRange(0, 100)]
        public int MaxThrottleRetries { get; set; } = 10;

        /// <summary>
        /// A Redis server that every process and host of the tenant shares the rate limits through:
        /// redis://[user:password@]host:port[/db], rediss:// for TLS, or none. Default: METASTUDIO_RATELIMIT_STORE.
        /// </summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? RateLimitStore { get; set; }

        /// <summary>The store's user (ACL; empty for the default user) and password.</summary>
        [Parameter]
        [Credential]
        public PSCredential? RateLimitStoreCredential { get; set; }

        /// <summary>This process's part of each published rate while the store is unreachable (default 1, or METASTUDIO_RATELIMIT_SHARE).</summary>
        [Parameter]
        [ValidateRange(0.01, 1.0)]
        public double RateLimitShare { get; set; } = 1.0;

        [Parameter]
        [ValidateRange(1, 3600)]
        public int TimeoutSec { get; set; } = 60;

        [Parameter]
        [ValidateRange(1, 86400)]
        public int RetryTimeLimitSec { get; set; } = 180;

        /// <summary>Send field names and enum values the module's API spec does not list (a service newer than the module).</summary>
        [Parameter]
        public SwitchParameter AllowUnknownFields { get; set; }

        /// <summary>The largest answer the module reads into memory; a larger one is refused with MetaStudio.ResponseTooLarge. Downloads are not capped.</summary>
        [Parameter]
        [ValidateRange(1024L, 1073741824L)]
        public long MaxResponseBytes { get; set; } = SessionSettings.DefaultMaxResponseBytes;

        protected override void ProcessRecord()
        {
            if (CredentialsFile != null && (_credentialsFile = CredentialsFilePath(CredentialsFile)) == null) return;
            var log = new ChainLog();
            MsSession session;
            try
            {
                session = Build(log);
            }
            catch (Exception ex)
            {
                log.WriteTo(this);
                ThrowTerminatingError(ErrorRecords.From(ex, Region));
                return;
            }
            log.WriteTo(this);
            WriteDebug($"Credentials from {session.CredentialSource}; auth mode {session.AuthMode}.");
            try
            {
                // Checking now means a wrong key, region or metadata service fails here, not in the middle of a script.
                Run(async ctx =>
                {
                    await session.Credential.PrepareAsync(session, ctx).ConfigureAwait(false);
                    await session.GetProjectIdAsync(ctx).ConfigureAwait(false);
                    if (session.Store != null) await ReportStoreAsync(session, ctx).ConfigureAwait(false);
                });
            }
            catch (Exception ex) when (!(ex is PipelineStoppedException))
            {
                session.Dispose();
                ThrowTerminatingError(ErrorRecords.From(ex, Region));
            }

            WriteVerbose($"Session: credentials from {session.CredentialSource} ({session.AuthMode} {session.Identity}), region {session.Region}, endpoint {session.Endpoint}"
                         + (session.Proxy != null ? $", proxy {session.Proxy}." : "."));
            SessionStore.SetDefault(session);
            WriteObject(session);
        }

        /// <summary>Waits for the store's first connection, so a wrong address or password shows now, as a warning: the session works without it.</summary>
        private static async System.Threading.Tasks.Task ReportStoreAsync(MsSession session, CallContext ctx)
        {
            var warning = await session.Store!.ConnectAsync().ConfigureAwait(false);   // called only for a session with a store
            if (warning != null) ctx.Warning(warning);
            else ctx.Verbose($"Rate limits shared through {session.RateLimitStore} ({session.RateLimitStoreState}); this process takes {session.RateLimitShare:0.##} of each rate if it stops answering.");
        }

        private MsSession Build(ChainLog log)
        {
            var store = MyInvocation.BoundParameters.ContainsKey(nameof(RateLimitStore))
                ? RateLimitStoreAddress.Parse(RateLimitStore)
                : RateLimitStoreAddress.FromEnvironment();
            if (store != null && RateLimitStoreCredential != null)
                store = store.WithCredential(RateLimitStoreCredential.UserName?.TrimStart('\\'), RateLimitStoreCredential.Password);
            else if (store?.PasswordInAddress == true && MyInvocation.BoundParameters.ContainsKey(nameof(RateLimitStore)))
                WriteWarning("The password in -RateLimitStore may be recorded in the command history and transcripts. Pass it as " +
                             "-RateLimitStoreCredential (Get-Credential, or a PSCredential built from a SecureString) instead.");
            var settings = new SessionSettings
            {
                RateLimitScale = RateLimitScale,
                MaxRetries = MaxRetries,
                MaxThrottleRetries = MaxThrottleRetries,
                RateLimitStore = store,
                RateLimitShare = MyInvocation.BoundParameters.ContainsKey(nameof(RateLimitShare)) ? RateLimitShare : RateLimitStoreAddress.ShareFromEnvironment(),
                Timeout = TimeSpan.FromSeconds(TimeoutSec),
                RetryTimeLimit = TimeSpan.FromSeconds(RetryTimeLimitSec),
                AllowUnknownFields = AllowUnknownFields,
                MaxResponseBytes = MaxResponseBytes,
                Proxy = ProxySettings.Resolve(Proxy, ProxyCredential == null ? null : new NetworkCredential(ProxyCredential.UserName, ProxyCredential.Password)),
            };
            var choice = Choose(log);
            return SessionFactory.Create(choice, Region, Endpoint, IamEndpoint, ProjectId, AppUserId, settings, log);
        }

        private CredentialChoice Choose(ChainLog log)
        {
            switch (ParameterSetName)
            {
                case AkSkSet:
                    log.Chose("parameters", $"-AccessKey {AccessKey}");
                    return new CredentialChoice { Source = "Parameter", Credential = new AkSkCredential(AccessKey, SecretKey, SecurityToken) };
                case PasswordSet:
                    log.Chose("parameters", $"-Credential {Credential!.UserName} -DomainName {DomainName}");   // mandatory in this set
                    return new CredentialChoice { Source = "Parameter", Credential = new PasswordCredential(Credential.UserName, Credential.Password, DomainName) };
                case EcsSet:
                    var ecs = new EcsAgencyCredential(MetadataEndpoint);
                    log.Chose("-EcsAgency", $"the agency's temporary keys from {ecs.MetadataEndpoint.GetLeftPart(UriPartial.Authority)}");
                    return new CredentialChoice { Source = "EcsAgency", Credential = ecs };
                case ProfileSet:
                    log.Skip("parameters", "no -AccessKey or -Credential given");
                    // A profile asked for by name gives credentials or throws why not.
                    return CredentialChain.FromFile(_credentialsFile ?? Core.Auth.CredentialsFile.DefaultPath(),
                        ProfileName ?? Core.Auth.CredentialsFile.DefaultProfile, explicitProfile: true, log)
                        ?? throw new CredentialException($"The credentials profile [{ProfileName ?? Core.Auth.CredentialsFile.DefaultProfile}] gave no credentials.", CredentialException.NoCredentials);
                default:
                    log.Skip("parameters", "no -AccessKey, -Credential, -ProfileName or -EcsAgency given");
                    return CredentialChain.Resolve(log) ?? throw new CredentialException(
                        "No credentials found. Pass -AccessKey and -SecretKey, -Credential and -DomainName, -ProfileName or -EcsAgency; or set " +
                        $"{SessionFactory.EnvAccessKey} and {SessionFactory.EnvSecretKey}; or create a credentials file profile with Set-MsCredentialProfile. Looked at:\n  " +
                        string.Join("\n  ", log.Skipped), CredentialException.NoCredentials);
            }
        }
    }
}
