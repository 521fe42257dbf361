using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Text.Json;

namespace MetaStudio.PowerShell.Core.Model
{
    /// <summary>
    /// The official response models (SDK model names, e.g. DigitalAssetInfo) a type reads. A test checks
    /// that every JSON name the type reads is a field of one of them, so output types read only official
    /// names; fields they do not model stay in AdditionalProperties. Reading a response into a type
    /// without this attribute is refused, so no type escapes the check.
    /// </summary>
    [AttributeUsage(AttributeTargets.Class, AllowMultiple = false, Inherited = false)]
    internal sealed class WireModelAttribute : Attribute
    {
        public WireModelAttribute(params string[] models) => Models = models ?? Array.Empty<string>();

        public IReadOnlyList<string> Models { get; }

        private static readonly ConcurrentDictionary<Type, bool> Checked = new ConcurrentDictionary<Type, bool>();

        /// <summary>Throws when <paramref name="type"/> reads a response but names no official model.</summary>
        internal static void Require(Type type)
        {
            if (Checked.GetOrAdd(type, t => IsDefined(t, typeof(WireModelAttribute)) || IsLoose(t))) return;
            throw new InvalidOperationException($"{type.FullName} reads a MetaStudio response but has no [WireModel] naming the official model it reads.");
        }

        // Untyped reads (a dictionary, a JSON element) keep whatever the service sends.
        private static bool IsLoose(Type t) => t == typeof(JsonElement) || t == typeof(object) || t == typeof(Dictionary<string, object>);
    }
}
