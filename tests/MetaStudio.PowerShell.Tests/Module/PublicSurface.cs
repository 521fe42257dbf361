#nullable enable
using System;
using System.Collections.Generic;
using System.Linq;
using System.Reflection;

namespace MetaStudio.PowerShell.Tests.Module
{
    /// <summary>
    /// An assembly's public surface as text, one sorted line per public type and per public or protected member
    /// (what another assembly can see or override; private protected and internal members are not part of it), in
    /// the manner of PublicAPI.Shipped.txt: `PublicSurfaceTests` compares it with the committed file.
    /// </summary>
    public static class PublicSurface
    {
        private const BindingFlags Declared = BindingFlags.DeclaredOnly | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static;

        public static List<string> Of(Assembly assembly) => Of(assembly.GetExportedTypes());

        public static List<string> Of(IEnumerable<Type> types)
        {
            var lines = new List<string>();
            foreach (var type in types)
            {
                lines.Add(TypeLine(type));
                foreach (var member in type.GetMembers(Declared))
                {
                    var line = MemberLine(type, member);
                    if (line != null) lines.Add(line);
                }
            }
            return lines.Distinct().OrderBy(l => l, StringComparer.Ordinal).ToList();
        }

        /// <summary>What changed from the committed lines to the built ones: "+ line" added, "- line" removed, sorted by line.</summary>
        public static List<string> Diff(IEnumerable<string> committed, IEnumerable<string> built)
        {
            var before = new HashSet<string>(committed, StringComparer.Ordinal);
            var after = new HashSet<string>(built, StringComparer.Ordinal);
            return after.Where(l => !before.Contains(l)).Select(l => (Line: l, Text: "+ " + l))
                .Concat(before.Where(l => !after.Contains(l)).Select(l => (Line: l, Text: "- " + l)))
                .OrderBy(d => d.Line, StringComparer.Ordinal).Select(d => d.Text).ToList();
        }

        private static string TypeLine(Type type)
        {
            string kind = type.IsEnum ? "enum" : type.IsInterface ? "interface" : type.IsValueType ? "struct"
                : typeof(Delegate).IsAssignableFrom(type) ? "delegate"
                : type.IsAbstract && type.IsSealed ? "static class" : type.IsAbstract ? "abstract class" : type.IsSealed ? "sealed class" : "class";
            var bases = new List<string>();
            if (type.BaseType != null && !type.IsEnum && !type.IsValueType && type.BaseType != typeof(object)) bases.Add(Name(type.BaseType));
            bases.AddRange(type.GetInterfaces().Where(i => i.IsPublic || i.IsNestedPublic).Select(Name).OrderBy(n => n, StringComparer.Ordinal));
            return $"{Name(type)} ({kind})" + (bases.Count > 0 ? " : " + string.Join(", ", bases) : "");
        }

        private static string? MemberLine(Type type, MemberInfo member)
        {
            var owner = Name(type);
            switch (member)
            {
                case ConstructorInfo c when Visible(c):
                    return $"{owner}.{(c.IsStatic ? ".cctor" : ".ctor")}({Parameters(c)}){Access(c)}";
                case MethodInfo m when Visible(m) && !m.IsSpecialName || m is { IsSpecialName: true } && m.Name.StartsWith("op_", StringComparison.Ordinal) && Visible(m):
                    var generic = m.IsGenericMethodDefinition ? "<" + string.Join(", ", m.GetGenericArguments().Select(a => a.Name)) + ">" : "";
                    return $"{owner}.{m.Name}{generic}({Parameters(m)}) -> {Name(m.ReturnType)}{Access(m)}{Modifiers(m)}";
                case PropertyInfo p:
                    var accessors = new[] { ("get", p.GetMethod), ("set", p.SetMethod) }
                        .Where(a => a.Item2 != null && Visible(a.Item2))
                        .Select(a => (Access(a.Item2!) == Access(Primary(p)!) ? "" : Access(a.Item2!).Trim() + " ") + (a.Item1 == "set" && IsInit(a.Item2!) ? "init" : a.Item1) + ";")
                        .ToList();
                    if (accessors.Count == 0) return null;
                    var index = p.GetIndexParameters();
                    var name = index.Length > 0 ? "this[" + string.Join(", ", index.Select(i => Name(i.ParameterType))) + "]" : p.Name;
                    return $"{owner}.{name} {{ {string.Join(" ", accessors)} }} -> {Name(p.PropertyType)}{Access(Primary(p)!)}{Modifiers(Primary(p)!)}";
                case FieldInfo f when Visible(f) && !f.IsSpecialName:
                    var value = f.IsLiteral && !type.IsEnum ? " = " + Literal(f.GetRawConstantValue()) : type.IsEnum ? " = " + Convert.ToInt64(f.GetRawConstantValue(), System.Globalization.CultureInfo.InvariantCulture).ToString(System.Globalization.CultureInfo.InvariantCulture) : "";
                    var fieldKind = f.IsLiteral ? " const" : (f.IsStatic ? " static" : "") + (f.IsInitOnly ? " readonly" : "");
                    return $"{owner}.{f.Name} -> {Name(f.FieldType)}{value}{(f.IsFamily || f.IsFamilyOrAssembly ? " (protected)" : "")}{(type.IsEnum ? "" : fieldKind)}";
                case EventInfo e when e.AddMethod != null && Visible(e.AddMethod):
                    return $"{owner}.{e.Name} (event) -> {Name(e.EventHandlerType!)}{Access(e.AddMethod)}";
                default:
                    return null;
            }
        }

        private static MethodInfo? Primary(PropertyInfo p)
            => new[] { p.GetMethod, p.SetMethod }.Where(m => m != null && Visible(m)).OrderBy(m => m!.IsPublic ? 0 : 1).FirstOrDefault();

        private static bool IsInit(MethodInfo setter)
            => setter.ReturnParameter.GetRequiredCustomModifiers().Any(t => t.FullName == "System.Runtime.CompilerServices.IsExternalInit");

        /// <summary>Public, protected or protected internal: what code in another assembly can reach.</summary>
        private static bool Visible(MethodBase m) => m.IsPublic || m.IsFamily || m.IsFamilyOrAssembly;

        private static bool Visible(FieldInfo f) => f.IsPublic || f.IsFamily || f.IsFamilyOrAssembly;

        private static string Access(MethodBase m) => m.IsPublic ? "" : " (protected)";

        private static string Modifiers(MethodInfo m)
        {
            if (m.IsStatic) return " static";
            if (m.IsAbstract) return " abstract";
            if (m.IsVirtual && !m.IsFinal) return m.GetBaseDefinition() != m ? " override" : " virtual";
            return m.IsVirtual && m.GetBaseDefinition() != m ? " override sealed" : "";
        }

        private static string Parameters(MethodBase m)
            => string.Join(", ", m.GetParameters().Select(p =>
                (p.IsOut ? "out " : p.ParameterType.IsByRef ? "ref " : "") + Name(p.ParameterType) + " " + p.Name
                + (p.HasDefaultValue ? " = " + Literal(p.DefaultValue) : "")));

        private static string Literal(object? value) => value switch
        {
            null => "null",
            string s => "\"" + s + "\"",
            bool b => b ? "true" : "false",
            IFormattable f => f.ToString(null, System.Globalization.CultureInfo.InvariantCulture),
            _ => value.ToString() ?? "",
        };

        /// <summary>A type as C# writes it, with namespaces, so a type moving namespace shows as a change.</summary>
        public static string Name(Type t)
        {
            if (t.IsByRef) return Name(t.GetElementType()!);
            if (t.IsArray) return Name(t.GetElementType()!) + "[" + new string(',', t.GetArrayRank() - 1) + "]";
            if (t.IsGenericParameter) return t.Name;
            if (Nullable.GetUnderlyingType(t) is Type inner) return Name(inner) + "?";
            var name = t.IsNested ? Name(t.DeclaringType!) + "." + t.Name : (t.Namespace == null ? "" : t.Namespace + ".") + t.Name;
            var tick = name.IndexOf('`', StringComparison.Ordinal);
            if (tick >= 0) name = name.Substring(0, tick);
            if (!t.IsGenericType) return name;
            var args = t.GetGenericArguments();
            if (t.IsNested) args = args.Skip(t.DeclaringType!.GetGenericArguments().Length).ToArray();
            return args.Length == 0 ? name : name + "<" + string.Join(", ", args.Select(Name)) + ">";
        }
    }
}
