using System;
using System.Linq;
using MetaStudio.PowerShell.Core.Catalog;
using MetaStudio.Emulator;
using MetaStudio.Emulator.Infrastructure;

namespace MetaStudio.PowerShell.Tests.Session
{
    internal static class SessionTestKit
    {
        public static string PasswordConnect(EmulatorHost emu, string extra = "")
            => $"$sec = [securestring]::new(); '{EmulatorOptions.DefaultPassword}'.ToCharArray() | ForEach-Object {{ $sec.AppendChar($_) }}; " +
               $"$c = [pscredential]::new('{EmulatorOptions.DefaultUser}', $sec); " +
               $"$MsSession = Connect-MsService -Region cn-north-4 -Endpoint '{emu.BaseUri}' -Credential $c -DomainName {EmulatorOptions.DefaultDomain} {extra}; $MsSession";

        public static string TemporaryConnect(EmulatorHost emu, bool withToken = true, string extra = "")
            => $"$MsSession = Connect-MsService -Region cn-north-4 -Endpoint '{emu.BaseUri}' -AccessKey {EmulatorOptions.TemporaryAccessKey} -SecretKey '{EmulatorOptions.TemporarySecretKey}' " +
               (withToken ? $"-SecurityToken '{EmulatorOptions.TemporarySecurityToken}' " : "") + extra + "; $MsSession";

        public static void AddAssetHandlers(EmulatorHost emu)
        {
            emu.Handlers.Add(OperationId.ShowAsset, r => r.Route["asset_id"] == "missing"
                ? throw EmuError.NotFound("MSS.10001001", "The asset does not exist.")
                : EmuResponse.Ok(new { asset_id = r.Route["asset_id"] }));
            emu.Handlers.Add(OperationId.ListAssets, r => EmuResponse.Ok(new { count = 0, assets = Array.Empty<object>() }));
        }

        public static int Count(EmulatorHost emu, string method, string path) => emu.Log.All.Count(e => e.Method == method && e.Path == path);
    }
}
