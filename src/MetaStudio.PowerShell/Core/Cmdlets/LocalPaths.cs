#nullable enable
using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Management.Automation;
using MetaStudio.PowerShell.Core.Errors;

namespace MetaStudio.PowerShell.Core.Cmdlets
{
    /// <summary>
    /// The one way cmdlets turn a path parameter into local files, as PowerShell's own file cmdlets do: provider paths
    /// are resolved (~, relative to the PowerShell location, PSDrives), -Path takes wildcards and -LiteralPath does not,
    /// and each way it can go wrong is its own error before any request: a missing file or a wildcard that matches
    /// nothing (MetaStudio.FileNotFound, ObjectNotFound), a folder where a file is wanted (MetaStudio.PathIsDirectory),
    /// a wildcard that matches several files where one is wanted (MetaStudio.PathMatchesMany), a path of another
    /// provider, or an empty one (InvalidArgument).
    /// </summary>
    internal static class LocalPaths
    {
        /// <summary>
        /// The files <paramref name="path"/> names for an input parameter, in name order, or null with
        /// <paramref name="error"/> set. Without <paramref name="literal"/> a path that does not exist as written is
        /// read as a wildcard pattern. With <paramref name="many"/> false a pattern must match exactly one file.
        /// </summary>
        public static IReadOnlyList<FileInfo>? InputFiles(PSCmdlet cmdlet, string path, string parameter, bool literal, bool many, object? target, out ErrorRecord? error)
        {
            error = null;
            var full = ProviderPath(cmdlet, path, parameter, target, out error);
            if (full == null) return null;
            if (File.Exists(full)) return new[] { new FileInfo(full) };
            if (Directory.Exists(full))
            {
                error = IsDirectory(path, parameter, target ?? path);
                return null;
            }
            if (literal || !WildcardPattern.ContainsWildcardCharacters(path))
            {
                error = NotFound($"Cannot read -{parameter} '{path}': the file does not exist ({full}).", full, target ?? path);
                return null;
            }

            Collection matches;
            try
            {
                matches = new Collection(cmdlet.GetResolvedProviderPathFromPSPath(path, out var provider), provider);
            }
            catch (ItemNotFoundException)
            {
                error = NotFound($"Cannot read -{parameter} '{path}': no file matches the wildcard pattern.", full, target ?? path);
                return null;
            }
            catch (Exception ex) when (ex is ArgumentException || ex is NotSupportedException || ex is SessionStateException || ex is PSInvalidOperationException)
            {
                error = Invalid($"Cannot read -{parameter} '{path}': {ex.Message}", target ?? path);
                return null;
            }
            if (!matches.IsFileSystem)
            {
                error = Invalid($"Cannot read -{parameter} '{path}': it is a {matches.ProviderName} path, not a file system path.", target ?? path);
                return null;
            }
            var files = matches.Paths.Where(File.Exists).OrderBy(p => p, StringComparer.Ordinal).Select(p => new FileInfo(p)).ToList();
            if (files.Count == 0)
            {
                error = matches.Paths.Any(Directory.Exists)
                    ? new ErrorRecord(new ArgumentException($"Cannot read -{parameter} '{path}': the wildcard pattern matches only folders ({Names(matches.Paths)}); name files."),
                        ErrorCodes.PathIsDirectory, ErrorCategory.InvalidArgument, target ?? path)
                    : NotFound($"Cannot read -{parameter} '{path}': no file matches the wildcard pattern.", full, target ?? path);
                return null;
            }
            if (!many && files.Count > 1)
            {
                error = new ErrorRecord(
                    new ArgumentException($"Cannot read -{parameter} '{path}': the wildcard pattern matches {files.Count} files ({Names(files.Select(f => f.FullName))}), and -{parameter} takes one. Name one file (with -LiteralPath where the cmdlet has it, for names with [ ] * ?)."),
                    ErrorCodes.PathMatchesMany, ErrorCategory.InvalidArgument, target ?? path);
                return null;
            }
            return files;
        }

        /// <summary>The one file of an input parameter that takes one (a wildcard must match exactly one), or null with <paramref name="error"/> set.</summary>
        public static FileInfo? InputFile(PSCmdlet cmdlet, string path, string parameter, object? target, out ErrorRecord? error)
            => InputFiles(cmdlet, path, parameter, literal: false, many: false, target, out error)?[0];

        /// <summary>A file the cmdlet will write: resolved, not a folder; its folder may be missing (the writer creates it).</summary>
        public static string? OutputFile(PSCmdlet cmdlet, string path, string parameter, out ErrorRecord? error)
        {
            var full = ProviderPath(cmdlet, path, parameter, path, out error);
            if (full != null && Directory.Exists(full))
            {
                error = new ErrorRecord(new ArgumentException($"Cannot write -{parameter} '{path}': it is a folder; give a file name (for example {Path.Combine(path, "audio.wav")})."),
                    ErrorCodes.PathIsDirectory, ErrorCategory.InvalidArgument, path);
                return null;
            }
            return full;
        }

        /// <summary>A folder the cmdlet will write into: resolved, not an existing file; it may be missing (the writer creates it).</summary>
        public static string? OutputFolder(PSCmdlet cmdlet, string path, string parameter, out ErrorRecord? error)
        {
            var full = ProviderPath(cmdlet, path, parameter, path, out error);
            if (full != null && File.Exists(full))
            {
                error = Invalid($"Cannot write into -{parameter} '{path}': it is a file, not a folder.", path);
                return null;
            }
            return full;
        }

        /// <summary>The file system path <paramref name="path"/> names, taken literally (~, relative, PSDrive), or null with <paramref name="error"/> set.</summary>
        public static string? ProviderPath(PSCmdlet cmdlet, string path, string parameter, object? target, out ErrorRecord? error)
        {
            error = null;
            if (string.IsNullOrWhiteSpace(path))
            {
                error = Invalid($"-{parameter} is empty; give a file path.", target);
                return null;
            }
            try
            {
                var full = cmdlet.SessionState.Path.GetUnresolvedProviderPathFromPSPath(path, out var provider, out _);
                if (string.Equals(provider.Name, "FileSystem", StringComparison.OrdinalIgnoreCase)) return full;
                error = Invalid($"-{parameter} '{path}' is a {provider.Name} path, not a file system path.", target ?? path);
            }
            catch (Exception ex) when (ex is ArgumentException || ex is NotSupportedException || ex is SessionStateException || ex is PSInvalidOperationException || ex is IOException)
            {
                error = Invalid($"-{parameter} '{path}' is not a usable path: {ex.Message}", target ?? path);
            }
            return null;
        }

        /// <summary>A folder given where one file is wanted.</summary>
        public static ErrorRecord IsDirectory(string path, string parameter, object? target)
            => new ErrorRecord(new ArgumentException($"Cannot read -{parameter} '{path}': it is a folder, not a file. Name a file in it (or, where the parameter takes wildcards, a pattern such as {Path.Combine(path, "*.mp4")})."),
                ErrorCodes.PathIsDirectory, ErrorCategory.InvalidArgument, target);

        private static ErrorRecord NotFound(string message, string full, object? target)
            => new ErrorRecord(new FileNotFoundException(message, full), ErrorCodes.LocalFileNotFound, ErrorCategory.ObjectNotFound, target);

        private static ErrorRecord Invalid(string message, object? target) => ErrorRecords.InvalidInput(message, target);

        private static string Names(IEnumerable<string> paths)
        {
            var names = paths.Select(Path.GetFileName).ToList();
            return string.Join(", ", names.Take(5)) + (names.Count > 5 ? $" and {names.Count - 5} more" : "");
        }

        private sealed class Collection
        {
            public Collection(IEnumerable<string> paths, ProviderInfo provider)
            {
                Paths = paths.ToList();
                ProviderName = provider.Name;
                IsFileSystem = string.Equals(provider.Name, "FileSystem", StringComparison.OrdinalIgnoreCase);
            }

            public List<string> Paths { get; }
            public string ProviderName { get; }
            public bool IsFileSystem { get; }
        }
    }
}
