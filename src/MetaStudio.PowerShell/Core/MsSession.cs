using System;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using MetaStudio.PowerShell.Core.Auth;
using MetaStudio.PowerShell.Core.Http;
using MetaStudio.PowerShell.Core.RateLimiting;

namespace MetaStudio.PowerShell
{
    /// <summary>
    /// A connection to MetaStudio in one region: endpoint, credentials, project, request settings
    /// and one HttpClient. Sessions are safe to share between runspaces and threads.
    /// </summary>
    public sealed class MsSession : IDisposable
    {
        private readonly SemaphoreSlim _projectLock = new SemaphoreSlim(1, 1);
        private string? _projectId;

        internal MsSession(string region, Uri endpoint, Uri iamEndpoint, MsCredential credential, string? projectId,
            string? appUserId, string credentialSource, SessionSettings settings, HttpMessageHandler? handler = null)
        {
            Region = region;
            Endpoint = endpoint;
            IamEndpoint = iamEndpoint;
            Credential = credential;
            ExplicitProjectId = projectId == null || string.IsNullOrWhiteSpace(projectId) ? null : projectId.Trim();
            _projectId = ExplicitProjectId;
            AppUserId = appUserId;
            CredentialSource = credentialSource;
            settings = settings ?? new SessionSettings();
            RateLimitScale = settings.RateLimitScale;
            MaxRetries = settings.MaxRetries;
            MaxThrottleRetries = settings.MaxThrottleRetries;
            RateLimitShare = settings.RateLimitShare;
            // The process's connection to the store (shared by every session that names it), made in the background.
            Store = settings.RateLimitStore != null && settings.RateLimitScale > 0 ? RateLimitStores.Get(settings.RateLimitStore) : null;
            Timeout = settings.Timeout;
            RetryTimeLimit = settings.RetryTimeLimit;
            RetryBaseDelay = settings.RetryBaseDelay;
            AllowUnknownFields = settings.AllowUnknownFields;
            MaxResponseBytes = settings.MaxResponseBytes;
            TimeProvider = settings.TimeProvider ?? TimeProvider.System;
            ConnectedAt = DateTimeOffset.Now;
            ProxySettings = settings.Proxy;
            Http = new HttpClient(handler ?? WithProxy(HttpHandlers.Create(), settings.Proxy))
            {
                // Timeouts are per attempt and per call in the request path, so the client's own stays out of the way.
                Timeout = System.Threading.Timeout.InfiniteTimeSpan,
            };
            Http.DefaultRequestHeaders.UserAgent.ParseAdd(UserAgent);
            OwnHandler = handler == null;
            Client = new MsClient(this);
        }

        public string Region { get; }
        public Uri Endpoint { get; }
        public Uri IamEndpoint { get; }
        /// <summary>The project id; looked up through IAM on first use when none was given.</summary>
        public string? ProjectId => _projectId;
        public string AuthMode => Credential.AuthMode;
        /// <summary>The access key or user@domain the session calls as.</summary>
        public string Identity => Credential.Identity;
        public string? AppUserId { get; }
        /// <summary>Where the credentials came from: Parameter, Environment, File:&lt;profile&gt;, EcsAgency or Federation.</summary>
        public string CredentialSource { get; }
        /// <summary>When the credentials in use expire: temporary keys (ECS agency, federation) and IAM tokens; null for permanent keys.</summary>
        public DateTimeOffset? CredentialExpiresAt => Credential.ExpiresAt;
        /// <summary>The proxy requests go through and where it was set (-Proxy, HTTPS_PROXY, HTTP_PROXY); null for none.</summary>
        public string? Proxy => ProxySettings?.Description;
        /// <summary>Multiplies the catalog's rate limits; 0 turns client-side limiting off.</summary>
        public double RateLimitScale { get; }
        /// <summary>How often a call failed with a 5xx or a network fault is repeated (where repeating cannot duplicate work).</summary>
        public int MaxRetries { get; }
        /// <summary>How often a throttled call (APIGW.0308, 429) is repeated: a budget of its own, apart from <see cref="MaxRetries"/>.</summary>
        public int MaxThrottleRetries { get; }
        /// <summary>The shared rate-limit store (password masked); null when this process keeps the limits alone.</summary>
        public string? RateLimitStore => Store?.Address;
        /// <summary>Connected, Connecting, or Unreachable since when and why (the module then keeps limits alone, at <see cref="RateLimitShare"/>).</summary>
        public string? RateLimitStoreState => Store?.State;
        /// <summary>The fraction of each published rate this process takes while the store is unreachable (1: all of it).</summary>
        public double RateLimitShare { get; }
        /// <summary>How long one attempt may take.</summary>
        public TimeSpan Timeout { get; }
        /// <summary>How long one call may take, all retries included.</summary>
        public TimeSpan RetryTimeLimit { get; }
        public TimeSpan RetryBaseDelay { get; }
        /// <summary>Send field names and enum values the module's API spec does not list (a service newer than the module).</summary>
        public bool AllowUnknownFields { get; }
        /// <summary>The largest answer the module reads into memory (JSON answers; downloads stream to disk and are not capped).</summary>
        public long MaxResponseBytes { get; }
        public DateTimeOffset ConnectedAt { get; }
        /// <summary>When the IAM token expires (password sessions only).</summary>
        public DateTimeOffset? TokenExpiresAt => (Credential as PasswordCredential)?.TokenExpiresAt;

        internal static readonly string UserAgent = "MetaStudio.PowerShell/" + typeof(MsSession).Assembly.GetName().Version;

        internal MsCredential Credential { get; }
        internal ProxySettings? ProxySettings { get; }
        internal HttpClient Http { get; }
        /// <summary>Http's handler is the module's own (HttpHandlers.Create), not one given to the session (tests).</summary>
        internal bool OwnHandler { get; }
        internal MsClient Client { get; }
        internal SharedRateLimitStore? Store { get; }
        internal string? ExplicitProjectId { get; }

        /// <summary>
        /// The session's clock: the request path (retry backoff, the retry budget, attempt timeouts) and job waits read
        /// the time and sleep through it. Tests put a fake clock here (SessionSettings.TimeProvider, or later; and the
        /// emulator's) so these run in virtual time instead of sleeping; request signatures and the rate limiter keep the real clock.
        /// </summary>
        internal TimeProvider TimeProvider { get; set; } = TimeProvider.System;

        internal async Task<string> GetProjectIdAsync(CallContext ctx)
        {
            if (_projectId != null) return _projectId;
            await _projectLock.WaitAsync(ctx.Token).ConfigureAwait(false);
            try
            {
                if (_projectId != null) return _projectId;
                _projectId = await Credential.ProjectIdFromAuthAsync(this, ctx).ConfigureAwait(false)
                    ?? await IamClient.LookupProjectAsync(this, Credential, ctx).ConfigureAwait(false);
                ctx.Verbose($"Project for {Region}: {_projectId}.");
                return _projectId;
            }
            finally
            {
                _projectLock.Release();
            }
        }

        public override string ToString() => $"MetaStudio {Region} ({AuthMode} {Identity} from {CredentialSource}){(ProjectId != null ? " project " + ProjectId : "")}";

        private static HttpClientHandler WithProxy(HttpClientHandler handler, ProxySettings? proxy)
        {
            ProxySettings.Apply(handler, proxy);
            return handler;
        }

        private long _disposedAtTicks;

        /// <summary>When the session was disposed; null while it can be used.</summary>
        public DateTimeOffset? DisposedAt
        {
            get
            {
                var ticks = Interlocked.Read(ref _disposedAtTicks);
                return ticks == 0 ? (DateTimeOffset?)null : new DateTimeOffset(ticks, TimeSpan.Zero).ToLocalTime();
            }
        }

        /// <summary>Every call through a disposed session fails with MetaStudio.SessionDisconnected (SessionDisconnectedException).</summary>
        internal void ThrowIfDisconnected(string operation, object? target, Exception? inner = null)
        {
            var at = DisposedAt;
            if (at != null) throw new Core.Errors.SessionDisconnectedException(ToString(), at.Value, operation, target, inner);
        }

        /// <summary>Releases the HTTP client; later calls through this session say it was disconnected.</summary>
        public void Dispose()
        {
            Interlocked.CompareExchange(ref _disposedAtTicks, DateTimeOffset.UtcNow.UtcTicks, 0);
            Http.Dispose();
        }
    }

    /// <summary>Request settings a session is created with.</summary>
    internal sealed class SessionSettings
    {
        public double RateLimitScale { get; set; } = 1.0;
        public int MaxRetries { get; set; } = 5;
        /// <summary>Repeats of a throttled call, counted apart from <see cref="MaxRetries"/>.</summary>
        public int MaxThrottleRetries { get; set; } = 10;
        /// <summary>The shared rate-limit store; null: this process alone (see RateLimitStoreAddress.FromEnvironment).</summary>
        public RateLimitStoreAddress? RateLimitStore { get; set; }
        /// <summary>The fraction of each published rate this process takes while the store is unreachable.</summary>
        public double RateLimitShare { get; set; } = 1.0;
        public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(60);
        public TimeSpan RetryTimeLimit { get; set; } = TimeSpan.FromMinutes(3);
        public TimeSpan RetryBaseDelay { get; set; } = TimeSpan.FromSeconds(0.5);
        /// <summary>Send field names and enum values the bundled API spec does not list, instead of refusing them.</summary>
        public bool AllowUnknownFields { get; set; }
        /// <summary>The largest answer read into memory; a larger one is refused (MetaStudio.ResponseTooLarge). Downloads are not capped.</summary>
        public long MaxResponseBytes { get; set; } = DefaultMaxResponseBytes;
        /// <summary>4 MiB: a page of 100 assets is about 100 KB, so this is far above any answer the service gives.</summary>
        public const long DefaultMaxResponseBytes = 4L * 1024 * 1024;
        /// <summary>The proxy (ProxySettings.Resolve); null sends directly, or through the platform's default proxy.</summary>
        public ProxySettings? Proxy { get; set; }
        /// <summary>The session's clock (MsSession.TimeProvider); null for the system's. Tests pass a fake one so retries and timeouts need no sleeping.</summary>
        internal TimeProvider? TimeProvider { get; set; }
    }
}
