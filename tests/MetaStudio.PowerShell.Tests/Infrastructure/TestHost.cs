using System;
using System.Collections.Generic;
using System.Collections.ObjectModel;
using System.Globalization;
using System.Management.Automation;
using System.Management.Automation.Host;
using System.Security;
using System.Text;

namespace MetaStudio.PowerShell.Tests.Infrastructure
{
    /// <summary>A host that records what Out-Host / Out-Default print, so format views can be checked.</summary>
    public sealed class TestHost : PSHost
    {
        private readonly TestHostUI _ui = new();
        private readonly Guid _id = Guid.NewGuid();

        public string Text => _ui.Text.ToString();
        public void ClearText() => _ui.Text.Clear();
        public List<ProgressRecord> Progress => _ui.Progress;
        /// <summary>Every confirmation the engine asked ("caption: message"), in order.</summary>
        public List<string> Prompts => _ui.Prompts;
        /// <summary>Choice indexes to answer prompts with (0 Yes, 1 Yes to All, 2 No, ...); with none left a prompt fails.</summary>
        public Queue<int> Answers => _ui.Answers;

        public override CultureInfo CurrentCulture => CultureInfo.InvariantCulture;
        public override CultureInfo CurrentUICulture => CultureInfo.InvariantCulture;
        public override Guid InstanceId => _id;
        public override string Name => "MetaStudioTestHost";
        public override PSHostUserInterface UI => _ui;
        public override Version Version => new(1, 0);
        public override void EnterNestedPrompt() => throw new NotSupportedException();
        public override void ExitNestedPrompt() => throw new NotSupportedException();
        public override void NotifyBeginApplication() { }
        public override void NotifyEndApplication() { }
        public override void SetShouldExit(int exitCode) { }

        private sealed class TestHostUI : PSHostUserInterface
        {
            public readonly StringBuilder Text = new();
            public readonly List<ProgressRecord> Progress = new();
            public readonly List<string> Prompts = new();
            public readonly Queue<int> Answers = new();
            public override PSHostRawUserInterface RawUI { get; } = new TestRawUI();
            public override Dictionary<string, PSObject> Prompt(string caption, string message, Collection<FieldDescription> descriptions)
                => throw new PSInvalidOperationException("The test host cannot prompt: " + message);
            public override int PromptForChoice(string caption, string message, Collection<ChoiceDescription> choices, int defaultChoice)
            {
                lock (Prompts) Prompts.Add(caption + ": " + message);
                lock (Answers)
                    if (Answers.Count > 0) return Answers.Dequeue();
                throw new PSInvalidOperationException("The test host cannot prompt: " + message);
            }
            public override PSCredential PromptForCredential(string caption, string message, string userName, string targetName)
                => throw new PSInvalidOperationException("The test host cannot prompt.");
            public override PSCredential PromptForCredential(string caption, string message, string userName, string targetName, PSCredentialTypes allowedCredentialTypes, PSCredentialUIOptions options)
                => throw new PSInvalidOperationException("The test host cannot prompt.");
            public override string ReadLine() => throw new PSInvalidOperationException("The test host cannot read input.");
            public override SecureString ReadLineAsSecureString() => throw new PSInvalidOperationException("The test host cannot read input.");
            // Host text is asserted on; the ANSI styling of format views would only get in the way.
            private static readonly System.Text.RegularExpressions.Regex Ansi = new("\x1b\\[[0-9;]*[A-Za-z]");
            public override void Write(string value) { lock (Text) Text.Append(value == null ? null : Ansi.Replace(value, "")); }
            public override void Write(ConsoleColor foregroundColor, ConsoleColor backgroundColor, string value) => Write(value);
            public override void WriteLine(string value) => Write(value + "\n");
            public override void WriteErrorLine(string value) => Write("ERROR: " + value + "\n");
            public override void WriteDebugLine(string message) => Write("DEBUG: " + message + "\n");
            public override void WriteVerboseLine(string message) => Write("VERBOSE: " + message + "\n");
            public override void WriteWarningLine(string message) => Write("WARNING: " + message + "\n");
            public override void WriteProgress(long sourceId, ProgressRecord record) { lock (Progress) Progress.Add(record); }
        }

        private sealed class TestRawUI : PSHostRawUserInterface
        {
            public override ConsoleColor BackgroundColor { get; set; }
            public override Size BufferSize { get; set; } = new(160, 3000);
            public override Coordinates CursorPosition { get; set; }
            public override int CursorSize { get; set; }
            public override ConsoleColor ForegroundColor { get; set; }
            public override bool KeyAvailable => false;
            public override Size MaxPhysicalWindowSize => new(160, 100);
            public override Size MaxWindowSize => new(160, 100);
            public override Coordinates WindowPosition { get; set; }
            public override Size WindowSize { get; set; } = new(160, 100);
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
