using System;
using System.Collections.Concurrent;
using System.IO;
using System.Linq;
using System.Net;
using System.Net.Sockets;
using System.Threading.Tasks;
using MetaStudio.Emulator;
using MetaStudio.PowerShell.Core.Http;
using MetaStudio.PowerShell.Tests.Infrastructure;
using Xunit;
using static MetaStudio.PowerShell.Tests.Session.SessionTestKit;

namespace MetaStudio.PowerShell.Tests.Session
{
    /// <summary>An emulator that, as a proxy, demands Basic credentials.</summary>
    public sealed class ProxyAuthEmulatorFixture : IAsyncLifetime
    {
        public const string User = "proxy-user";
        public const string Password = "proxy-password-123";
        public EmulatorHost Emulator { get; private set; } = null!;   // set in InitializeAsync, which xunit runs before the tests
        public async Task InitializeAsync() => Emulator = await EmulatorHost.StartAsync(new EmulatorOptions { ProxyUser = User, ProxyPassword = Password });
        public async Task DisposeAsync() { if (Emulator is not null) await Emulator.DisposeAsync(); }
    }

    /// <summary>
    /// Records the first line of each connection and refuses it: stands in for a proxy that is asked to CONNECT
    /// (an https target), which the emulator (plain http) cannot be.
    /// </summary>
    internal sealed class ConnectRecorder : IDisposable
    {
        private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
        public ConcurrentQueue<string> FirstLines { get; } = new();

        public ConnectRecorder()
        {
            _listener.Start();
            _ = Task.Run(async () =>
            {
                while (true)
                {
                    TcpClient client;
                    try { client = await _listener.AcceptTcpClientAsync(); }
                    catch (Exception) { return; }
                    using (client)
                    {
                        var stream = client.GetStream();
                        var line = await new StreamReader(stream).ReadLineAsync();
                        Assert.NotNull(line);
                        FirstLines.Enqueue(line);
                        var refusal = "HTTP/1.1 403 Forbidden\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"u8.ToArray();
                        await stream.WriteAsync(refusal);
                    }
                }
            });
        }

        public Uri Uri => new($"http://127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}/");

        public void Dispose() => _listener.Stop();
    }

    /// <summary>-Proxy and -ProxyCredential: the emulator answers in the proxy's place (requests arrive in proxy form).</summary>
    public class ProxyTests : IClassFixture<EmulatorFixture>, IClassFixture<ProxyAuthEmulatorFixture>
    {
        private readonly EmulatorHost _emu;
        private readonly EmulatorHost _authProxy;

        public ProxyTests(EmulatorFixture f, ProxyAuthEmulatorFixture auth)
        {
            _emu = f.Emulator;
            _authProxy = auth.Emulator;
            AddAssetHandlers(_emu);
            AddAssetHandlers(_authProxy);
        }

        /// <summary>A host name nothing resolves: only a proxy can take a request there.</summary>
        internal static string FakeEndpoint(EmulatorHost emu) => $"http://metastudio.emulator.test:{emu.BaseUri.Port}/";

        [Fact]
        public void Explicit_Proxy_carries_every_call_and_Get_MsSession_shows_it()
        {
            using var ps = new PsSession(_emu, connect: false);
            var before = _emu.Log.All.Count;
            var r = ps.Run($"$MsSession = Connect-MsService -Region cn-north-4 -Endpoint '{FakeEndpoint(_emu)}' -Proxy '{_emu.BaseUri}' " +
                           $"-AccessKey {EmulatorOptions.DefaultAccessKey} -SecretKey '{EmulatorOptions.DefaultSecretKey}' -WarningAction SilentlyContinue; $MsSession; " +
                           InvokeMsTestCallCommand.ImportScript + "Invoke-MsTestCall ShowAsset p1").AssertNoErrors();
            var session = r.All<object>().OfType<MsSession>().Single();
            Assert.Equal($"http://127.0.0.1:{_emu.BaseUri.Port} (-Proxy)", session.Proxy);
            var calls = _emu.Log.All.Skip(before).Where(e => e.Path == "/v3/projects" || e.Operation == "ShowAsset").ToList();
            Assert.Equal(2, calls.Count);
            Assert.All(calls, c => Assert.True(c.ViaProxy));
            Assert.All(calls, c => Assert.Equal(200, c.Status));   // signed for the target host, verified there
        }

        [Fact]
        public void ProxyCredential_answers_the_proxy_challenge_and_never_shows_the_password()
        {
            using var ps = new PsSession(_authProxy, connect: false);
            var connect = $"Connect-MsService -Region cn-north-4 -Endpoint '{FakeEndpoint(_authProxy)}' -Proxy '{_authProxy.BaseUri}' " +
                          $"-AccessKey {EmulatorOptions.DefaultAccessKey} -SecretKey '{EmulatorOptions.DefaultSecretKey}' -MaxRetries 0 -WarningAction SilentlyContinue";
            var refused = ps.Run(connect);
            Assert.NotEmpty(refused.AllErrors);
            Assert.Contains(_authProxy.Log.All, e => e.Status == 407);

            var r = ps.Run($"$sec = [securestring]::new(); '{ProxyAuthEmulatorFixture.Password}'.ToCharArray() | ForEach-Object {{ $sec.AppendChar($_) }}; " +
                           $"{connect} -ProxyCredential ([pscredential]::new('{ProxyAuthEmulatorFixture.User}', $sec)) -Verbose | Out-Host").AssertNoErrors();
            Assert.Contains(_authProxy.Log.All, e => e.Path == "/v3/projects" && e.Status == 200 && e.ProxyUser == ProxyAuthEmulatorFixture.User);
            Assert.DoesNotContain(ProxyAuthEmulatorFixture.Password, r.EverythingAsText + ps.Host.Text);
        }

        [Fact]
        public void Loopback_targets_bypass_the_proxy()
        {
            using var recorder = new ConnectRecorder();
            using var ps = new PsSession(_emu, connect: false);
            // A service call, not only the project lookup: that one is cached per IAM host and port, and a port an
            // earlier test's emulator used may come round again, so Connect-MsService alone may send nothing.
            ps.Run($"Connect-MsService -Region cn-north-4 -Endpoint '{_emu.BaseUri}' -Proxy '{recorder.Uri}' " +
                   $"-AccessKey {EmulatorOptions.DefaultAccessKey} -SecretKey '{EmulatorOptions.DefaultSecretKey}' -WarningAction SilentlyContinue; " +
                   InvokeMsTestCallCommand.ImportScript + "Invoke-MsTestCall ShowAsset loopback").AssertNoErrors();
            Assert.Empty(recorder.FirstLines);
            Assert.False(_emu.Log.All.Last(e => e.Operation == "ShowAsset").ViaProxy);
        }

        [Fact]
        public void A_bad_Proxy_is_refused_before_any_request()
        {
            using var ps = new PsSession(_emu, connect: false);
            var before = _emu.Log.All.Count;
            var r = ps.Run($"Connect-MsService -Region cn-north-4 -Endpoint '{_emu.BaseUri}' -Proxy 'ftp://proxy.example/' -AccessKey A -SecretKey 'x'");
            Assert.StartsWith("MetaStudio.InvalidInput", Assert.Single(r.AllErrors).FullyQualifiedErrorId);
            Assert.Equal(before, _emu.Log.All.Count);
        }
    }

    /// <summary>HTTPS_PROXY, HTTP_PROXY and NO_PROXY, read by the module itself so Windows PowerShell 5.1 and PowerShell 7 agree.</summary>
    [Collection(EnvironmentCollection.Name)]
    public class ProxyEnvironmentTests : EnvironmentTestBase, IClassFixture<EmulatorFixture>
    {
        private readonly EmulatorHost _emu;

        public ProxyEnvironmentTests(EmulatorFixture f)
        {
            _emu = f.Emulator;
            AddAssetHandlers(_emu);
        }

        [Fact]
        public void The_variables_choose_the_proxy_by_scheme_lower_case_first_and_NO_PROXY_exempts_hosts()
        {
            Set("HTTPS_PROXY", "http://upper-https:3128");
            Set("https_proxy", "http://user:p%40ss@lower-https:3128");
            Set("HTTP_PROXY", "plain-http:8080");
            Set("NO_PROXY", "internal.example, .corp.example,*.wild.example, exact.example:8443");
            var proxy = ProxySettings.Resolve(null, null);
            Assert.NotNull(proxy);
            Assert.Equal(new Uri("http://lower-https:3128/"), proxy.GetProxy(new Uri("https://metastudio.cn-north-4.myhuaweicloud.com/")));
            Assert.Equal(new Uri("http://plain-http:8080/"), proxy.GetProxy(new Uri("http://metastudio.cn-north-4.myhuaweicloud.com/")));
            Assert.NotNull(proxy.Credentials);
            var credential = proxy.Credentials.GetCredential(new Uri("http://lower-https:3128/"), "Basic");
            Assert.NotNull(credential);
            Assert.Equal(("user", "p@ss"), (credential.UserName, credential.Password));
            Assert.DoesNotContain("p@ss", proxy.Description);
            Assert.Contains("https_proxy", proxy.Description);

            foreach (var bypassed in new[] { "https://internal.example/", "https://a.internal.example/", "https://x.corp.example/",
                         "https://b.wild.example/", "https://exact.example:8443/", "http://127.0.0.1:5080/", "http://localhost/", "http://169.254.169.254/", "http://[::1]/" })
                Assert.True(proxy.IsBypassed(new Uri(bypassed)), bypassed);
            foreach (var proxied in new[] { "https://notinternal.example/", "https://exact.example/", "https://corp.example/", "https://wild.example/", "https://metastudio.cn-north-4.myhuaweicloud.com/" })
                Assert.False(proxy.IsBypassed(new Uri(proxied)), proxied);

            Set("NO_PROXY", "*");
            Assert.True(ProxySettings.Resolve(null, null)?.IsBypassed(new Uri("https://anything.example/")));
            foreach (var n in TestEnvironment.ProxyVariables) Set(n, null);
            Assert.Null(ProxySettings.Resolve(null, null));
        }

        [Fact]
        public void HTTP_PROXY_carries_the_calls_of_a_connected_and_of_an_implicit_session()
        {
            Set("HTTP_PROXY", _emu.BaseUri.ToString());
            using var ps = new PsSession(_emu, connect: false);
            var session = ps.Run($"Connect-MsService -Region cn-north-4 -Endpoint '{ProxyTests.FakeEndpoint(_emu)}' -AccessKey {EmulatorOptions.DefaultAccessKey} -SecretKey '{EmulatorOptions.DefaultSecretKey}' -WarningAction SilentlyContinue")
                .AssertNoErrors().Single<MsSession>();
            Assert.Contains("HTTP_PROXY", session.Proxy);
            Assert.True(_emu.Log.All.Last(e => e.Path == "/v3/projects").ViaProxy);

            // No connect: the session made from the environment goes through the proxy too.
            Set(SessionFactory.EnvAccessKey, EmulatorOptions.DefaultAccessKey);
            Set(SessionFactory.EnvSecretKey, EmulatorOptions.DefaultSecretKey);
            Set(SessionFactory.EnvRegion, "cn-north-4");
            Set(RegionEndpointVariable, ProxyTests.FakeEndpoint(_emu));
            using var bare = new PsSession(_emu, connect: false);
            bare.Run(InvokeMsTestCallCommand.ImportScript + "Invoke-MsTestCall ShowAsset x1").AssertNoErrors();
            Assert.True(_emu.Log.All.Last(e => e.Operation == "ShowAsset").ViaProxy);
        }

        [Fact]
        public void NO_PROXY_sends_a_host_directly()
        {
            Set("HTTP_PROXY", _emu.BaseUri.ToString());
            Set("NO_PROXY", "emulator.test");
            using var ps = new PsSession(_emu, connect: false);
            var before = _emu.Log.All.Count;
            var r = ps.Run($"Connect-MsService -Region cn-north-4 -Endpoint '{ProxyTests.FakeEndpoint(_emu)}' -ProjectId {EmulatorOptions.ProjectIdFor("cn-north-4")} " +
                           $"-AccessKey {EmulatorOptions.DefaultAccessKey} -SecretKey '{EmulatorOptions.DefaultSecretKey}' -WarningAction SilentlyContinue; " +
                           InvokeMsTestCallCommand.ImportScript + "Invoke-MsTestCall ShowAsset n1");
            // Direct to a host that is not on this machine: the test guard stops it before anything is sent.
            var error = Assert.Single(r.AllErrors);
            Assert.StartsWith(NetworkGuardException.Code, error.FullyQualifiedErrorId);
            Assert.Contains("metastudio.emulator.test", error.Exception.Message);
            Assert.DoesNotContain("through the proxy", error.Exception.Message);
            Assert.Equal(before, _emu.Log.All.Count);
        }

        [Fact]
        public void HTTPS_PROXY_is_asked_to_CONNECT_to_an_https_endpoint()
        {
            using var recorder = new ConnectRecorder();
            Set("HTTPS_PROXY", recorder.Uri.ToString());
            Set("HTTP_PROXY", _emu.BaseUri.ToString());
            using var ps = new PsSession(_emu, connect: false);
            var r = ps.Run($"Connect-MsService -Region cn-north-4 -Endpoint 'https://metastudio.emulator.test/' -AccessKey {EmulatorOptions.DefaultAccessKey} -SecretKey '{EmulatorOptions.DefaultSecretKey}' -MaxRetries 0 -WarningAction SilentlyContinue");
            Assert.Single(r.AllErrors);   // the recorder refuses the tunnel
            Assert.Equal("CONNECT metastudio.emulator.test:443 HTTP/1.1", recorder.FirstLines.First());
        }
    }
}
