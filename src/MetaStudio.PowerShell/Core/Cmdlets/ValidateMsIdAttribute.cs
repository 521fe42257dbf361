using System.Collections;
using System.Management.Automation;
using System.Text.RegularExpressions;

namespace MetaStudio.PowerShell.Core.Cmdlets
{
    /// <summary>
    /// Rejects ids that cannot be MetaStudio ids (empty, path characters, '..') before any request
    /// is made, with a message that names the parameter's rule.
    /// </summary>
    internal sealed class ValidateMsIdAttribute : ValidateArgumentsAttribute
    {
        private static readonly Regex Shape = new Regex(@"^[A-Za-z0-9][A-Za-z0-9_\-\.]{0,127}$", RegexOptions.Compiled);

        public static bool IsValid([System.Diagnostics.CodeAnalysis.NotNullWhen(true)] string? id) => id != null && Shape.IsMatch(id) && !id.Contains("..");

        protected override void Validate(object arguments, EngineIntrinsics engineIntrinsics)
        {
            if (arguments is PSObject pso) arguments = pso.BaseObject;
            if (arguments is string s)
            {
                Check(s);
                return;
            }
            if (arguments is IEnumerable seq)
            {
                foreach (var item in seq) Check(item is PSObject p ? p.BaseObject as string : item as string);
                return;
            }
            Check(arguments?.ToString());
        }

        private static void Check(string? id)
        {
            if (!IsValid(id))
                throw new ValidationMetadataException(
                    $"'{id}' is not a valid MetaStudio id: an id is 1 to 128 letters, digits, '-', '_' or '.', starts with a letter or digit, and has no '..'.");
        }
    }
}
