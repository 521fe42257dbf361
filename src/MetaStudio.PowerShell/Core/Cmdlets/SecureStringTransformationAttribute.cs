using System.Management.Automation;
using System.Runtime.CompilerServices;
using System.Security;
using MetaStudio.PowerShell.Core.Auth;

namespace MetaStudio.PowerShell.Core.Cmdlets
{
    /// <summary>
    /// Lets a SecureString parameter also take a plain string (not every host has
    /// ConvertTo-SecureString). The string becomes a SecureString at once and is not kept; the SecureString is
    /// remembered as converted, so the cmdlet warns that the plain text may have been recorded (MsAsyncCmdlet).
    /// </summary>
    internal sealed class SecureStringTransformationAttribute : ArgumentTransformationAttribute
    {
        private static readonly object PlainTextMark = new object();
        private static readonly ConditionalWeakTable<SecureString, object> FromPlainText = new ConditionalWeakTable<SecureString, object>();

        public override object Transform(EngineIntrinsics engineIntrinsics, object inputData)
        {
            if (inputData is PSObject pso) inputData = pso.BaseObject;
            if (!(inputData is string s)) return inputData;
            var secure = SecretText.ToSecureString(s);
            FromPlainText.Add(secure, PlainTextMark);
            return secure;
        }

        /// <summary>True for a SecureString this attribute made from a plain string.</summary>
        internal static bool CameFromPlainText(SecureString value) => FromPlainText.TryGetValue(value, out _);
    }
}
