using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;

namespace MetaStudio.PowerShell.Core.Auth
{
    /// <summary>
    /// The credentials file Huawei Cloud's own SDKs read: INI text at ~/.huaweicloud/credentials, or the file
    /// named by HUAWEICLOUD_SDK_CREDENTIALS_FILE, one section per profile ([basic] is the SDKs' default).
    /// Key names are the SDKs' (huaweicloud-sdk-go-v3 core/auth/provider/profile_provider.go); this module adds
    /// region, metastudio_endpoint, credential_source and metadata_endpoint, which the SDKs ignore.
    /// Edits keep every other line (other profiles, comments, unknown keys) as it was, and the text written is
    /// what the Go (gopkg.in/ini.v1) and .NET (ProfileCredentialProvider.cs) readers both accept:
    /// "[name]" headers and "key = value" lines, no quoting, no inline comments.
    /// </summary>
    internal sealed class CredentialsFile
    {
        public const string PathVariable = "HUAWEICLOUD_SDK_CREDENTIALS_FILE";
        public const string DefaultProfile = "basic";

        // The SDKs' keys (profile_provider.go).
        public const string AkKey = "ak";
        public const string SkKey = "sk";
        public const string ProjectIdKey = "project_id";
        public const string DomainIdKey = "domain_id";
        public const string SecurityTokenKey = "security_token";
        public const string IamEndpointKey = "iam_endpoint";
        public const string IdpIdKey = "idp_id";
        public const string IdTokenFileKey = "id_token_file";
        // This module's keys.
        public const string RegionKey = "region";
        public const string EndpointKey = "metastudio_endpoint";
        public const string CredentialSourceKey = "credential_source";
        public const string MetadataEndpointKey = "metadata_endpoint";
        /// <summary>credential_source value that asks for the ECS agency's temporary credentials (like AWS's Ec2InstanceMetadata).</summary>
        public const string EcsAgencySource = "EcsAgency";

        /// <summary>The keys Set-MsCredentialProfile owns: replaced as a set, so a profile never mixes two kinds of credentials.</summary>
        internal static readonly string[] ManagedKeys =
        {
            AkKey, SkKey, SecurityTokenKey, ProjectIdKey, RegionKey, EndpointKey, IamEndpointKey, IdpIdKey, IdTokenFileKey,
            CredentialSourceKey, MetadataEndpointKey,
        };

        private enum Kind { Blank, Comment, Section, Key }

        private sealed class Line
        {
            public Kind Kind;
            public string Raw = "";
            public string Section = "";
            // Key and Value are read only from Kind.Key lines, which always set them.
            public string Key = "";
            public string Value = "";
        }

        private readonly List<Line> _lines;
        private readonly string _newLine;

        private CredentialsFile(string path, List<Line> lines, string newLine)
        {
            FilePath = path;
            _lines = lines;
            _newLine = newLine;
        }

        public string FilePath { get; }

        /// <summary>HUAWEICLOUD_SDK_CREDENTIALS_FILE, else ~/.huaweicloud/credentials (profile_provider.go getCredentialsFilePath).</summary>
        public static string DefaultPath()
        {
            var path = Environment.GetEnvironmentVariable(PathVariable);
            if (!string.IsNullOrEmpty(path)) return path;
            return Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".huaweicloud", "credentials");
        }

        /// <summary>The file at <paramref name="path"/>; an empty document when it does not exist and <paramref name="mustExist"/> is false.</summary>
        public static CredentialsFile Load(string path, bool mustExist = true)
        {
            if (!File.Exists(path))
            {
                if (mustExist)
                    throw new CredentialException($"The credentials file '{path}' does not exist.", CredentialException.FileNotFound);
                return new CredentialsFile(path, new List<Line>(), Environment.NewLine);
            }
            string text;
            try
            {
                text = File.ReadAllText(path);
            }
            catch (Exception ex) when (ex is IOException || ex is UnauthorizedAccessException)
            {
                throw new CredentialException($"The credentials file '{path}' cannot be read: {ex.Message}", CredentialException.FileInvalid, ex);
            }
            return Parse(path, text);
        }

        /// <summary>Parses INI text; a line that is not a section, a key or a comment is an error naming the file and line (never its text: it may hold a secret).</summary>
        public static CredentialsFile Parse(string path, string text)
        {
            var newLine = text.Contains("\r\n") ? "\r\n" : "\n";
            if (text.Length > 0 && text[0] == '\uFEFF') text = text.Substring(1);
            var lines = new List<Line>();
            var firstSeen = new Dictionary<string, int>(StringComparer.Ordinal);
            string section = "";
            var raw = text.Split('\n');
            // A final newline is not an extra empty line.
            var count = raw.Length > 0 && raw[raw.Length - 1].Length == 0 ? raw.Length - 1 : raw.Length;
            for (var i = 0; i < count; i++)
            {
                var number = i + 1;
                var lineText = raw[i].TrimEnd('\r');
                var t = lineText.Trim();
                var line = new Line { Raw = lineText, Section = section };
                if (t.Length == 0) line.Kind = Kind.Blank;
                else if (t[0] == '#' || t[0] == ';') line.Kind = Kind.Comment;
                else if (t[0] == '[')
                {
                    if (t[t.Length - 1] != ']')
                        throw Malformed(path, number, "a section header must end with ']'");
                    var name = t.Substring(1, t.Length - 2).Trim();
                    if (name.Length == 0) throw Malformed(path, number, "the section header has no name");
                    line.Kind = Kind.Section;
                    section = line.Section = name;
                }
                else
                {
                    // gopkg.in/ini.v1 splits at the first '=' or ':'; files this module writes only use '='.
                    var at = t.IndexOfAny(new[] { '=', ':' });
                    if (at < 0) throw Malformed(path, number, "expected '[profile]', 'key = value' or a comment starting with '#' or ';'");
                    var key = t.Substring(0, at).Trim();
                    if (key.Length == 0) throw Malformed(path, number, "the line has a value but no key name before '='");
                    if (firstSeen.TryGetValue(section + "\n" + key, out var first))
                        throw Malformed(path, number, $"'{key}' is set twice in [{section}] (first on line {first}); keep one");
                    firstSeen[section + "\n" + key] = number;
                    line.Kind = Kind.Key;
                    line.Key = key;
                    line.Value = CleanValue(t.Substring(at + 1));
                }
                lines.Add(line);
            }
            return new CredentialsFile(path, lines, newLine);
        }

        private static CredentialException Malformed(string path, int line, string why)
            => new CredentialException($"The credentials file '{path}', line {line}: {why}.", CredentialException.FileInvalid) { LineNumber = line };

        /// <summary>Trims, drops an inline comment (" #" or " ;") and one pair of surrounding quotes, as INI readers do.</summary>
        private static string CleanValue(string value)
        {
            value = value.Trim();
            for (var i = 1; i < value.Length; i++)
                if ((value[i] == '#' || value[i] == ';') && char.IsWhiteSpace(value[i - 1]))
                {
                    value = value.Substring(0, i).TrimEnd();
                    break;
                }
            if (value.Length >= 2 && (value[0] == '"' || value[0] == '\'') && value[value.Length - 1] == value[0])
                value = value.Substring(1, value.Length - 2);
            return value;
        }

        /// <summary>Profile (section) names in file order, each once; the keys before any section are not a profile.</summary>
        public IReadOnlyList<string> ProfileNames
            => _lines.Where(l => l.Kind == Kind.Section).Select(l => l.Section).Distinct(StringComparer.Ordinal).ToList();

        public bool HasProfile(string name) => _lines.Any(l => l.Kind == Kind.Section && l.Section == name);

        /// <summary>A profile's keys and values (names are case-sensitive, as in the SDKs), or null when there is no such section.</summary>
        public IReadOnlyDictionary<string, string>? Profile(string name)
        {
            if (!HasProfile(name)) return null;
            return _lines.Where(l => l.Kind == Kind.Key && l.Section == name).ToDictionary(l => l.Key, l => l.Value, StringComparer.Ordinal);
        }

        /// <summary>The line a key of a profile is on (1-based), for errors.</summary>
        public int LineOf(string profile, string key)
        {
            var index = _lines.FindIndex(l => l.Kind == Kind.Key && l.Section == profile && l.Key == key);
            return index < 0 ? 0 : index + 1;
        }

        /// <summary>
        /// Replaces the managed keys of a profile (creating it at the end when new); keys the module does not
        /// manage (domain_id, another tool's) and comments stay.
        /// </summary>
        public void SetProfile(string name, IEnumerable<KeyValuePair<string, string>> values)
        {
            CheckName(name);
            var pairs = values.Where(v => !string.IsNullOrEmpty(v.Value)).ToList();
            foreach (var pair in pairs) CheckValue(pair.Key, pair.Value);
            _lines.RemoveAll(l => l.Kind == Kind.Key && l.Section == name && ManagedKeys.Contains(l.Key));
            var newLines = pairs.Select(p => new Line { Kind = Kind.Key, Section = name, Key = p.Key, Value = p.Value, Raw = p.Key + " = " + p.Value }).ToList();
            var header = _lines.FindIndex(l => l.Kind == Kind.Section && l.Section == name);
            if (header < 0)
            {
                if (_lines.Count > 0 && _lines[_lines.Count - 1].Kind != Kind.Blank)
                    _lines.Add(new Line { Kind = Kind.Blank, Raw = "", Section = name });
                _lines.Add(new Line { Kind = Kind.Section, Section = name, Raw = "[" + name + "]" });
                _lines.AddRange(newLines);
                return;
            }
            // After the section's last key (or its header), before the blank lines and comments that lead into the next section.
            var insertAt = header + 1;
            for (var i = header + 1; i < _lines.Count && !(_lines[i].Kind == Kind.Section && _lines[i].Section != name); i++)
                if (_lines[i].Kind == Kind.Key) insertAt = i + 1;
            _lines.InsertRange(insertAt, newLines);
        }

        /// <summary>Removes a profile's header and every line up to the next profile; false when there was none.</summary>
        public bool RemoveProfile(string name)
        {
            if (!HasProfile(name)) return false;
            _lines.RemoveAll(l => l.Section == name);
            return true;
        }

        public string ToText()
        {
            var sb = new StringBuilder();
            foreach (var line in _lines) sb.Append(line.Raw).Append(_newLine);
            return sb.ToString();
        }

        /// <summary>
        /// Writes the file with owner-only permissions: a new folder is made owner-only too, the text goes to a
        /// restricted temporary file first and then replaces the old one, so no moment exposes a secret.
        /// </summary>
        public void Save()
        {
            var full = Path.GetFullPath(FilePath);
            var dir = Path.GetDirectoryName(full);
            if (!Directory.Exists(dir))
            {
                Directory.CreateDirectory(dir);
                OwnerOnlyFiles.Restrict(dir, directory: true);
            }
            var temp = Path.Combine(dir, "." + Path.GetFileName(full) + "." + Guid.NewGuid().ToString("N").Substring(0, 8) + ".tmp");
            try
            {
                using (File.Create(temp)) { }
                OwnerOnlyFiles.Restrict(temp);
                File.WriteAllText(temp, ToText(), new UTF8Encoding(false));
                if (File.Exists(full)) File.Replace(temp, full, null);
                else File.Move(temp, full);
            }
            finally
            {
                if (File.Exists(temp)) File.Delete(temp);
            }
            // Replacing may carry over the old file's permissions; an existing 0644 file is tightened too.
            OwnerOnlyFiles.Restrict(full);
        }

        internal static void CheckName(string name)
        {
            if (string.IsNullOrWhiteSpace(name) || name.Trim() != name || name.IndexOfAny(new[] { '[', ']', '\r', '\n', '#', ';' }) >= 0)
                throw new ArgumentException($"'{name}' cannot be a profile name: use letters, digits, '-', '_' or '.', without brackets, '#' or ';'.");
        }

        /// <summary>Values are written bare, so they must not need quoting in any of the SDKs' readers.</summary>
        private static void CheckValue(string key, string value)
        {
            if (value.Trim() != value || value.IndexOfAny(new[] { '\r', '\n', '#', ';' }) >= 0 || value[0] == '"' || value[0] == '\'')
                throw new ArgumentException($"The value for '{key}' cannot be written to a credentials file: it has a line break, '#', ';', surrounding spaces or quotes.");
        }
    }
}
