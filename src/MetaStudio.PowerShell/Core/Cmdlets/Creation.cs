#nullable enable
using System;
using System.Text.Json.Nodes;
using System.Threading.Tasks;
using MetaStudio.PowerShell.Core.Errors;
using MetaStudio.PowerShell.Core.Http;
using MetaStudio.PowerShell.Core.Model;

namespace MetaStudio.PowerShell.Core.Cmdlets
{
    /// <summary>
    /// One create as the create shape (MsCmdlet.WriteCreate) needs it: the request, how the new object is read back
    /// and what is output when that read fails, and, where the object has a natural key the service keeps unique (an
    /// asset's name), how to find it. A create whose answer is lost (timeout, a cut connection, a 5xx, an unreadable
    /// 200) is then looked up: found, it is output with a warning; not found, the create is sent once more. Without a
    /// natural key the module cannot tell, so it writes MetaStudio.OutcomeUnknown with <see cref="LookFor"/> as the
    /// recommended action and the attempt (<see cref="MsCreateAttempt"/>) as the target. Each create cmdlet declares
    /// only this; the rule is applied once.
    /// </summary>
    internal sealed class Creation<T> where T : class
    {
        public Creation(string noun, string? name, MsRequest request, Func<string?, MsResponse, T> minimal)
        {
            Noun = noun;
            Name = name;
            Request = request;
            Minimal = minimal;
        }

        /// <summary>"asset", "video task", ...: how messages call one.</summary>
        public string Noun { get; }

        /// <summary>The name given to the new object (the natural key where <see cref="FindByName"/> is set).</summary>
        public string? Name { get; }

        public MsRequest Request { get; }

        /// <summary>What is output from the create's answer alone (the id, what was sent) when there is no read-back or it fails.</summary>
        public Func<string?, MsResponse, T> Minimal { get; }

        /// <summary>Reads the new object by its id (and the create's answer, for what only the answer carries); null outputs <see cref="Minimal"/>.</summary>
        public Func<string, MsResponse, CallContext, Task<T>>? ReadBack { get; set; }

        /// <summary>Instead of the read-back and output: what the cmdlet does with the new id (collect it for -Wait, save a file).</summary>
        public Action<string?, MsResponse>? OnCreated { get; set; }

        /// <summary>Finds the object by its natural key (null when there is none); only for objects the service keeps unique by it.</summary>
        public Func<CallContext, Task<T?>>? FindByName { get; set; }

        /// <summary>
        /// Work the create needs first, run in the same queued item so bulk cmdlets overlap it too (Copy-MsAsset -AssetId
        /// reads the replication info it sends into <see cref="Request"/>). It is never part of the lost-answer rule: when
        /// it fails, that is the item's error and nothing is created.
        /// </summary>
        public Func<CallContext, Task>? Prepare { get; set; }

        /// <summary>What a user should look at before trying again, given when the attempt started (a Get-* with -StartTime, a filter).</summary>
        public Func<DateTimeOffset, string>? LookFor { get; set; }
    }

    /// <summary>How the create shape reads a failure: whether the create may have happened, and the error when nobody can tell.</summary>
    internal static class CreateOutcome
    {
        /// <summary>
        /// True when the service may have done the create: no answer within the time (MetaStudio.Timeout), a connection
        /// cut after the request may have reached it, a 5xx or 408 (none says nothing was done), or a 200 that could not
        /// be read. A 4xx, a throttled call (never processed) and a refused connection are known failures.
        /// </summary>
        public static bool IsUnknown(Exception failure)
        {
            if (failure is AggregateException agg && agg.InnerExceptions.Count == 1) failure = agg.InnerException!;
            if (!(failure is MsServiceException ms)) return false;
            switch (ms.ErrorCode)
            {
                case ErrorCodes.Timeout:
                case ErrorCodes.UnexpectedResponse:
                case ErrorCodes.ResponseTooLarge:
                    return true;
                case ErrorCodes.Network:
                    return !Transport.NeverSent(ms.InnerException);
                case ErrorCodes.Throttled:
                    return false;
            }
            return ms.StatusCode >= 500 || ms.StatusCode == 408;
        }

        /// <summary>True for an answer that came but could not be read: the create happened (the error says so already).</summary>
        public static bool AnsweredUnreadably(Exception failure)
            => failure is MsServiceException ms && (ms.ErrorCode == ErrorCodes.UnexpectedResponse || ms.ErrorCode == ErrorCodes.ResponseTooLarge);

        /// <summary>The new object's id in a create's answer (its first field, an id: asset_id, job_id, ...); null when the operation returns none.</summary>
        public static string? IdOf(MsRequest request, MsResponse answer)
        {
            var field = AnswerCheck.CreatedIdField(request.Operation);
            if (field == null || answer.Settled || answer.Body.Length == 0) return null;
            return JsonNode.Parse(answer.Body) is JsonObject o && o[field] is JsonValue v && v.TryGetValue<string>(out var id) ? id : null;
        }

        public static MsServiceException Unknown<T>(Creation<T> c, Exception failure, DateTimeOffset startedAt, Exception? lookupFailure) where T : class
        {
            var ms = failure as MsServiceException;
            var op = c.Request.Operation.Name;
            var attempt = new MsCreateAttempt(op, c.Noun, c.Name, startedAt.ToLocalTime().DateTime, ms?.RequestId, ms?.ErrorCode);
            var named = c.Name != null ? $"{c.Noun} '{c.Name}'" : "the " + c.Noun;
            var why = lookupFailure == null
                ? $"a {c.Noun} has no unique name to look it up by"
                : $"looking it up by name failed as well ({lookupFailure.Message})";
            var look = c.LookFor?.Invoke(startedAt) ?? $"Look for {named} created after {startedAt.ToLocalTime():yyyy-MM-dd HH:mm:ss}";
            return new MsServiceException(
                $"{Capital(named)} may or may not have been created: {failure.Message} It was not sent again, because {why}.",
                ErrorCodes.OutcomeUnknown, ms?.StatusCode ?? 0, ms?.RequestId, op, attempt, failure)
            {
                RecommendedAction = look + " before running the command again: running it again now may create a second one.",
            };
        }

        public static string Capital(string text) => text.Length == 0 ? text : char.ToUpperInvariant(text[0]) + text.Substring(1);
    }
}
