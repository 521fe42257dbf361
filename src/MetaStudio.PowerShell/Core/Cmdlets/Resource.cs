using System;
using System.Collections.Generic;
using System.Text.Json;
using System.Text.Json.Nodes;
using MetaStudio.PowerShell.Core.Catalog;
using MetaStudio.PowerShell.Core.Http;
using MetaStudio.PowerShell.Core.Json;
using MetaStudio.PowerShell.Core.Spec;

#nullable enable

namespace MetaStudio.PowerShell.Core.Cmdlets
{
    /// <summary>
    /// One kind of service object as the shared cmdlet shapes need it (MsCmdlet: WriteShown, ShouldChange, Remove): what
    /// messages call it, how one is read by id, and its name, which confirmations show as "kind 'name' (id)". Each group
    /// declares its objects once in its *Api class.
    /// </summary>
    internal sealed class Resource<T> where T : class
    {
        private readonly Func<string, MsRequest> _show;
        private readonly Func<T, string?> _nameOf;

        public Resource(string noun, Func<string, MsRequest> show, Func<T, string?> nameOf)
        {
            Noun = noun;
            _show = show;
            _nameOf = nameOf;
        }

        /// <summary>"asset", "live room", ...: how messages call one.</summary>
        public string Noun { get; }

        /// <summary>The request that reads one by id.</summary>
        public MsRequest Show(string id) => _show(id);

        public string? NameOf(T item) => _nameOf(item);
    }

    /// <summary>
    /// The set shape where the API replaces the whole object (read, merge, write): the object as read back, in the
    /// update operation's body model (what only the service sets, such as ids, times and URLs, is left out), with the
    /// changes over it. Changes are checked first with MsCmdlet.CheckBody(..., partial: true).
    /// </summary>
    internal static class ReadMergeWrite
    {
        public static JsonObject Merge(MsResponse shown, OperationId update, IEnumerable<KeyValuePair<string, object?>> changes)
        {
            // An answer with no object to read back (never seen) merges the changes over nothing rather than failing.
            var body = SpecValidator.KnownPart(JsonNode.Parse(shown.Body), OperationCatalog.SpecOf(update).Body) as JsonObject ?? new JsonObject();
            foreach (var change in changes)
                body[change.Key] = change.Value is JsonNode node ? node.DeepClone() : JsonSerializer.SerializeToNode(change.Value, MsJson.Options);
            return body;
        }

        public static JsonObject Merge(MsResponse shown, OperationId update, JsonObject changes)
        {
            var list = new List<KeyValuePair<string, object?>>();
            foreach (var change in changes) list.Add(new KeyValuePair<string, object?>(change.Key, change.Value));
            return Merge(shown, update, list);
        }
    }
}
