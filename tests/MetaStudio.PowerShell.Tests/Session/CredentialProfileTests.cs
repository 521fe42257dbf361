using System;
using System.IO;
using System.Linq;
using System.Runtime.InteropServices;
using MetaStudio.Emulator;
using MetaStudio.PowerShell.Session;
using MetaStudio.PowerShell.Tests.Infrastructure;
using Xunit;
using static MetaStudio.PowerShell.Tests.Session.SessionTestKit;

namespace MetaStudio.PowerShell.Tests.Session
{
    /// <summary>Named profiles: Set/Get/Remove-MsCredentialProfile and Connect-MsService -ProfileName, against the emulator.</summary>
    public class CredentialProfileTests : IClassFixture<EmulatorFixture>, IDisposable
    {
        private readonly EmulatorHost _emu;
        private readonly TempFolder _temp = new();
        private readonly string _file;
        private readonly string _q;

        public CredentialProfileTests(EmulatorFixture f)
        {
            _emu = f.Emulator;
            AddAssetHandlers(_emu);
            _file = _temp.File("credentials");
            _q = TempFolder.Quote(_file);
        }

        public void Dispose() => _temp.Dispose();

        private string SetProfile(string name, string extra = "")
            => $"$sec = [securestring]::new(); '{EmulatorOptions.DefaultSecretKey}'.ToCharArray() | ForEach-Object {{ $sec.AppendChar($_) }}; " +
               $"Set-MsCredentialProfile -ProfileName {name} -AccessKey {EmulatorOptions.DefaultAccessKey} -SecretKey $sec -CredentialsFile {_q} {extra}";

        [Fact]
        public void A_profile_written_by_Set_connects_and_signs_and_no_stream_shows_its_secret()
        {
            using var ps = new PsSession(_emu, connect: false);
            var r = ps.Run("$VerbosePreference = 'Continue'; " + SetProfile("ci", $"-Region cn-east-3 -Endpoint '{_emu.BaseUri}'") + "; " +
                           $"Get-MsCredentialProfile -CredentialsFile {_q} | Out-Host; " +
                           $"$s = Connect-MsService -ProfileName ci -CredentialsFile {_q}; $s; Get-MsSession | Out-Host; " +
                           InvokeMsTestCallCommand.ImportScript + "Invoke-MsTestCall ShowAsset a1").AssertNoErrors();
            var written = r.All<object>().OfType<MsCredentialProfile>().Single();
            Assert.Equal(("ci", "AccessKey", EmulatorOptions.DefaultAccessKey, "cn-east-3"), (written.ProfileName, written.Kind, written.AccessKey, written.Region));
            Assert.Empty(r.Warnings); // a SecureString secret: no plain-text warning
            var session = r.All<object>().OfType<MsSession>().Single();
            Assert.Equal("File:ci", session.CredentialSource);
            Assert.Equal("cn-east-3", session.Region);                   // from the profile
            Assert.Equal(_emu.BaseUri, session.Endpoint);                // metastudio_endpoint of the profile
            Assert.Equal(EmulatorOptions.ProjectIdFor("cn-east-3"), session.ProjectId);
            var call = _emu.Log.All.Last(e => e.Operation == "ShowAsset");
            Assert.Equal((200, EmulatorOptions.DefaultAccessKey), (call.Status, call.AccessKey));
            Assert.Contains(r.Verbose, v => v.Contains("chosen") && v.Contains("[ci]"));
            Assert.Contains("File:ci", r.HostText);                      // Get-MsSession shows the source
            Assert.Contains("AccessKey", r.HostText);                    // the profile table
            Assert.DoesNotContain(EmulatorOptions.DefaultSecretKey, r.EverythingAsText);
            Assert.DoesNotContain(EmulatorOptions.DefaultSecretKey, string.Join(" ", written.GetType().GetProperties().Select(p => p.GetValue(written))));
            // The secret is in the file, where the SDKs expect it.
            Assert.Contains("sk = " + EmulatorOptions.DefaultSecretKey, File.ReadAllText(_file));
        }

        [Fact]
        public void A_missing_profile_or_file_is_an_error_naming_them_and_nothing_is_sent()
        {
            using var ps = new PsSession(_emu, connect: false);
            var before = _emu.Log.All.Count;
            var noFile = ps.Run($"Connect-MsService -Region cn-north-4 -Endpoint '{_emu.BaseUri}' -ProfileName ci -CredentialsFile {_q}");
            var e1 = Assert.Single(noFile.AllErrors);
            Assert.StartsWith("MetaStudio.CredentialsFileNotFound", e1.FullyQualifiedErrorId);
            Assert.Contains(_file, e1.Exception.Message);

            ps.Run(SetProfile("other")).AssertNoErrors();
            var noProfile = ps.Run($"Connect-MsService -Region cn-north-4 -Endpoint '{_emu.BaseUri}' -ProfileName ci -CredentialsFile {_q}");
            var e2 = Assert.Single(noProfile.AllErrors);
            Assert.StartsWith("MetaStudio.ProfileNotFound", e2.FullyQualifiedErrorId);
            Assert.Contains("[ci]", e2.Exception.Message);
            Assert.Contains("[other]", e2.Exception.Message);
            Assert.Equal(before, _emu.Log.All.Count);
            Assert.Empty(noProfile.Output);
        }

        [Fact]
        public void A_malformed_line_stops_the_connect_with_the_file_and_line()
        {
            File.WriteAllText(_file, $"[basic]\nak = {EmulatorOptions.DefaultAccessKey}\nsk {EmulatorOptions.DefaultSecretKey}\n");
            using var ps = new PsSession(_emu, connect: false);
            var before = _emu.Log.All.Count;
            var r = ps.Run($"Connect-MsService -Region cn-north-4 -Endpoint '{_emu.BaseUri}' -CredentialsFile {_q}");
            var error = Assert.Single(r.AllErrors);
            Assert.StartsWith("MetaStudio.CredentialsFileInvalid", error.FullyQualifiedErrorId);
            Assert.Equal(System.Management.Automation.ErrorCategory.InvalidData, error.CategoryInfo.Category);
            Assert.Contains($"'{_file}', line 3", error.Exception.Message);
            Assert.DoesNotContain(EmulatorOptions.DefaultSecretKey, r.EverythingAsText);
            Assert.Equal(before, _emu.Log.All.Count);
        }

        [Fact]
        public void A_profile_without_keys_is_an_error_that_says_what_is_missing()
        {
            File.WriteAllText(_file, "[ci]\nAK = X\nregion = cn-north-4\n");
            using var ps = new PsSession(_emu, connect: false);
            var r = ps.Run($"Connect-MsService -Endpoint '{_emu.BaseUri}' -ProfileName ci -CredentialsFile {_q}");
            var error = Assert.Single(r.AllErrors);
            Assert.StartsWith("MetaStudio.ProfileIncomplete", error.FullyQualifiedErrorId);
            Assert.Contains("'AK' is not read", error.Exception.Message);
        }

        [SkippableFact]
        [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]   // Unix file modes; skipped on Windows
        public void A_file_others_can_read_gives_a_warning()
        {
            Skip.If(RuntimeInformation.IsOSPlatform(OSPlatform.Windows), "Unix modes");
            using var ps = new PsSession(_emu, connect: false);
            ps.Run(SetProfile("ci", $"-Region cn-north-4 -Endpoint '{_emu.BaseUri}'")).AssertNoErrors();
            File.SetUnixFileMode(_file, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead);
            var r = ps.Run($"Connect-MsService -ProfileName ci -CredentialsFile {_q}").AssertNoErrors();
            var warning = Assert.Single(r.Warnings);
            Assert.Contains("can be read by other users (mode 0644)", warning);
            Assert.Contains("chmod 600", warning);
            Assert.Contains("can be read by other users", Assert.Single(ps.Run($"Get-MsCredentialProfile -CredentialsFile {_q}").Warnings));
        }

        [Fact]
        public void Remove_is_high_impact_WhatIf_wins_over_Force_and_other_profiles_stay()
        {
            using var ps = new PsSession(_emu, connect: false);
            ps.Run(SetProfile("old") + "; " + SetProfile("keep")).AssertNoErrors();
            var attribute = (System.Management.Automation.CmdletAttribute?)Attribute.GetCustomAttribute(typeof(RemoveMsCredentialProfileCommand), typeof(System.Management.Automation.CmdletAttribute));
            Assert.NotNull(attribute);
            Assert.Equal(System.Management.Automation.ConfirmImpact.High, attribute.ConfirmImpact);

            var whatIf = ps.Run($"$WhatIfPreference = $true; Remove-MsCredentialProfile -ProfileName old -CredentialsFile {_q} -Force; $WhatIfPreference = $false");
            Assert.Contains("What if:", whatIf.HostText);
            Assert.Contains("[old]", File.ReadAllText(_file));

            // Without -Force the High impact asks, and the test host cannot answer: nothing is removed.
            var asked = ps.Run($"Remove-MsCredentialProfile -ProfileName old -CredentialsFile {_q}");
            Assert.NotEmpty(asked.AllErrors);
            Assert.Contains("[old]", File.ReadAllText(_file));

            ps.Run($"Get-MsCredentialProfile -ProfileName o* -CredentialsFile {_q} | Remove-MsCredentialProfile -Force").AssertNoErrors();
            var left = ps.Run($"Get-MsCredentialProfile -CredentialsFile {_q}").AssertNoErrors().All<MsCredentialProfile>().Select(p => p.ProfileName);
            Assert.Equal(new[] { "keep" }, left);

            var missing = ps.Run($"Remove-MsCredentialProfile -ProfileName old -CredentialsFile {_q} -Force");
            Assert.StartsWith("MetaStudio.ProfileNotFound", Assert.Single(missing.Errors).FullyQualifiedErrorId);
        }

        [Fact]
        public void Get_filters_with_wildcards_and_reports_each_kind_without_secrets()
        {
            File.WriteAllText(_file,
                "[basic]\nak = AKBASIC\nsk = secret-basic\n\n[temp]\nak = AKTEMP\nsk = secret-temp\nsecurity_token = token-temp\n\n" +
                "[fed]\nidp_id = emulator-oidc\nid_token_file = /t/token\n\n[ecs]\ncredential_source = EcsAgency\n\n[broken]\nregion = cn-north-4\n");
            using var ps = new PsSession(_emu, connect: false);
            var all = ps.Run($"Get-MsCredentialProfile -CredentialsFile {_q}").AssertNoErrors().All<MsCredentialProfile>().ToList();
            Assert.Equal(new[] { "AccessKey", "TemporaryAccessKey", "Federation", "EcsAgency", "Incomplete" }, all.Select(p => p.Kind));
            var text = string.Join("\n", all.SelectMany(p => p.GetType().GetProperties().Select(x => x.GetValue(p)?.ToString())));
            Assert.DoesNotContain("secret-", text);
            Assert.DoesNotContain("token-temp", text);

            var some = ps.Run($"Get-MsCredentialProfile -ProfileName b*, fed, nothere -CredentialsFile {_q}");
            Assert.Equal(new[] { "basic", "broken", "fed" }, some.All<MsCredentialProfile>().Select(p => p.ProfileName));
            Assert.StartsWith("MetaStudio.ProfileNotFound", Assert.Single(some.Errors).FullyQualifiedErrorId);
        }

        [Fact]
        public void Set_with_WhatIf_writes_nothing_and_bad_input_is_refused_before_writing()
        {
            using var ps = new PsSession(_emu, connect: false);
            var r = ps.Run(SetProfile("ci", "-WhatIf"));
            Assert.Contains("What if:", r.HostText);
            Assert.False(File.Exists(_file));
            var bad = ps.Run(SetProfile("ci", "-Region mars-1"));
            Assert.StartsWith("MetaStudio.InvalidInput", Assert.Single(bad.Errors).FullyQualifiedErrorId);
            var badName = ps.Run(SetProfile("'a]b'"));
            Assert.StartsWith("MetaStudio.InvalidInput", Assert.Single(badName.Errors).FullyQualifiedErrorId);
            Assert.False(File.Exists(_file));
        }

        [Fact]
        public void Federation_and_EcsAgency_profiles_can_be_written()
        {
            using var ps = new PsSession(_emu, connect: false);
            var r = ps.Run($"Set-MsCredentialProfile -ProfileName fed -IdpId emulator-oidc -IdTokenFile /t/token -CredentialsFile {_q}; " +
                           $"Set-MsCredentialProfile -ProfileName ecs -EcsAgency -MetadataEndpoint '{_emu.BaseUri}' -Region cn-north-4 -CredentialsFile {_q}").AssertNoErrors();
            Assert.Equal(new[] { "Federation", "EcsAgency" }, r.All<MsCredentialProfile>().Select(p => p.Kind));
            var text = File.ReadAllText(_file);
            Assert.Contains("[fed]\nidp_id = emulator-oidc\nid_token_file = /t/token\n", text);
            Assert.Contains($"[ecs]\ncredential_source = EcsAgency\nmetadata_endpoint = {_emu.BaseUri}\nregion = cn-north-4\n", text);
        }
    }
}
