using System.Management.Automation;

namespace MetaStudio.PowerShell.Assets
{
    /// <summary>Brings assets back from the recycle bin to the state they had before removal.</summary>
    [Cmdlet(VerbsData.Restore, "MsAsset", SupportsShouldProcess = true)]
    [OutputType(typeof(MsAssetActionResult))]
    public sealed class RestoreMsAssetCommand : AssetActionCmdlet
    {
        protected override string BatchAction => "RESTORE";
        protected override string SingleOperation => "RestoreAsset";
        protected override string ActionText => "Restore from the recycle bin";
    }
}
