using System;
using System.Collections.Generic;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;

namespace MetaStudio.PowerShell.Core.Spec
{
    /// <summary>
    /// An object node's fields by their UTF-8 wire names, for <see cref="SpecValidator.HasNoMissingOrWrongType"/>: a
    /// property name is matched by its UTF-8 bytes, and each required field has a bit, so one pass over an
    /// answer checks both. Made once per node, on first use.
    /// </summary>
    internal sealed class SpecFieldLookup
    {
        private static readonly ConditionalWeakTable<SpecNode, SpecFieldLookup> Made = new ConditionalWeakTable<SpecNode, SpecFieldLookup>();
        private static readonly SpecFieldLookup TooManyRequired = new SpecFieldLookup(Array.Empty<Field>(), 0);

        internal sealed class Field
        {
            public Field(string name, SpecNode? node, ulong requiredBit)
            {
                Utf8 = Encoding.UTF8.GetBytes(name);
                Node = node;
                RequiredBit = requiredBit;
            }

            public byte[] Utf8 { get; }
            public SpecNode? Node { get; }
            /// <summary>This field's bit among the required ones, or 0.</summary>
            public ulong RequiredBit { get; }
        }

        private readonly Field[] _fields;

        private SpecFieldLookup(Field[] fields, ulong allRequired)
        {
            _fields = fields;
            AllRequired = allRequired;
        }

        /// <summary>Every required field's bit.</summary>
        public ulong AllRequired { get; }

        /// <summary>The lookup of an object node with fields, or null when it requires more fields than bits (the walk then decides).</summary>
        public static SpecFieldLookup? Of(SpecNode spec)
        {
            var made = Made.GetValue(spec, Make);
            return ReferenceEquals(made, TooManyRequired) ? null : made;
        }

        private static SpecFieldLookup Make(SpecNode spec)
        {
            if (spec.Required.Count > 64) return TooManyRequired;
            var fields = new List<Field>();
            ulong all = 0;
            var names = new HashSet<string>(StringComparer.Ordinal);
            foreach (var kv in spec.Fields!)
            {
                names.Add(kv.Key);
                fields.Add(new Field(kv.Key, kv.Value, Bit(spec, kv.Key, ref all)));
            }
            foreach (var required in spec.Required)   // required but not among the fields: only its presence is checked
                if (names.Add(required)) fields.Add(new Field(required, null, Bit(spec, required, ref all)));
            return new SpecFieldLookup(fields.ToArray(), all);
        }

        private static ulong Bit(SpecNode spec, string name, ref ulong all)
        {
            for (var i = 0; i < spec.Required.Count; i++)
                if (spec.Required[i] == name)
                {
                    all |= 1UL << i;
                    return 1UL << i;
                }
            return 0;
        }

        /// <summary>The field a property of the answer names, or null (NameEquals compares the UTF-8 name, escapes decoded).</summary>
        public Field? Find(JsonProperty property)
        {
            foreach (var f in _fields)
                if (property.NameEquals(f.Utf8)) return f;
            return null;
        }
    }
}
