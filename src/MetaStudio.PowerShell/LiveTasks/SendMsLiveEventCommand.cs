using System.Linq;
using System.Management.Automation;
using System.Text.Json.Nodes;
using System.Text.Json;
using System;
using MetaStudio.PowerShell.Core.Cmdlets;
using MetaStudio.PowerShell.Core.Errors;
using MetaStudio.PowerShell.Core.Http;
using MetaStudio.PowerShell.Core.Json;
using MetaStudio.PowerShell.Core.Catalog;
using MetaStudio.PowerShell.LiveRooms;

namespace MetaStudio.PowerShell.LiveTasks
{
    /// <summary>
    /// LiveEventReport: tells a running broadcast what viewers did (comments by default), so its interaction
    /// rules can answer. The report key comes from -AuthKey/-ExpiresTime or from the task's LiveEventReportUrl
    /// (a piped task carries it). Outputs the refreshed report URL, whose key replaces the old one.
    /// </summary>
    [MsApi(OperationId.LiveEventReport, OperationId.ShowSmartLiveRoom)]
    [Cmdlet(VerbsCommunications.Send, "MsLiveEvent", DefaultParameterSetName = CommentSet, SupportsShouldProcess = true)]
    [OutputType(typeof(string))]
    public sealed class SendMsLiveEventCommand : MsCmdlet
    {
        private const string CommentSet = "Comment";
        private const string EventSet = "Event";
        internal const int CommentType = 1;

        [Parameter(Mandatory = true, ValueFromPipelineByPropertyName = true)]
        [ValidateMsId]
        public required string RoomId { get; set; }

        [Parameter(Mandatory = true, ValueFromPipelineByPropertyName = true)]
        [ValidateMsId]
        public required string JobId { get; set; }

        /// <summary>Viewer comments, one event each.</summary>
        [Parameter(Mandatory = true, ParameterSetName = CommentSet, Position = 0)]
        [ValidateNotNullOrEmpty]
        public string[]? Comment { get; set; }

        /// <summary>Who wrote the comments.</summary>
        [Parameter(ParameterSetName = CommentSet)]
        [ValidateLength(1, 256)]
        public string UserName { get; set; } = "viewer";

        /// <summary>Events (LiveEvent) as hashtables or objects: type, content (an object is sent as its JSON text), timestamp (epoch ms, default now).</summary>
        [Parameter(Mandatory = true, ParameterSetName = EventSet)]
        [ValidateNotNullOrEmpty]
        public object[]? Event { get; set; }

        /// <summary>The report URL StartSmartLive handed out; its auth_key and expires_time are used when -AuthKey is not given.</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        public string? LiveEventReportUrl { get; set; }

        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? AuthKey { get; set; }

        /// <summary>Expiry of -AuthKey in epoch milliseconds.</summary>
        [Parameter]
        [ValidateRange(1, long.MaxValue)]
        public long ExpiresTime { get; set; }

        protected override void ProcessRecord()
        {
            string? authKey = AuthKey;
            var expires = MyInvocation.BoundParameters.ContainsKey(nameof(ExpiresTime)) ? ExpiresTime.ToString(System.Globalization.CultureInfo.InvariantCulture) : null;
            JsonArray events;
            try
            {
                if (authKey == null || expires == null) ReadKeyFromUrl(ref authKey, ref expires);
                events = ParameterSetName == EventSet ? BuildEvents() : BuildComments();
            }
            catch (ArgumentException ex)
            {
                WriteError(ErrorRecords.InvalidInput(ex.Message, JobId));
                return;
            }
            if (!ShouldChange(LiveRoomApi.Rooms, RoomId, $"Report {events.Count} live event(s) to its livestream (job {JobId})")) return;
            var body = new JsonObject { ["total"] = events.Count, ["events"] = events };
            var request = LiveTaskApi.Job(OperationId.LiveEventReport, RoomId, JobId)
                .WithQuery("auth_key", authKey).WithQuery("expires_time", expires).WithQuery("refresh_url", true).WithBody(body);
            var response = TrySend(request);
            if (response == null) return;
            WriteObject(response.As<LiveEventReportResponse>()?.LiveEventReportUrl);
        }

        private void ReadKeyFromUrl(ref string? authKey, ref string? expires)
        {
            if (string.IsNullOrEmpty(LiveEventReportUrl))
                throw new ArgumentException("Give -AuthKey and -ExpiresTime, or the task's -LiveEventReportUrl (pipe the task from Start-MsLiveTask or Get-MsLiveTask).");
            if (!Uri.TryCreate(LiveEventReportUrl, UriKind.Absolute, out var url))
                throw new ArgumentException($"-LiveEventReportUrl '{LiveEventReportUrl}' is not an absolute URL.");
            foreach (var pair in url.Query.TrimStart('?').Split('&'))
            {
                var eq = pair.IndexOf('=');
                if (eq <= 0) continue;
                var name = Uri.UnescapeDataString(pair.Substring(0, eq));
                var value = Uri.UnescapeDataString(pair.Substring(eq + 1).Replace('+', ' '));
                if (name == "auth_key" && authKey == null) authKey = value;
                if (name == "expires_time" && expires == null) expires = value;
            }
            if (authKey == null || expires == null)
                throw new ArgumentException("-LiveEventReportUrl carries no auth_key and expires_time; give -AuthKey and -ExpiresTime.");
        }

        private static long NowMs() => (long)(DateTime.UtcNow - new DateTime(1970, 1, 1, 0, 0, 0, DateTimeKind.Utc)).TotalMilliseconds;

        private JsonArray BuildComments()
        {
            var events = new JsonArray();
            var now = NowMs();
            foreach (var text in Comment!)   // mandatory in this set
            {
                var user = new JsonObject { ["name"] = UserName };
                // The service wants content as JSON text, not as a nested object.
                var content = new JsonObject { ["user"] = user, ["content"] = text };
                events.Add(new JsonObject { ["timestamp"] = now, ["type"] = CommentType, ["content"] = content.ToJsonString() });
            }
            return events;
        }

        // Event content keeps its keys as written (userId, numberOfViewers): the service's snake_case rule does not apply inside it.
        private static JsonObject RawEvent(object item)
        {
            JsonNode? node;
            try
            {
                node = item is string s ? JsonNode.Parse(s) : JsonSerializer.SerializeToNode(MsJson.FromPowerShell(item, "-Event"));
            }
            catch (JsonException ex)
            {
                throw new ArgumentException($"-Event is not valid JSON: {ex.Message}");
            }
            if (!(node is JsonObject raw)) throw new ArgumentException("-Event items must be hashtables or objects with properties.");
            var e = new JsonObject();
            foreach (var kv in raw.ToList()) e[kv.Key.ToLowerInvariant()] = kv.Value?.DeepClone();
            return e;
        }

        private JsonArray BuildEvents()
        {
            var events = new JsonArray();
            var now = NowMs();
            foreach (var item in Event!)   // mandatory in this set
            {
                var e = RawEvent(item);
                if (e["type"] == null) throw new ArgumentException("Every -Event needs a type (1 comment, 2 user enter, 3 like, 4 gift, 6 viewer count).");
                if (e["content"] is JsonObject || e["content"] is JsonArray) e["content"] = e["content"]?.ToJsonString();
                if (e["timestamp"] == null) e["timestamp"] = now;
                events.Add(e);
            }
            return events;
        }
    }
}
