#nullable enable
using System;
using System.Net.Http;
using System.Reflection;
using System.Threading;

namespace MetaStudio.PowerShell.Core.Http.Pipeline
{
    /// <summary>
    /// When the transport may send a request synchronously (its answer's body, normally received with the headers, is then
    /// read at once), so that a record that makes one request ends on the thread that started it: every async step above
    /// the transport completes at once and the pipeline thread finds the item done, with no thread hand-off (issue 13).
    /// <para>
    /// The pipeline thread opens a scope (<see cref="Enter"/>) around the synchronous start of an item that runs alone
    /// (MsAsyncCmdlet: not a bulk item with others in flight, not a file transfer). The scope is thread-bound and ends
    /// when the start returns, so any await that has already hopped (a limiter wait, a token refresh, a backoff) finds it
    /// closed and the call stays async. Work that wants several requests in flight at once (job polls) closes it first
    /// (<see cref="Forgo"/>), or a synchronous send would hold the others back.
    /// </para>
    /// </summary>
    internal static class InlineSend
    {
        [ThreadStatic]
        private static bool t_allowed;

        /// <summary>
        /// HttpClient.Send(request, completion option, token), .NET 5 and later, found once; null where it does not exist
        /// (.NET Framework: Windows PowerShell keeps the async path). The module is built for netstandard2.0, which does not name it.
        /// </summary>
        internal static readonly Func<HttpClient, HttpRequestMessage, HttpCompletionOption, CancellationToken, HttpResponseMessage>? HttpSend = FindHttpSend();

        /// <summary>True while this thread runs the synchronous start of an item that may finish inline.</summary>
        public static bool Allowed => t_allowed;

        /// <summary>
        /// Opens the scope on this thread (or, with <paramref name="allowed"/> false, keeps it closed) until the returned
        /// value is disposed, which brings the previous state back.
        /// </summary>
        public static Scope Enter(bool allowed = true)
        {
            var prior = t_allowed;
            t_allowed = allowed;
            return new Scope(prior);
        }

        /// <summary>
        /// Closes the scope for the rest of this thread's synchronous stretch: called by work that keeps several requests
        /// in flight together. The scope's owner restores its state when the start returns.
        /// </summary>
        public static void Forgo() => t_allowed = false;

        internal readonly struct Scope : IDisposable
        {
            private readonly bool _prior;

            internal Scope(bool prior) => _prior = prior;

            public void Dispose() => t_allowed = _prior;
        }

        private static Func<HttpClient, HttpRequestMessage, HttpCompletionOption, CancellationToken, HttpResponseMessage>? FindHttpSend()
        {
            try
            {
                var method = typeof(HttpClient).GetMethod("Send", BindingFlags.Public | BindingFlags.Instance, null,
                    new[] { typeof(HttpRequestMessage), typeof(HttpCompletionOption), typeof(CancellationToken) }, null);
                if (method == null || method.ReturnType != typeof(HttpResponseMessage)) return null;
                return (Func<HttpClient, HttpRequestMessage, HttpCompletionOption, CancellationToken, HttpResponseMessage>)Delegate.CreateDelegate(
                    typeof(Func<HttpClient, HttpRequestMessage, HttpCompletionOption, CancellationToken, HttpResponseMessage>), null, method);
            }
            catch (Exception ex) when (ex is ArgumentException || ex is MemberAccessException || ex is AmbiguousMatchException)
            {
                return null;   // a runtime that has it in another shape: the async path works everywhere
            }
        }
    }
}
