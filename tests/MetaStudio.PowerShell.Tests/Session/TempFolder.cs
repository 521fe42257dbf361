using System;
using System.IO;

namespace MetaStudio.PowerShell.Tests.Session
{
    /// <summary>A folder of its own for one test (credentials files, ID token files), deleted afterwards.</summary>
    public sealed class TempFolder : IDisposable
    {
        public TempFolder() => Directory.CreateDirectory(Path);

        public string Path { get; } = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "ms-cred-" + Guid.NewGuid().ToString("N")[..12]);

        public string File(string name) => System.IO.Path.Combine(Path, name);

        /// <summary>Writes <paramref name="text"/> to a file of the folder and returns its path.</summary>
        public string Write(string name, string text)
        {
            var path = File(name);
            Directory.CreateDirectory(System.IO.Path.GetDirectoryName(path)!);
            System.IO.File.WriteAllText(path, text);
            return path;
        }

        /// <summary>The path as a single-quoted PowerShell string.</summary>
        public static string Quote(string path) => "'" + path.Replace("'", "''") + "'";

        public void Dispose()
        {
            try { Directory.Delete(Path, recursive: true); }
            catch (IOException) { }
        }
    }
}
