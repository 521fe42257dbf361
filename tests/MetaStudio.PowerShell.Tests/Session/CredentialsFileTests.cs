using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Runtime.InteropServices;
using MetaStudio.PowerShell.Core.Auth;
using Xunit;

namespace MetaStudio.PowerShell.Tests.Session
{
    /// <summary>The credentials file as the official SDKs read it: parsing, errors that name file and line, edits that keep the rest, owner-only writes.</summary>
    public class CredentialsFileTests
    {
        private const string Sample =
            "# written by hand\n" +
            "[basic]\n" +
            "ak = AKBASIC\n" +
            "sk = sk-basic-secret\n" +
            "project_id = p1\n" +
            "domain_id = d1\n" +
            "\n" +
            "; another profile\n" +
            "[ci]\n" +
            "ak: AKCI\n" +
            "sk = \"quoted secret\"\n" +
            "region = cn-east-3   # inline comment\n";

        [Fact]
        public void Reads_sections_keys_comments_quotes_and_both_delimiters()
        {
            var file = CredentialsFile.Parse("/x/credentials", Sample);
            Assert.Equal(new[] { "basic", "ci" }, file.ProfileNames);
            var basic = file.Profile("basic");
            Assert.NotNull(basic);
            Assert.Equal("AKBASIC", basic["ak"]);
            Assert.Equal("sk-basic-secret", basic["sk"]);
            Assert.Equal("d1", basic["domain_id"]);
            var ci = file.Profile("ci");
            Assert.NotNull(ci);
            Assert.Equal("AKCI", ci["ak"]);
            Assert.Equal("quoted secret", ci["sk"]);
            Assert.Equal("cn-east-3", ci["region"]);
            Assert.Null(file.Profile("Basic")); // names are case-sensitive, as in the SDKs
            Assert.Equal(3, file.LineOf("basic", "ak"));
        }

        [Theory]
        [InlineData("[basic]\nak = A\nthis line has no delimiter sk-secret-value\n", 3, "expected '[profile]'")]
        [InlineData("[basic\nak = A\n", 1, "must end with ']'")]
        [InlineData("[basic]\n = sk-secret-value\n", 2, "no key name")]
        [InlineData("[basic]\nsk = sk-secret-value\nak = A\nsk = sk-secret-value\n", 4, "set twice in [basic] (first on line 2)")]
        [InlineData("[]\n", 1, "has no name")]
        public void A_malformed_line_is_an_error_naming_the_file_and_line_but_not_its_text(string text, int line, string why)
        {
            var ex = Assert.Throws<CredentialException>(() => CredentialsFile.Parse("/home/u/.huaweicloud/credentials", text));
            Assert.Equal(CredentialException.FileInvalid, ex.ErrorCode);
            Assert.Equal(line, ex.LineNumber);
            Assert.Contains("'/home/u/.huaweicloud/credentials', line " + line, ex.Message);
            Assert.Contains(why, ex.Message);
            Assert.DoesNotContain("sk-secret-value", ex.Message);
        }

        [Fact]
        public void Setting_a_profile_replaces_its_credentials_and_keeps_everything_else()
        {
            var file = CredentialsFile.Parse("/x/credentials", Sample);
            file.SetProfile("basic", new[] { Pair("idp_id", "idp"), Pair("id_token_file", "/t/token") });
            file.SetProfile("new", new[] { Pair("ak", "AKNEW"), Pair("sk", "sk-new"), Pair("region", null!) });   // SetProfile drops a key without a value (its parameter says string, not string?)
            var text = file.ToText();
            var again = CredentialsFile.Parse("/x/credentials", text);
            var basic = again.Profile("basic");
            Assert.NotNull(basic);
            Assert.False(basic.ContainsKey("ak"));
            Assert.False(basic.ContainsKey("project_id"));            // managed: replaced as a set
            Assert.Equal("d1", basic["domain_id"]);                  // not managed: kept
            Assert.Equal("idp", basic["idp_id"]);
            Assert.Equal("AKCI", again.Profile("ci")?["ak"]);          // other profiles untouched
            Assert.Equal(new[] { "ak", "sk" }, again.Profile("new")?.Keys.OrderBy(k => k));
            Assert.StartsWith("# written by hand\n[basic]\n", text);  // comments kept
            Assert.Contains("; another profile\n[ci]\n", text);
            Assert.EndsWith("\n\n[new]\nak = AKNEW\nsk = sk-new\n", text);

            Assert.True(again.RemoveProfile("ci"));
            Assert.False(again.RemoveProfile("ci"));
            Assert.Equal(new[] { "basic", "new" }, CredentialsFile.Parse("/x", again.ToText()).ProfileNames);
        }

        [Theory]
        [InlineData("value with # hash")]
        [InlineData(" leading space")]
        [InlineData("\"quoted\"")]
        [InlineData("two\nlines")]
        public void Values_the_SDK_readers_would_misread_are_refused(string value)
            => Assert.Throws<ArgumentException>(() => CredentialsFile.Parse("/x", "").SetProfile("p", new[] { Pair("sk", value) }));

        [Theory]
        [InlineData("bad]name")]
        [InlineData("")]
        [InlineData(" padded")]
        public void Bad_profile_names_are_refused(string name)
            => Assert.Throws<ArgumentException>(() => CredentialsFile.Parse("/x", "").SetProfile(name, new[] { Pair("ak", "A") }));

        /// <summary>
        /// What the official readers accept: the .NET SDK (ProfileCredentialProvider.cs) splits each trimmed line at the first
        /// '=' and trims around it, takes "[name]" lines as sections and fails on a repeated key; gopkg.in/ini.v1 (Go SDK)
        /// additionally unquotes values and cuts at '#'/';'. A file this module writes must read the same in both.
        /// </summary>
        [Fact]
        public void Files_written_read_the_same_in_the_official_SDK_readers()
        {
            using var temp = new TempFolder();
            var path = temp.File("credentials");
            var file = CredentialsFile.Load(path, mustExist: false);
            file.SetProfile("basic", new[] { Pair("ak", "AKIDEXAMPLE0000001"), Pair("sk", "Sk/with+base64=chars"), Pair("project_id", "0123abcd") });
            file.SetProfile("ci", new[] { Pair("idp_id", "my-idp"), Pair("id_token_file", "/var/run/token"), Pair("region", "cn-north-4") });
            file.Save();

            var dict = new Dictionary<string, string>();
            var section = "";
            foreach (var line in File.ReadAllLines(path).Select(l => l.Trim()).Where(l => l.Length > 0))
            {
                if (line.Contains('='))
                {
                    var parts = line.Split('=', 2);
                    dict.Add(section + parts[0].TrimEnd(), parts[1].TrimStart());   // throws on a duplicate, like the SDK
                    Assert.DoesNotContain('#', parts[1]);
                    Assert.DoesNotContain(';', parts[1]);
                    Assert.False(parts[1].TrimStart().StartsWith('"'));
                }
                else
                {
                    Assert.True(line.StartsWith('[') && line.EndsWith(']'), line);
                    section = line.TrimStart('[').TrimEnd(']');
                }
            }
            Assert.Equal("AKIDEXAMPLE0000001", dict["basicak"]);
            Assert.Equal("Sk/with+base64=chars", dict["basicsk"]);
            Assert.Equal("0123abcd", dict["basicproject_id"]);
            Assert.Equal("my-idp", dict["ciidp_id"]);
            Assert.Equal("/var/run/token", dict["ciid_token_file"]);
        }

        [SkippableFact]
        [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]   // Unix file modes; skipped on Windows
        public void Files_and_folders_it_creates_are_for_the_owner_only()
        {
            Skip.If(RuntimeInformation.IsOSPlatform(OSPlatform.Windows), "Unix modes; on Windows the file gets an ACL for the current user (see DEVELOPING.md to check it).");
            using var temp = new TempFolder();
            var path = Path.Combine(temp.Path, ".huaweicloud", "credentials");
            var file = CredentialsFile.Load(path, mustExist: false);
            file.SetProfile("basic", new[] { Pair("ak", "A"), Pair("sk", "S") });
            file.Save();
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(path));
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(Path.GetDirectoryName(path)!));
            Assert.Null(OwnerOnlyFiles.ModeIfOthersCanAccess(path));

            // An existing file others could read is tightened when it is written again.
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead);
            Assert.Equal("0644", OwnerOnlyFiles.ModeIfOthersCanAccess(path));
            file.SetProfile("ci", new[] { Pair("ak", "B"), Pair("sk", "T") });
            file.Save();
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(path));
            Assert.Empty(Directory.GetFiles(Path.GetDirectoryName(path)!, "*.tmp", SearchOption.AllDirectories));
        }

        private static KeyValuePair<string, string> Pair(string key, string value) => new(key, value);
    }
}
