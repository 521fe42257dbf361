using System;
using System.IO;
using System.Linq;
using System.Management.Automation;
using MetaStudio.Emulator;
using MetaStudio.PowerShell.Core.Errors;
using MetaStudio.PowerShell.Files;
using MetaStudio.PowerShell.Tests.Assets;
using MetaStudio.PowerShell.Tests.Infrastructure;
using Xunit;

namespace MetaStudio.PowerShell.Tests.Files
{
    /// <summary>
    /// Local path parameters as PowerShell's own file cmdlets treat them (Core/Cmdlets/LocalPaths): provider paths
    /// resolved against the PowerShell location, PSDrives and ~; -Path with wildcards, -LiteralPath without; a folder,
    /// a pattern that matches nothing and one that matches several where one file is wanted are each their own error,
    /// before any request.
    /// </summary>
    public class PathParameterTests : IClassFixture<EmulatorFixture>, IDisposable
    {
        private readonly EmulatorHost _emu;
        private readonly string _dir = Path.Combine(Path.GetTempPath(), "ms-paths-" + Guid.NewGuid().ToString("N"));

        public PathParameterTests(EmulatorFixture f)
        {
            _emu = f.Emulator;
            Directory.CreateDirectory(_dir);
            foreach (var name in new[] { "a.png", "b.png", "c[1].png", "notes.txt" })
                File.WriteAllBytes(Path.Combine(_dir, name), new byte[] { 1, 2, 3, (byte)name[0] });
        }

        public void Dispose()
        {
            try { Directory.Delete(_dir, true); } catch (IOException) { }
        }

        private string Asset(string type = "VIDEO") => Seeds.Ready(_emu, Seeds.Unique("paths"), type).AssetId;

        [Fact]
        public void A_wildcard_path_uploads_every_file_it_matches_in_name_order()
        {
            using var ps = new PsSession(_emu);
            var id = Asset();
            var r = ps.Run($"Send-MsAssetFile -AssetId {id} -Path '{Path.Combine(_dir, "?.png")}' -Category OTHER").AssertNoErrors();
            Assert.Equal(new[] { "a.png", "b.png" }, r.All<MsAssetFile>().Select(f => f.FileName));
        }

        [Fact]
        public void Relative_paths_follow_the_PowerShell_location_and_PSDrives_resolve()
        {
            using var ps = new PsSession(_emu);
            var id = Asset();
            var r = ps.Run($"Push-Location '{_dir}'; try {{ Send-MsAssetFile -AssetId {id} -Path ./a.png -Category OTHER }} finally {{ Pop-Location }}; " +
                           $"$null = New-PSDrive -Name msuploads -PSProvider FileSystem -Root '{_dir}'; Send-MsAssetFile -AssetId {id} -Path msuploads:/b.png -Category OTHER; Remove-PSDrive msuploads")
                .AssertNoErrors();
            Assert.Equal(new[] { "a.png", "b.png" }, r.All<MsAssetFile>().Select(f => f.FileName));
        }

        [Fact]
        public void Tilde_is_the_home_folder()
        {
            using var ps = new PsSession(_emu);
            var missing = "ms-paths-" + Guid.NewGuid().ToString("N") + ".png";
            var r = ps.Run($"Send-MsAssetFile -AssetId {Asset()} -Path '~/{missing}'");
            var error = Assert.Single(r.Errors);
            var home = Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
            Assert.Contains(Path.Combine(home, missing), error.Exception.Message);
        }

        [Fact]
        public void LiteralPath_takes_brackets_as_written_and_Get_ChildItem_output_binds_to_it()
        {
            using var ps = new PsSession(_emu);
            var id = Asset();
            var literal = ps.Run($"Send-MsAssetFile -AssetId {id} -LiteralPath '{Path.Combine(_dir, "c[1].png")}' -Category OTHER").AssertNoErrors();
            Assert.Equal("c[1].png", literal.Single<MsAssetFile>().FileName);
            // As a -Path pattern, [1] is a character class: 'c[1].png' would mean c1.png, which does not exist.
            var pattern = ps.Run($"Send-MsAssetFile -AssetId {id} -Path '{Path.Combine(_dir, "c[1]?.png")}' -Category OTHER");
            Assert.StartsWith(ErrorCodes.LocalFileNotFound, Assert.Single(pattern.Errors).FullyQualifiedErrorId);
            var piped = ps.Run($"Get-ChildItem '{_dir}' -Filter '*.png' | Sort-Object Name | Send-MsAssetFile -AssetId {id} -Category OTHER").AssertNoErrors();
            Assert.Equal(new[] { "a.png", "b.png", "c[1].png" }, piped.All<MsAssetFile>().Select(f => f.FileName));
        }

        [Fact]
        public void A_folder_a_pattern_matching_nothing_and_a_pattern_matching_several_for_one_file_are_each_clear_and_send_nothing()
        {
            using var ps = new PsSession(_emu);
            var id = Asset();
            var before = _emu.Log.All.Count;
            var folder = ps.Run($"Send-MsAssetFile -AssetId {id} -Path '{_dir}'");
            var e1 = Assert.Single(folder.Errors);
            Assert.StartsWith(ErrorCodes.PathIsDirectory, e1.FullyQualifiedErrorId);
            Assert.Equal(ErrorCategory.InvalidArgument, e1.CategoryInfo.Category);
            Assert.Contains("is a folder", e1.Exception.Message);

            var none = ps.Run($"Send-MsAssetFile -AssetId {id} -Path '{Path.Combine(_dir, "*.gif")}'");
            var e2 = Assert.Single(none.Errors);
            Assert.StartsWith(ErrorCodes.LocalFileNotFound, e2.FullyQualifiedErrorId);
            Assert.Equal(ErrorCategory.ObjectNotFound, e2.CategoryInfo.Category);
            Assert.Contains("no file matches", e2.Exception.Message);

            var many = ps.Run($"Start-MsVideoTask -HumanImagePath '{Path.Combine(_dir, "?.png")}' -Text hi -VoiceAssetId {id}");
            var e3 = Assert.Single(many.AllErrors);
            Assert.StartsWith(ErrorCodes.PathMatchesMany, e3.FullyQualifiedErrorId);
            Assert.Contains("matches 2 files (a.png, b.png)", e3.Exception.Message);

            var one = ps.Run($"Send-MsVoiceTrainingData -JobId {id} -Path '{Path.Combine(_dir, "*.png")}'");
            Assert.StartsWith(ErrorCodes.PathMatchesMany, Assert.Single(one.AllErrors).FullyQualifiedErrorId);
            Assert.Equal(before, _emu.Log.All.Count);
        }

        [Fact]
        public void Output_paths_refuse_a_folder_for_a_file_and_a_file_for_a_folder()
        {
            using var ps = new PsSession(_emu);
            var before = _emu.Log.All.Count;
            var tts = ps.Run($"New-MsTtsAudition -Text hi -VoiceAssetId abc123 -OutFile '{_dir}'");
            Assert.StartsWith(ErrorCodes.PathIsDirectory, Assert.Single(tts.AllErrors).FullyQualifiedErrorId);
            var save = ps.Run($"Save-MsAssetFile -AssetId abc123 -Destination '{Path.Combine(_dir, "a.png")}'");
            var error = Assert.Single(save.AllErrors);
            Assert.Equal(ErrorCategory.InvalidArgument, error.CategoryInfo.Category);
            Assert.Contains("is a file, not a folder", error.Exception.Message);
            Assert.Equal(before, _emu.Log.All.Count);
        }
    }
}
