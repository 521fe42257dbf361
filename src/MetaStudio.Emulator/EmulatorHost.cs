using System;
using System.Linq;
using System.Net;
using System.Threading;
using System.Threading.Tasks;
using MetaStudio.Emulator.Iam;
using MetaStudio.Emulator.Infrastructure;
using MetaStudio.Emulator.Obs;
using MetaStudio.Emulator.State;
using MetaStudio.PowerShell.Core.Catalog;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace MetaStudio.Emulator
{
    /// <summary>
    /// A local MetaStudio stand-in on loopback: verifies signatures and tokens, enforces the
    /// catalog's rates, keeps state, runs jobs, serves IAM and the upload target, injects faults.
    /// Start it in-process (tests, samples) or with `dotnet run` (users).
    /// </summary>
    public sealed class EmulatorHost : IAsyncDisposable
    {
        private WebApplication? _app;

        private EmulatorHost(EmulatorOptions options)
        {
            Options = options;
            Auth = new AuthVerifier(options);
            Gate = new RateGate(options);
            Dispatcher = new Dispatcher(this);
            State = new EmulatorState();
            Obs = new ObsStandIn(this);
            IamEndpoints.Register(this);
            FederationEndpoints.Register(this);
            Metadata.MetadataEndpoints.Register(this);
            HandlerRegistry.RegisterAll(this);
        }

        public EmulatorOptions Options { get; }
        public FaultOptions Faults { get; } = new();
        public RequestLog Log { get; } = new();
        /// <summary>What this emulator found in strict mode (also in ConformanceLog.Process).</summary>
        public ConformanceLog Conformance { get; } = new();
        /// <summary>The ID tokens the federation exchange received.</summary>
        public FederationLog Federation { get; } = new();
        public EmulatorState State { get; }
        /// <summary>The OBS stand-in every upload and download URL points at (its faults: CorruptNextUploads, UploadDelay).</summary>
        public ObsStandIn Obs { get; }
        public HandlerTable Handlers { get; } = new();
        public Uri BaseUri => _baseUri ?? throw new InvalidOperationException("The emulator has not started.");
        private Uri? _baseUri;
        /// <summary>Now, by the jobs' clock (EmulatorOptions.TimeProvider).</summary>
        public DateTimeOffset Now => Options.TimeProvider.GetUtcNow();
        /// <summary>Cancelled when the host begins to stop (Ctrl+C, SIGTERM, or DisposeAsync).</summary>
        public CancellationToken Stopping => _app?.Lifetime.ApplicationStopping ?? CancellationToken.None;
        internal AuthVerifier Auth { get; }
        internal Dispatcher Dispatcher { get; }
        internal RateGate Gate { get; }

        // Ports this process's emulators have listened on. Clients keep state per address for the life of the process
        // (the module's project ids per IAM host, key and region; pooled connections), so a new emulator given the port of
        // one disposed earlier would be answered from what the old one said: a test asserting a project lookup then sees none.
        private static readonly System.Collections.Concurrent.ConcurrentDictionary<int, byte> UsedPorts = new();
        private const int PortTries = 20;

        /// <summary>
        /// Starts an emulator. With no port set (0) it listens on a free loopback port that no earlier emulator of this
        /// process had (see <see cref="UsedPorts"/>); a port that is set is taken as it is.
        /// </summary>
        public static async Task<EmulatorHost> StartAsync(EmulatorOptions? options = null)
        {
            options ??= new EmulatorOptions();
            for (var attempt = 1; ; attempt++)
            {
                var host = await StartOnceAsync(options);
                if (options.Port != 0 || UsedPorts.TryAdd(host.BaseUri.Port, 0) || attempt == PortTries) return host;
                await host.DisposeAsync();
            }
        }

        private static async Task<EmulatorHost> StartOnceAsync(EmulatorOptions options)
        {
            var host = new EmulatorHost(options);
            var builder = WebApplication.CreateSlimBuilder();
            builder.Logging.ClearProviders();
            builder.WebHost.UseKestrel(k =>
            {
                k.Listen(IPAddress.Loopback, host.Options.Port);
                k.Limits.MaxRequestBodySize = null; // uploads of large files in parts
            });
            host._app = builder.Build();
            host._app.Run(host.Dispatcher.HandleAsync);
            await host._app.StartAsync();
            var address = host._app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses.First()
                ?? throw new InvalidOperationException("Kestrel did not report the address it listens on.");
            host._baseUri = new Uri(address.Replace("[::]", "127.0.0.1").TrimEnd('/') + "/");
            return host;
        }

        /// <summary>The region a project id of this tenant belongs to (each tenant has one project per region), or null.</summary>
        public string? RegionOfProject(string? projectId, string tenant = EmulatorOptions.DefaultTenant)
            => Regions.Known.FirstOrDefault(r => EmulatorOptions.ProjectIdFor(r, tenant) == projectId);

        /// <summary>Back to a clean service: no state, no faults, empty log, full rate buckets.</summary>
        public void Reset()
        {
            State.Clear();
            Faults.Reset();
            Log.Clear();
            Conformance.Clear();
            Gate.Reset();
        }

        public async ValueTask DisposeAsync()
        {
            if (_app != null)
            {
                await _app.StopAsync();
                await _app.DisposeAsync();
            }
        }
    }
}
