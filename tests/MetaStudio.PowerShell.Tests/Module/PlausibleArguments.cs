using System;
using System.Collections;
using System.IO;
using System.Linq;
using System.Management.Automation;
using System.Reflection;
using System.Security;

namespace MetaStudio.PowerShell.Tests.Module
{
    /// <summary>
    /// Arguments that bind, made from a parameter's metadata alone (type, ValidateSet, ValidateRange, name), so the
    /// module-wide gates (-WhatIf, bad input) run every exported cmdlet without a table of its parameters.
    /// Paths and files name <c>tempFile</c>, an existing small file.
    /// </summary>
    public static class PlausibleArguments
    {
        /// <summary>A plausible argument from the parameter's type and validation attributes.</summary>
        public static object? ValueFor(ParameterMetadata p, string tempFile)
        {
            var attrs = p.Attributes;
            var set = attrs.OfType<ValidateSetAttribute>().FirstOrDefault();
            var range = attrs.OfType<ValidateRangeAttribute>().FirstOrDefault();
            var type = p.ParameterType;
            var element = type.IsArray ? type.GetElementType()! : type;   // an array type has an element type
            object? one;
            if (set != null) one = set.ValidValues[0];
            else one = Scalar(element, p.Name, range, tempFile);
            if (!type.IsArray) return one;
            var array = Array.CreateInstance(element, 1);
            array.SetValue(one is PSObject pso ? pso.BaseObject : one, 0);
            return array;
        }

        private static object? Scalar(Type t, string name, ValidateRangeAttribute? range, string tempFile)
        {
            if (t == typeof(SwitchParameter)) return new SwitchParameter(true);
            if (t == typeof(bool)) return true;
            if (t == typeof(int) || t == typeof(long) || t == typeof(double) || t == typeof(float) || t == typeof(decimal) || t == typeof(short))
                return Convert.ChangeType(range?.MinRange ?? 1, t, System.Globalization.CultureInfo.InvariantCulture);
            if (t == typeof(FileInfo)) return new FileInfo(tempFile);
            if (t == typeof(DirectoryInfo)) return new DirectoryInfo(Path.GetTempPath());
            if (t == typeof(Uri)) return new Uri("https://example.com/media/abc123.mp4");
            if (t == typeof(DateTime)) return DateTime.UtcNow.AddDays(1);
            if (t == typeof(DateTimeOffset)) return DateTimeOffset.UtcNow.AddDays(1);
            if (t == typeof(TimeSpan)) return TimeSpan.FromSeconds(1);
            if (t == typeof(SecureString)) return Secret();
            if (t == typeof(PSCredential)) return new PSCredential("user", Secret());
            if (t == typeof(ScriptBlock)) return ScriptBlock.Create("");
            if (t == typeof(Hashtable) || t == typeof(IDictionary)) return new Hashtable { ["name"] = "abc123" };
            if (t == typeof(MsSession)) return null;
            if (t.IsEnum) return Enum.GetValues(t).GetValue(0);
            if (t == typeof(string) || t == typeof(object) || t == typeof(PSObject))
            {
                if (name.EndsWith("Path", StringComparison.OrdinalIgnoreCase) || name.EndsWith("File", StringComparison.OrdinalIgnoreCase)) return tempFile;
                if (name.EndsWith("Url", StringComparison.OrdinalIgnoreCase) || name.EndsWith("Uri", StringComparison.OrdinalIgnoreCase)) return "https://example.com/media/abc123.mp4";
                return "abc123";
            }
            // A model object (an -InputObject): made with its parameterless constructor, ids filled in.
            var ctor = t.GetConstructor(Type.EmptyTypes);
            if (ctor == null) return "abc123";
            var obj = ctor.Invoke(null);
            foreach (var prop in t.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(pr => pr.CanWrite && pr.PropertyType == typeof(string)))
                prop.SetValue(obj, "abc123");
            return obj;
        }

        private static SecureString Secret()
        {
            var s = new SecureString();
            foreach (var ch in "abc123") s.AppendChar(ch);
            return s;
        }
    }
}
