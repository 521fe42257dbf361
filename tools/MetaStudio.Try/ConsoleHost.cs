using System;
using System.Collections.Generic;
using System.Collections.ObjectModel;
using System.Globalization;
using System.Management.Automation;
using System.Management.Automation.Host;
using System.Security;

namespace MetaStudio.Try
{
    /// <summary>
    /// Just enough of a console host for Out-Default to render the module's format views, errors and
    /// progress. It never prompts: scripts run unattended, so a prompt is an error.
    /// </summary>
    internal sealed class ConsoleHost : PSHost
    {
        private readonly Guid _id = Guid.NewGuid();
        private readonly ConsoleUI _ui = new();

        public int ErrorCount => _ui.ErrorCount;
        public override CultureInfo CurrentCulture => CultureInfo.CurrentCulture;
        public override CultureInfo CurrentUICulture => CultureInfo.CurrentUICulture;
        public override Guid InstanceId => _id;
        public override string Name => "MetaStudio.Try";
        public override PSHostUserInterface UI => _ui;
        public override Version Version => typeof(ConsoleHost).Assembly.GetName().Version ?? new Version(1, 0);
        public override void EnterNestedPrompt() => throw new NotSupportedException();
        public override void ExitNestedPrompt() => throw new NotSupportedException();
        public override void NotifyBeginApplication() { }
        public override void NotifyEndApplication() { }
        public override void SetShouldExit(int exitCode) { }

        private sealed class ConsoleUI : PSHostUserInterface
        {
            private readonly Dictionary<long, string> _lastProgress = new();
            public int ErrorCount;
            public override PSHostRawUserInterface RawUI { get; } = new ConsoleRawUI();

            public override Dictionary<string, PSObject> Prompt(string caption, string message, Collection<FieldDescription> descriptions)
                => throw new PSInvalidOperationException("This host runs scripts unattended and cannot prompt: " + message);
            public override int PromptForChoice(string caption, string message, Collection<ChoiceDescription> choices, int defaultChoice)
                => throw new PSInvalidOperationException("This host runs scripts unattended and cannot prompt (use -Confirm:$false or -Force): " + message);
            public override PSCredential PromptForCredential(string caption, string message, string userName, string targetName)
                => throw new PSInvalidOperationException("This host cannot prompt for credentials.");
            public override PSCredential PromptForCredential(string caption, string message, string userName, string targetName, PSCredentialTypes allowedCredentialTypes, PSCredentialUIOptions options)
                => throw new PSInvalidOperationException("This host cannot prompt for credentials.");
            public override string ReadLine() => Console.ReadLine() ?? "";
            public override SecureString ReadLineAsSecureString() => throw new PSInvalidOperationException("This host cannot read secrets.");
            // Format views carry ANSI styling; keep it for terminals, strip it for logs and files.
            private static readonly System.Text.RegularExpressions.Regex Ansi = new("\x1b\\[[0-9;]*[A-Za-z]");
            private static string Plain(string value) => Console.IsOutputRedirected && value != null ? Ansi.Replace(value, "") : value;
            public override void Write(string value) => Console.Write(Plain(value));
            public override void Write(ConsoleColor foregroundColor, ConsoleColor backgroundColor, string value)
            {
                var old = Console.ForegroundColor;
                Console.ForegroundColor = foregroundColor;
                Console.Write(Plain(value));
                Console.ForegroundColor = old;
            }
            public override void WriteLine(string value) => Console.WriteLine(Plain(value));
            public override void WriteErrorLine(string value)
            {
                ErrorCount++;
                Write(ConsoleColor.Red, Console.BackgroundColor, value + Environment.NewLine);
            }
            public override void WriteDebugLine(string message) => Write(ConsoleColor.DarkGray, Console.BackgroundColor, "DEBUG: " + message + Environment.NewLine);
            public override void WriteVerboseLine(string message) => Write(ConsoleColor.DarkCyan, Console.BackgroundColor, "VERBOSE: " + message + Environment.NewLine);
            public override void WriteWarningLine(string message) => Write(ConsoleColor.Yellow, Console.BackgroundColor, "WARNING: " + message + Environment.NewLine);

            public override void WriteProgress(long sourceId, ProgressRecord record)
            {
                // One line per change of activity or status; a redrawing bar would garble redirected output.
                var line = record.RecordType == ProgressRecordType.Completed
                    ? $"{record.Activity}: done"
                    : $"{record.Activity}: {record.StatusDescription}{(record.PercentComplete >= 0 ? $" ({record.PercentComplete}%)" : "")}";
                var key = sourceId * 1000 + record.ActivityId;
                if (_lastProgress.TryGetValue(key, out var last) && last == line) return;
                _lastProgress[key] = line;
                if (record.RecordType == ProgressRecordType.Completed || record.PercentComplete is 0 or 100 or < 0)
                    Write(ConsoleColor.DarkGreen, Console.BackgroundColor, "  [progress] " + line + Environment.NewLine);
            }
        }

        private sealed class ConsoleRawUI : PSHostRawUserInterface
        {
            private static int Width => Console.IsOutputRedirected ? 150 : Math.Max(80, Console.WindowWidth);
            public override ConsoleColor BackgroundColor { get; set; } = ConsoleColor.Black;
            public override Size BufferSize { get => new(Width, 9999); set { } }
            public override Coordinates CursorPosition { get; set; }
            public override int CursorSize { get; set; }
            public override ConsoleColor ForegroundColor { get; set; } = ConsoleColor.Gray;
            public override bool KeyAvailable => false;
            public override Size MaxPhysicalWindowSize => new(Width, 100);
            public override Size MaxWindowSize => new(Width, 100);
            public override Coordinates WindowPosition { get; set; }
            public override Size WindowSize { get => new(Width, 50); set { } }
            public override string WindowTitle { get; set; } = "";
            public override void FlushInputBuffer() { }
            public override BufferCell[,] GetBufferContents(Rectangle rectangle) => throw new NotSupportedException();
            public override KeyInfo ReadKey(ReadKeyOptions options) => throw new NotSupportedException();
            public override void ScrollBufferContents(Rectangle source, Coordinates destination, Rectangle clip, BufferCell fill) { }
            public override void SetBufferContents(Coordinates origin, BufferCell[,] contents) { }
            public override void SetBufferContents(Rectangle rectangle, BufferCell fill) { }
        }
    }
}
