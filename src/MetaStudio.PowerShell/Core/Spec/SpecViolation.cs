using System;
using System.Collections.Generic;
using System.Linq;

namespace MetaStudio.PowerShell.Core.Spec
{
    internal enum SpecViolationKind
    {
        /// <summary>A body field the model does not have.</summary>
        UnknownField,
        /// <summary>A field the model requires is missing (or null).</summary>
        MissingField,
        /// <summary>A value outside the values the model lists.</summary>
        NotInEnum,
        /// <summary>A value of another JSON type than the model's.</summary>
        WrongType,
        /// <summary>A query parameter the operation does not have.</summary>
        UnknownQuery,
        /// <summary>A query parameter the operation requires is missing.</summary>
        MissingQuery,
        /// <summary>The operation requires a body and none was given.</summary>
        MissingBody,
        /// <summary>A body for an operation that takes none.</summary>
        UnexpectedBody,
    }

    /// <summary>One way a request or response differs from the official model.</summary>
    internal sealed class SpecViolation
    {
        internal SpecViolation(SpecViolationKind kind, string path, string? field, string message, IReadOnlyList<string>? allowed = null)
        {
            Kind = kind;
            Path = path;
            Field = field;
            Message = message;
            Allowed = allowed ?? Array.Empty<string>();
        }

        public SpecViolationKind Kind { get; }
        /// <summary>Where: a JSON path such as $.video_config.codec, or ?name for a query parameter.</summary>
        public string Path { get; }
        /// <summary>The wire name of the field or query parameter.</summary>
        public string? Field { get; }
        /// <summary>The names or values the model allows there (empty when that is not the point).</summary>
        public IReadOnlyList<string> Allowed { get; }
        public string Message { get; }

        public override string ToString() => Message;
    }

    /// <summary>
    /// A request the module refused to send because it does not match the official model; nothing was
    /// sent. The message lists every violation with its JSON path and what is allowed there.
    /// </summary>
    internal sealed class SpecViolationException : ArgumentException
    {
        public SpecViolationException(string operation, IReadOnlyList<SpecViolation> violations)
            : base(Describe(operation, violations))
        {
            Operation = operation;
            Violations = violations;
        }

        public string Operation { get; }
        public IReadOnlyList<SpecViolation> Violations { get; }

        private static string Describe(string operation, IReadOnlyList<SpecViolation> violations)
        {
            var text = $"The {operation} request does not match the MetaStudio API, so it was not sent: "
                + string.Join(" ", violations.Select(v => v.Message));
            if (violations.Any(v => v.Kind == SpecViolationKind.UnknownField || v.Kind == SpecViolationKind.UnknownQuery || v.Kind == SpecViolationKind.NotInEnum))
                text += " (To send names or values newer than the module's API description, connect with Connect-MsService -AllowUnknownFields.)";
            return text;
        }
    }
}
