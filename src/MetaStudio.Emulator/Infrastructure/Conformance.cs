using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Reflection;
using System.Text.Json.Nodes;
using MetaStudio.PowerShell.Core.Catalog;
using MetaStudio.PowerShell.Core.Cmdlets;
using MetaStudio.PowerShell.Core.Spec;

namespace MetaStudio.Emulator.Infrastructure
{
    /// <summary>Something the emulator or a cmdlet did that the official model, or the cmdlet's [MsApi] attribute, does not allow.</summary>
    public sealed record ConformanceViolation(DateTimeOffset Time, string Kind, string Operation, string? Command, string Detail)
    {
        public override string ToString() => $"{Kind} {Operation}{(Command != null ? " from " + Command : "")}: {Detail}";
    }

    /// <summary>
    /// The emulator's self-checks in strict mode: every answer it gives is checked against the official
    /// response model, and every request a module cmdlet sends against that cmdlet's [MsApi] attribute.
    /// A violation is answered loudly (HTTP 500 with an EMU.* code, so the test that caused it fails) and
    /// recorded here and in <see cref="Process"/>, so a whole test run is also a conformance walk.
    /// </summary>
    public sealed class ConformanceLog
    {
        public const string ResponseCode = "EMU.NonConformantResponse";
        public const string UndeclaredCode = "EMU.UndeclaredOperation";

        private readonly ConcurrentQueue<ConformanceViolation> _entries = new();

        /// <summary>Every violation of every emulator in this process.</summary>
        public static ConformanceLog Process { get; } = new();

        public IReadOnlyList<ConformanceViolation> All => _entries.ToArray();

        public void Clear() => _entries.Clear();

        internal void Add(ConformanceViolation violation)
        {
            _entries.Enqueue(violation);
            if (this != Process) Process._entries.Enqueue(violation);
        }

        /// <summary>The violations of an answer the handler is about to send (none when it matches the model).</summary>
        internal static List<SpecViolation> CheckAnswer(Operation op, JsonNode? body)
        {
            var violations = new List<SpecViolation>();
            // An empty answer is checked as an empty object, as the validator documents.
            if (op.Spec != null) SpecValidator.CheckResponse(op.Spec, body ?? new JsonObject(), violations);
            return violations;
        }

        // Cmdlet name -> class, read without the PowerShell engine: a standalone emulator has none, and then
        // the cmdlet classes cannot load and there is nothing to check.
        private static readonly Lazy<Dictionary<string, Type>> Cmdlets = new(() =>
        {
            Type[] types;
            try { types = typeof(MsApiAttribute).Assembly.GetTypes(); }
            catch (ReflectionTypeLoadException ex) { types = ex.Types.OfType<Type>().ToArray(); }
            var map = new Dictionary<string, Type>(StringComparer.OrdinalIgnoreCase);
            foreach (var type in types)
            {
                CustomAttributeData? cmdlet;
                try { cmdlet = type.GetCustomAttributesData().FirstOrDefault(a => a.AttributeType.FullName == "System.Management.Automation.CmdletAttribute"); }
                catch (Exception) { continue; }
                if (cmdlet?.ConstructorArguments.Count >= 2) map[$"{cmdlet.ConstructorArguments[0].Value}-{cmdlet.ConstructorArguments[1].Value}"] = type;
            }
            return map;
        });

        /// <summary>The module cmdlet a User-Agent names ("MetaStudio.PowerShell/1.0 (Get-MsAsset)"), or null.</summary>
        internal static string? CommandOf(string userAgent)
        {
            if (string.IsNullOrEmpty(userAgent)) return null;
            var open = userAgent.LastIndexOf('(');
            var close = userAgent.LastIndexOf(')');
            return open >= 0 && close > open ? userAgent.Substring(open + 1, close - open - 1).Trim() : null;
        }

        /// <summary>False when the User-Agent names a module cmdlet whose [MsApi] attribute does not list this operation.</summary>
        internal static bool IsDeclared(string? command, Operation op)
            => command == null || !Cmdlets.Value.TryGetValue(command, out var type) || MsApiAttribute.Declares(type, op.Name);
    }
}
