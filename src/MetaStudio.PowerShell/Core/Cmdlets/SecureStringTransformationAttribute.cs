using System.Management.Automation;
using MetaStudio.PowerShell.Core.Auth;

namespace MetaStudio.PowerShell.Core.Cmdlets
{
    /// <summary>
    /// Lets a SecureString parameter also take a plain string (not every host has
    /// ConvertTo-SecureString). The string becomes a SecureString at once and is not kept.
    /// </summary>
    public sealed class SecureStringTransformationAttribute : ArgumentTransformationAttribute
    {
        public override object Transform(EngineIntrinsics engineIntrinsics, object inputData)
        {
            if (inputData is PSObject pso) inputData = pso.BaseObject;
            return inputData is string s ? SecretText.ToSecureString(s) : inputData;
        }
    }
}
