using System;
using System.Collections.Generic;
using System.Diagnostics.CodeAnalysis;
using System.Linq;
using MetaStudio.PowerShell.Core.Catalog;

namespace MetaStudio.Emulator.Infrastructure
{
    /// <summary>Matches a request to a catalog operation by method and path template.</summary>
    internal sealed class OperationRouter
    {
        private readonly List<(Operation Op, string[] Segments)> _routes;

        public OperationRouter(IEnumerable<Operation> operations)
        {
            // Literal segments beat placeholders, so /digital-assets/batch-action never reads as an asset id.
            _routes = operations
                .Select(o => (o, o.PathTemplate.Trim('/').Split('/')))
                .OrderByDescending(r => r.Item2.Count(s => !s.StartsWith('{')))
                .ToList();
        }

        public bool TryMatch(string method, string decodedPath, [NotNullWhen(true)] out Operation? operation, [NotNullWhen(true)] out Dictionary<string, string>? values)
        {
            var parts = decodedPath.Trim('/').Split('/');
            foreach (var (op, segments) in _routes)
            {
                if (!string.Equals(op.Method, method, StringComparison.OrdinalIgnoreCase) || segments.Length != parts.Length) continue;
                var captured = new Dictionary<string, string>(StringComparer.Ordinal);
                var ok = true;
                for (var i = 0; i < segments.Length && ok; i++)
                {
                    if (segments[i].StartsWith('{')) captured[segments[i].Trim('{', '}')] = parts[i];
                    else ok = string.Equals(segments[i], parts[i], StringComparison.Ordinal);
                }
                if (ok)
                {
                    operation = op;
                    values = captured;
                    return true;
                }
            }
            operation = null;
            values = null;
            return false;
        }

        /// <summary>True when some operation has this path under another method (for 405-style answers).</summary>
        public bool PathExists(string decodedPath)
            => _routes.Any(r => TryMatch(r.Op.Method, decodedPath, out _, out _));
    }
}
