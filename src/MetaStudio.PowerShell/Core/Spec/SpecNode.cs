using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;

namespace MetaStudio.PowerShell.Core.Spec
{
    /// <summary>
    /// One node of a request or response tree of the official client: its JSON type, the SDK model
    /// it is, the wire names of its fields (object), its item (array), the fields it requires and the
    /// values its enum lists. A node read from the spec is never changed.
    /// </summary>
    internal sealed class SpecNode
    {
        private static readonly IReadOnlyList<string> None = Array.Empty<string>();

        private SpecNode(string type, string? model, IReadOnlyDictionary<string, SpecNode>? fields, IReadOnlyList<string>? required,
            SpecNode? items, IReadOnlyList<string>? enumValues, string? enumModel)
        {
            Type = type;
            Model = model;
            Fields = fields;
            Required = required ?? None;
            Items = items;
            Enum = enumValues;
            EnumModel = enumModel;
        }

        /// <summary>object, array, string, number, boolean or any.</summary>
        public string Type { get; }
        /// <summary>The SDK model name (objects), e.g. VideoConfig.</summary>
        public string? Model { get; }
        /// <summary>Wire name → field, in the spec's order; null for an object whose fields the SDK leaves open.</summary>
        public IReadOnlyDictionary<string, SpecNode>? Fields { get; }
        /// <summary>Wire names of the fields the model requires.</summary>
        public IReadOnlyList<string> Required { get; }
        /// <summary>The item node of an array.</summary>
        public SpecNode? Items { get; }
        /// <summary>The values the model lists, or null when the value is not an enumeration the SDK lists.</summary>
        public IReadOnlyList<string>? Enum { get; }
        /// <summary>An enum type the SDK names without listing its values; such values are not checked.</summary>
        public string? EnumModel { get; }

        public bool IsObject => Type == "object";
        public bool IsArray => Type == "array";
        /// <summary>An object whose fields are open (the SDK types it as a plain object).</summary>
        public bool IsOpenObject => IsObject && Fields == null;

        /// <summary>A name for messages: the model, or the type.</summary>
        public string Describe() => Model ?? (IsArray && Items != null ? "array of " + Items.Describe() : Type);

        public override string ToString() => Describe();

        internal static SpecNode? Read(JsonElement e)
        {
            if (e.ValueKind != JsonValueKind.Object) return null;
            var type = Text(e, "type") ?? "any";
            var model = Text(e, "model");
            Dictionary<string, SpecNode>? fields = null;
            if (e.TryGetProperty("fields", out var f) && f.ValueKind == JsonValueKind.Object)
            {
                fields = new Dictionary<string, SpecNode>(StringComparer.Ordinal);
                foreach (var p in f.EnumerateObject()) fields[p.Name] = Read(p.Value) ?? throw new InvalidDataException($"The API spec's field '{p.Name}' is not an object.");
            }
            var items = e.TryGetProperty("items", out var i) ? Read(i) : null;
            return new SpecNode(type, model, fields, Strings(e, "required"), items, Strings(e, "enum"), Text(e, "enum_model"));
        }

        internal static string? Text(JsonElement e, string name)
            => e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;

        internal static IReadOnlyList<string>? Strings(JsonElement e, string name)
            => e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Array
                ? v.EnumerateArray().Select(x => x.ValueKind == JsonValueKind.String ? x.GetString()! : x.ToString()).ToArray() // GetString is null only for a JSON null
                : null;
    }
}
