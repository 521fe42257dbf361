using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;

namespace MetaStudio.Emulator.Infrastructure
{
    /// <summary>One request as the emulator saw it; Body is the JSON text of a catalog operation's request (null when empty).</summary>
    public sealed record LoggedRequest(DateTimeOffset Time, string Method, string Path, string? Query, string? Operation,
        int Status, string? ErrorCode, string? AccessKey, IReadOnlyDictionary<string, string> Headers, string? Body = null)
    {
        /// <summary>The request came in proxy form (an absolute URI as its target): the client sent it to a proxy.</summary>
        public bool ViaProxy { get; init; }
        /// <summary>The user of its Proxy-Authorization, when it had one (the password is never logged).</summary>
        public string? ProxyUser { get; init; }
    }

    /// <summary>Every request the emulator received, for tests that must prove what was (not) sent.</summary>
    public sealed class RequestLog
    {
        private readonly ConcurrentQueue<LoggedRequest> _entries = new();

        public void Add(LoggedRequest entry) => _entries.Enqueue(entry);

        public IReadOnlyList<LoggedRequest> All => _entries.ToArray();

        public int Count(string operation) => _entries.Count(e => e.Operation == operation);

        public void Clear() => _entries.Clear();
    }
}
