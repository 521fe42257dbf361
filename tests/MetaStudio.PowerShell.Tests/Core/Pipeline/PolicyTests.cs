using System;
using System.Collections.Concurrent;
using System.IO;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Net.Sockets;
using System.Threading;
using System.Threading.Tasks;
using MetaStudio.PowerShell.Core.Auth;
using MetaStudio.PowerShell.Core.Catalog;
using MetaStudio.PowerShell.Core.Errors;
using MetaStudio.PowerShell.Core.Http;
using MetaStudio.PowerShell.Core.Http.Pipeline;
using MetaStudio.PowerShell.Core.Spec;
using MetaStudio.PowerShell.Tests.Infrastructure;
using Xunit;

namespace MetaStudio.PowerShell.Tests.Core.Pipeline
{
    /// <summary>
    /// Each step of the request path on its own (or in the session's pipeline), against a scripted transport and a
    /// test clock: no network, no emulator, no waiting.
    /// </summary>
    public class PolicyTests
    {
        private readonly TestClock _clock = new();
        private readonly FakeTransport _transport;

        public PolicyTests() => _transport = new FakeTransport(_clock);

        private MsSession Session(Action<SessionSettings>? configure = null, MsCredential? credential = null, string? appUserId = null)
            => _transport.Session(_clock, s =>
            {
                s.RateLimitScale = 0;
                configure?.Invoke(s);
            }, credential, appUserId: appUserId);

        private static MsRequest Show() => new MsRequest(OperationId.ShowAsset).WithPath("asset_id", "a1");
        private static MsRequest Create() => new MsRequest(OperationId.CreateDigitalAsset).WithBody(new { asset_name = "n", asset_type = "IMAGE" });

        private static (CallContext Context, ConcurrentQueue<string> Lines) Recording(CancellationToken token = default)
        {
            var lines = new ConcurrentQueue<string>();
            return (new CallContext(token, action => lines.Enqueue(Direct.VerboseText(action)), "Get-Thing"), lines);
        }

        // ---- the pipeline ----

        [Fact]
        public void A_session_pipeline_has_the_documented_order()
        {
            using var s = Session();
            Assert.Equal(new[]
            {
                typeof(FailurePolicy), typeof(SessionOpenPolicy), typeof(AnswerPolicy), typeof(SpecCheckPolicy), typeof(AddressPolicy), typeof(RetryPolicy),
                typeof(RateLimitPolicy), typeof(RepeatedDeletePolicy), typeof(SignPolicy), typeof(AttemptTimeoutPolicy), typeof(LogPolicy), typeof(TransportPolicy),
            }, s.Client.Pipeline.Policies.Select(p => p.GetType()));
        }

        [Fact]
        public void A_credential_that_can_renew_gets_the_token_refresh_step_after_retry()
        {
            using var s = Session(credential: new CountingCredential());
            var types = s.Client.Pipeline.Policies.Select(p => p.GetType()).ToList();
            Assert.Equal(types.IndexOf(typeof(RetryPolicy)) + 1, types.IndexOf(typeof(TokenRefreshPolicy)));
            Assert.Equal(types.IndexOf(typeof(TokenRefreshPolicy)) + 1, types.IndexOf(typeof(RateLimitPolicy)));
        }

        private sealed class Marker : MsPolicy
        {
            public override ValueTask ProcessAsync(MsMessage message, ReadOnlyMemory<MsPolicy> next) => ProcessNextAsync(message, next);
        }

        [Fact]
        public void Added_policies_go_where_their_position_says()
        {
            using var s = Session();
            var builder = new MsPipelineBuilder(s);
            Marker perCall = new(), perAttempt = new(), beforeTransport = new();
            builder.PerCall.Add(perCall);
            builder.PerAttempt.Add(perAttempt);
            builder.BeforeTransport.Add(beforeTransport);
            var policies = builder.Build().Policies.ToList();
            Assert.True(policies.IndexOf(perCall) < policies.FindIndex(p => p is RetryPolicy));
            Assert.True(policies.IndexOf(perCall) > policies.FindIndex(p => p is AddressPolicy));
            Assert.Equal(policies.FindIndex(p => p is SignPolicy) + 1, policies.IndexOf(perAttempt));
            Assert.Equal(policies.FindIndex(p => p is AttemptTimeoutPolicy) - 1, policies.IndexOf(perAttempt));
            Assert.Equal(policies.Count - 2, policies.IndexOf(beforeTransport));
        }

        [Fact]
        public async Task A_catalog_call_goes_to_the_project_path_signed_and_named_after_the_cmdlet()
        {
            _transport.Then(HttpStatusCode.OK, "{\"asset_id\":\"a1\"}");
            using var s = Session(appUserId: "u-1");
            var (ctx, _) = Recording();
            var response = await s.Client.SendAsync(Show(), ctx);
            Assert.Equal(200, response.StatusCode);
            var sent = Assert.Single(_transport.Requests);
            Assert.Equal("GET", sent.Method);
            Assert.Equal(FakeTransport.Endpoint + "v1/p1/digital-assets/a1", sent.Uri.ToString());
            Assert.Equal("p1", sent.Headers["X-Project-Id"]);
            Assert.Equal("u-1", sent.Headers["X-App-UserId"]);
            Assert.StartsWith("SDK-HMAC-SHA256 Access=AK", sent.Headers["Authorization"]);
            Assert.EndsWith("(Get-Thing)", sent.Headers["User-Agent"]);
        }

        // ---- spec check ----

        [Fact]
        public async Task A_body_the_spec_refuses_is_never_sent()
        {
            using var s = Session();
            var bad = new MsRequest(OperationId.CreateDigitalAsset).WithBody(new { asset_name = "n", asset_type = "IMAGE", no_such_field = 1 });
            await Assert.ThrowsAsync<SpecViolationException>(() => s.Client.SendAsync(bad, CallContext.None()));
            Assert.Empty(_transport.Requests);
        }

        // ---- retry ----

        [Fact]
        public async Task Throttled_answers_are_retried_after_growing_backoff_on_the_clock()
        {
            _transport.Then(HttpStatusCode.TooManyRequests).Then(HttpStatusCode.TooManyRequests).Then(HttpStatusCode.TooManyRequests).Then(HttpStatusCode.OK);
            using var s = Session();
            var (ctx, lines) = Recording();
            await s.Client.SendAsync(Create(), ctx);
            Assert.Equal(4, _transport.Requests.Count);
            Assert.Equal(3, _clock.Delays.Count);
            // Each attempt went out when its backoff ended, and nothing else took time.
            var sentAt = _transport.Requests.Select(r => r.At).ToList();
            for (var i = 1; i < 4; i++) Assert.Equal(_clock.Delays[i - 1], sentAt[i] - sentAt[i - 1]);
            Assert.Equal(3, lines.Count(l => l.StartsWith("Retry ", StringComparison.Ordinal) && l.Contains("HTTP 429")));
        }

        [Fact]
        public async Task Retry_After_decides_the_backoff()
        {
            _transport.Then(HttpStatusCode.ServiceUnavailable, null, r => r.Headers.TryAddWithoutValidation("Retry-After", "12")).Then(HttpStatusCode.OK);
            using var s = Session();
            await s.Client.SendAsync(Show(), CallContext.None());
            Assert.Equal(new[] { TimeSpan.FromSeconds(12) }, _clock.Delays);
        }

        [Fact]
        public async Task A_Retry_After_date_is_read_on_the_session_clock_and_capped_at_a_minute()
        {
            var at = _clock.GetUtcNow() + TimeSpan.FromMinutes(5);
            _transport.Then(HttpStatusCode.TooManyRequests, null, r => r.Headers.TryAddWithoutValidation("Retry-After", at.ToString("R"))).Then(HttpStatusCode.OK);
            using var s = Session();
            await s.Client.SendAsync(Show(), CallContext.None());
            Assert.Equal(new[] { TimeSpan.FromSeconds(60) }, _clock.Delays);
        }

        [Fact]
        public async Task A_clock_given_to_the_session_later_is_the_one_its_calls_use()
        {
            _transport.Then(HttpStatusCode.TooManyRequests, null, r => r.Headers.TryAddWithoutValidation("Retry-After", "5")).Then(HttpStatusCode.OK);
            using var s = _transport.Session(TimeProvider.System, c => c.RateLimitScale = 0);
            s.TimeProvider = _clock;
            await s.Client.SendAsync(Show(), CallContext.None());
            Assert.Equal(new[] { TimeSpan.FromSeconds(5) }, _clock.Delays);
            Assert.Equal(TimeSpan.FromSeconds(5), _transport.Requests[1].At - _transport.Requests[0].At);
        }

        [Fact]
        public async Task A_server_error_repeats_a_read_but_not_a_create()
        {
            _transport.Then(HttpStatusCode.InternalServerError, "{\"error_code\":\"MSS.00000001\",\"error_msg\":\"boom\"}");
            using var s = Session();
            var error = await Assert.ThrowsAsync<MsServiceException>(() => s.Client.SendAsync(Create(), CallContext.None()));
            Assert.Equal("MSS.00000001", error.ErrorCode);
            Assert.Single(_transport.Requests);

            await Assert.ThrowsAsync<MsServiceException>(() => s.Client.SendAsync(Show(), CallContext.None()));
            Assert.Equal(1 + 4, _transport.Requests.Count);
        }

        [Fact]
        public async Task A_refused_connection_is_repeated_even_for_a_create_and_ends_as_a_network_error()
        {
            _transport.ThenThrow(new HttpRequestException("refused", new SocketException((int)SocketError.ConnectionRefused)));
            using var s = Session(c => c.MaxRetries = 2);
            var error = await Assert.ThrowsAsync<MsServiceException>(() => s.Client.SendAsync(Create(), CallContext.None()));
            Assert.Equal(ErrorCodes.Network, error.ErrorCode);
            Assert.DoesNotContain("may have reached", error.Message);
            Assert.Equal(3, _transport.Requests.Count);
        }

        [Fact]
        public async Task A_cut_connection_after_a_create_is_not_repeated_and_says_it_may_have_happened()
        {
            _transport.ThenThrow(new HttpRequestException("reset", new IOException("connection reset")));
            using var s = Session();
            var error = await Assert.ThrowsAsync<MsServiceException>(() => s.Client.SendAsync(Create(), CallContext.None()));
            Assert.Equal(ErrorCodes.Network, error.ErrorCode);
            Assert.Contains("may have reached the service", error.Message);
            Assert.Single(_transport.Requests);
        }

        [Fact]
        public async Task The_retry_budget_on_the_clock_ends_the_retries()
        {
            // Each answer takes the server one second; the call may spend 2.5 s failing: three attempts, not eleven.
            _transport.Then((_, _) =>
            {
                _clock.Advance(TimeSpan.FromSeconds(1));
                return Task.FromResult(new HttpResponseMessage(HttpStatusCode.InternalServerError));
            });
            using var s = Session(c =>
            {
                c.MaxRetries = 10;
                c.RetryBaseDelay = TimeSpan.FromMilliseconds(1);
                c.RetryTimeLimit = TimeSpan.FromSeconds(2.5);
            });
            var (ctx, lines) = Recording();
            var error = await Assert.ThrowsAsync<MsServiceException>(() => s.Client.SendAsync(Show(), ctx));
            Assert.Equal("HTTP.500", error.ErrorCode);
            Assert.Equal(3, _transport.Requests.Count);
            Assert.Contains(lines, l => l.Contains("its 2 s retry time limit is used up") || l.Contains("its 3 s retry time limit is used up"));
        }

        [Fact]
        public async Task With_no_retries_a_call_is_sent_once()
        {
            _transport.Then(HttpStatusCode.TooManyRequests);
            using var s = Session(c => { c.MaxRetries = 0; c.MaxThrottleRetries = 0; });
            var error = await Assert.ThrowsAsync<MsServiceException>(() => s.Client.SendAsync(Show(), CallContext.None()));
            Assert.Equal(ErrorCodes.Throttled, error.ErrorCode);
            Assert.Single(_transport.Requests);
            Assert.Empty(_clock.Delays);
        }

        // ---- token refresh ----

        [Fact]
        public async Task A_refused_token_is_renewed_once_and_the_attempt_sent_again_signed_afresh()
        {
            _transport.Then(HttpStatusCode.Unauthorized).Then(HttpStatusCode.OK);
            var credential = new CountingCredential();
            using var s = Session(credential: credential);
            var (ctx, lines) = Recording();
            var response = await s.Client.SendAsync(Show(), ctx);
            Assert.Equal(200, response.StatusCode);
            Assert.Equal(new[] { "token-1", "token-2" }, _transport.Requests.Select(r => r.Headers["X-Auth-Token"]));
            Assert.Equal(1, credential.Invalidations);
            Assert.Contains(lines, l => l.Contains("refused the token"));
            Assert.Empty(_clock.Delays);
        }

        [Fact]
        public async Task A_second_401_is_the_answer()
        {
            _transport.Then(HttpStatusCode.Unauthorized);
            var credential = new CountingCredential();
            using var s = Session(credential: credential);
            var error = await Assert.ThrowsAsync<MsServiceException>(() => s.Client.SendAsync(Show(), CallContext.None()));
            Assert.Equal(401, error.StatusCode);
            Assert.True(error.IsSessionFailure);
            Assert.Equal(2, _transport.Requests.Count);
            Assert.Equal(1, credential.Invalidations);
        }

        [Fact]
        public async Task Token_refresh_alone_leaves_calls_it_does_not_sign_to_their_answer()
        {
            _transport.Then(HttpStatusCode.Unauthorized);
            var credential = new CountingCredential();
            using var s = Session(credential: credential);
            var message = FakeTransport.Message(RequestOptions.IamSigned);
            await FakeTransport.RunAlone(s, message, new TokenRefreshPolicy(credential));
            Assert.NotNull(message.Response);
            Assert.Equal(401, message.Response.StatusCode);
            Assert.Single(_transport.Requests);
            Assert.Equal(0, credential.Invalidations);
        }

        // ---- rate limit ----

        [Fact]
        public async Task The_rate_limit_step_takes_the_tenant_region_and_API_bucket_and_skips_signed_urls()
        {
            _transport.Then(HttpStatusCode.OK);
            using var s = Session(c => c.RateLimitScale = 1);
            var operation = MsMessage.ForOperation(Show(), CallContext.None());
            operation.ProjectId = "p1";
            operation.Uri = new Uri(FakeTransport.Endpoint + "v1/p1/digital-assets/a1");
            await FakeTransport.RunAlone(s, operation, new RateLimitPolicy(s));
            Assert.Same(RateLimiterRegistry.For("p1", "cn-north-4", OperationCatalog.Get(OperationId.ShowAsset), 1), operation.Limiter);

            var url = FakeTransport.Message(RequestOptions.SignedUrl);
            await FakeTransport.RunAlone(s, url, new RateLimitPolicy(s));
            Assert.Null(url.Limiter);
            Assert.Equal(2, _transport.Requests.Count);
        }

        [Fact]
        public async Task A_throttled_call_is_repeated_at_the_limiter_s_next_slot_not_after_a_backoff()
        {
            _transport.Then(HttpStatusCode.TooManyRequests, "{\"error_code\":\"APIGW.0308\",\"error_msg\":\"throttled\"}").Then(HttpStatusCode.OK, "{\"asset_id\":\"a1\"}");
            // A project of its own: a fresh partition of the process's limiter.
            var project = "p" + Guid.NewGuid().ToString("N");
            using var s = _transport.Session(_clock, c => c.RateLimitScale = 1, projectId: project);
            var (ctx, lines) = Recording();
            await s.Client.SendAsync(Show(), ctx);
            Assert.Equal(2, _transport.Requests.Count);
            // No backoff on the session's clock: the limiter, which has just slowed down, held the repeat back itself.
            Assert.All(_clock.Delays, d => Assert.Equal(TimeSpan.Zero, d));
            Assert.Equal(1, RateLimiterRegistry.For(project, "cn-north-4", OperationCatalog.Get(OperationId.ShowAsset), 1)!.Throttles);
            Assert.Contains(lines, l => l.StartsWith("Retry 1 of", StringComparison.Ordinal) && l.Contains("in 0.0 s"));
            Assert.Contains(lines, l => l.StartsWith("Rate limiter: waited", StringComparison.Ordinal));
        }

        // ---- sign ----

        [Theory]
        [InlineData("None", false, false)]
        [InlineData("Credential", true, false)]
        [InlineData("Service", true, true)]
        public async Task Each_signing_mode_adds_what_it_says(string mode, bool signed, bool serviceHeaders)
        {
            _transport.Then(HttpStatusCode.OK);
            using var s = Session();
            var options = mode switch { "None" => RequestOptions.SignedUrl, "Credential" => RequestOptions.IamSigned, _ => RequestOptions.Operation };
            var (ctx, _) = Recording();
            await FakeTransport.RunAlone(s, FakeTransport.Message(options, ctx: ctx), new SignPolicy(s));
            var headers = Assert.Single(_transport.Requests).Headers;
            Assert.Equal(signed, headers.ContainsKey("Authorization"));
            Assert.Equal(signed, headers.ContainsKey("X-Sdk-Date"));
            Assert.Equal(serviceHeaders, headers.ContainsKey("X-Project-Id"));
            Assert.Equal(serviceHeaders, headers.TryGetValue("User-Agent", out var agent) && agent.Contains("(Get-Thing)"));
        }

        [Fact]
        public async Task Every_attempt_is_signed()
        {
            _transport.Then(HttpStatusCode.BadGateway).Then(HttpStatusCode.OK);
            using var s = Session();
            await s.Client.SendAsync(Show(), CallContext.None());
            Assert.All(_transport.Requests, r => Assert.StartsWith("SDK-HMAC-SHA256", r.Headers["Authorization"]));
            Assert.Equal(2, _transport.Requests.Count);
        }

        // ---- attempt timeout ----

        [Fact]
        public async Task A_silent_attempt_times_out_on_the_clock_and_a_read_is_tried_again()
        {
            _transport.ThenSilence();
            using var s = Session(c => c.MaxRetries = 1);
            var (ctx, lines) = Recording();
            var call = s.Client.SendAsync(Show(), ctx);
            Assert.Equal(TimeSpan.FromSeconds(2), await _clock.NextArmedAsync());
            _clock.Advance(TimeSpan.FromSeconds(2));
            await _clock.FireNextTimeoutAsync();
            var error = await Assert.ThrowsAsync<MsServiceException>(() => call);
            Assert.Equal(ErrorCodes.Timeout, error.ErrorCode);
            Assert.Equal(2, _transport.Requests.Count);
            Assert.Equal(2, lines.Count(l => l.Contains("→ no response within 2 s")));
        }

        [Fact]
        public async Task A_request_may_have_its_own_attempt_timeout()
        {
            _transport.ThenSilence();
            using var s = Session(c => c.MaxRetries = 0);
            var message = FakeTransport.Message(RequestOptions.IamUnsigned.WithAttemptTimeout(TimeSpan.FromSeconds(3)));
            var call = s.Client.SendAsync(message);
            Assert.Equal(TimeSpan.FromSeconds(3), await _clock.NextArmedAsync());
            _clock.Advance(TimeSpan.FromSeconds(3));
            var error = await Assert.ThrowsAsync<MsServiceException>(() => call);
            Assert.Equal(ErrorCodes.Timeout, error.ErrorCode);
        }

        [Fact]
        public async Task Ctrl_C_is_a_cancellation_not_a_timeout()
        {
            _transport.ThenSilence();
            using var s = Session();
            using var cts = new CancellationTokenSource();
            var call = s.Client.SendAsync(Show(), new CallContext(cts.Token, null));
            await _clock.NextArmedAsync();
            cts.Cancel();
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => call);
            Assert.Single(_transport.Requests);
        }

        // ---- log ----

        [Fact]
        public async Task Each_attempt_is_logged_with_its_status_time_and_request_id()
        {
            _transport.Then(async (_, _) =>
            {
                _clock.Advance(TimeSpan.FromMilliseconds(150));
                await Task.Yield();
                var response = new HttpResponseMessage(HttpStatusCode.OK);
                response.Headers.TryAddWithoutValidation("X-Request-Id", "r-42");
                return response;
            });
            using var s = Session();
            var (ctx, lines) = Recording();
            var message = FakeTransport.Message(RequestOptions.SignedUrl, ctx: ctx);
            message.Label = "GET /x";
            await FakeTransport.RunAlone(s, message, LogPolicy.Shared);
            Assert.Equal("GET /x → 200 in 150 ms, request id r-42.", Assert.Single(lines));
        }

        // ---- transport ----

        [Fact]
        public async Task Nothing_leaves_the_machine_under_the_loopback_guard()
        {
            using var s = Session();
            var message = new MsMessage(RequestOptions.SignedUrl, CallContext.None(), "GET /x", null, true) { Uri = new Uri("http://192.0.2.1/x") };
            await Assert.ThrowsAsync<NetworkGuardException>(() => FakeTransport.RunAlone(s, message));
            Assert.Empty(_transport.Requests);
        }

        [Fact]
        public async Task A_streamed_answer_is_read_by_the_message_reader_only_when_it_succeeds()
        {
            _transport.Then(HttpStatusCode.OK, "{\"big\":true}").Then(HttpStatusCode.NotFound, "{\"error_code\":\"NoSuchKey\"}");
            using var s = Session();
            string? read = null;
            MsMessage Streamed() => new MsMessage(RequestOptions.SignedUrl, CallContext.None(), "GET /x", null, true)
            {
                Uri = new Uri(FakeTransport.Endpoint + "x"),
                ReadBody = async (response, timer, token) => read = await response.Content.ReadAsStringAsync(token),
            };
            var ok = Streamed();
            await FakeTransport.RunAlone(s, ok);
            Assert.Equal("{\"big\":true}", read);
            Assert.NotNull(ok.Response);
            Assert.Empty(ok.Response.Body);

            read = null;
            var missing = Streamed();
            await FakeTransport.RunAlone(s, missing);
            Assert.Null(read);
            Assert.NotNull(missing.Response);
            Assert.Equal(404, missing.Response.StatusCode);
            Assert.NotNull(missing.Response.Error);
            Assert.Equal("NoSuchKey", missing.Response.Error.ErrorCode);
        }

        // ---- failure ----

        [Fact]
        public async Task Iam_shaped_calls_get_their_failed_answer_back()
        {
            _transport.Then(HttpStatusCode.Forbidden, "{\"error\":{\"code\":\"IAM.0002\",\"message\":\"no\"}}");
            using var s = Session();
            var response = await s.Client.SendAsync(FakeTransport.Message(RequestOptions.IamUnsigned));
            Assert.NotNull(response);
            Assert.Equal(403, response.StatusCode);
            Assert.NotNull(response.Error);
            Assert.Equal("IAM.0002", response.Error.ErrorCode);
        }

        [Fact]
        public async Task Service_calls_throw_the_service_code_and_request_id()
        {
            _transport.Then(HttpStatusCode.BadRequest, "{\"error_code\":\"MSS.10001001\",\"error_msg\":\"no such asset\",\"request_id\":\"rid-7\"}");
            using var s = Session();
            var error = await Assert.ThrowsAsync<MsServiceException>(() => s.Client.SendAsync(Show(), CallContext.None()));
            Assert.Equal("MSS.10001001", error.ErrorCode);
            Assert.Equal(400, error.StatusCode);
            Assert.Equal("a1", error.Target);
            Assert.Equal("ShowAsset", error.Operation);
            Assert.Contains("no such asset", error.Message);
        }
    }
}
