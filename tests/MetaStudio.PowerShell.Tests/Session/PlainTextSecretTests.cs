using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Security;
using MetaStudio.Emulator;
using MetaStudio.PowerShell.Core.Cmdlets;
using MetaStudio.PowerShell.Tests.Infrastructure;
using MetaStudio.PowerShell.Tests.Module;
using Xunit;

namespace MetaStudio.PowerShell.Tests.Session
{
    /// <summary>
    /// A secret given as a plain string still works but draws a warning with the SecureString way, for every
    /// SecureString parameter of every exported cmdlet (found from the cmdlets' metadata, so new ones are covered).
    /// </summary>
    public class PlainTextSecretTests : IClassFixture<EmulatorFixture>
    {
        private const string Plain = "plain-text-secret-4711";
        private readonly EmulatorHost _emu;

        public PlainTextSecretTests(EmulatorFixture f) => _emu = f.Emulator;

        private static IEnumerable<(CmdletInfo Cmdlet, ParameterMetadata Parameter)> SecretParameters()
            => from c in ModuleFacts.ExportedCmdlets
               from p in c.Parameters.Values
               where p.ParameterType == typeof(SecureString)
               select (c, p);

        [Fact]
        public void Every_SecureString_parameter_takes_a_plain_string_with_a_warning_and_a_SecureString_without()
        {
            var found = SecretParameters().ToList();
            Assert.Contains(found, f => f.Cmdlet.Name == "Connect-MsService" && f.Parameter.Name == "SecretKey");
            Assert.Contains(found, f => f.Parameter.Name == "StreamKey");
            var violations = new List<string>();
            foreach (var (cmdlet, parameter) in found)
            {
                if (!parameter.Attributes.OfType<SecureStringTransformationAttribute>().Any())
                {
                    violations.Add($"{cmdlet.Name} -{parameter.Name}: no [SecureStringTransformation], so a plain string is refused");
                    continue;
                }
                var plain = Run(cmdlet, parameter, Plain);
                var warning = plain.Warnings.FirstOrDefault(w => w.StartsWith($"-{parameter.Name} was given as a plain string", StringComparison.Ordinal));
                if (warning == null)
                    violations.Add($"{cmdlet.Name} -{parameter.Name}: no warning for a plain string (warnings: {string.Join(" | ", plain.Warnings)}; errors: {string.Join(" | ", plain.AllErrors.Select(e => e.FullyQualifiedErrorId))})");
                else if (!warning.Contains("history") || !warning.Contains("transcripts") || !warning.Contains("SecureString") || !warning.Contains("Read-Host -AsSecureString"))
                    violations.Add($"{cmdlet.Name} -{parameter.Name}: the warning does not say where the text may end up and the SecureString way: {warning}");
                if (plain.EverythingAsText.Contains(Plain))
                    violations.Add($"{cmdlet.Name} -{parameter.Name}: the plain secret appears in a stream");
                if (plain.AllErrors.Any(e => e.Exception is ParameterBindingException))
                    violations.Add($"{cmdlet.Name} -{parameter.Name}: a plain string did not bind");

                var secure = Run(cmdlet, parameter, null);
                if (secure.Warnings.Any(w => w.Contains("plain string")))
                    violations.Add($"{cmdlet.Name} -{parameter.Name}: warned although a SecureString was given");
            }
            ModuleFacts.AssertNone(violations, "Plain-text secrets");
        }

        /// <summary>
        /// Runs the cmdlet with the secret (plain, or as a SecureString when <paramref name="plain"/> is null) and simple values for the
        /// mandatory parameters of a set that has the secret; -WhatIf where the cmdlet supports it, else against the emulator.
        /// </summary>
        private PsResult Run(CmdletInfo cmdlet, ParameterMetadata secret, string? plain)
        {
            var set = cmdlet.ParameterSets.Where(s => s.Parameters.Any(p => p.Name == secret.Name))
                .OrderByDescending(s => s.IsDefault).ThenBy(s => s.Parameters.Count(p => p.IsMandatory)).First();
            var args = new Hashtable(StringComparer.OrdinalIgnoreCase);
            foreach (var p in set.Parameters.Where(p => p.IsMandatory && p.Name != secret.Name))
                args[p.Name] = p.ParameterType == typeof(SecureString) ? (object)Secure("other") : p.ParameterType == typeof(SwitchParameter) ? true
                    : p.ParameterType == typeof(string[]) ? new[] { "abc123" } : "abc123";
            if (plain != null) args[secret.Name] = plain;
            else args[secret.Name] = Secure(Plain);
            if (ModuleFacts.CmdletAttribute(cmdlet).SupportsShouldProcess) args["WhatIf"] = true;
            using var ps = new PsSession(_emu);
            ps.Run("$PSDefaultParameterValues['Connect-MsService:Endpoint'] = $endpoint", new Dictionary<string, object> { ["endpoint"] = _emu.BaseUri.ToString() }).AssertNoErrors();
            return ps.Run($"{cmdlet.Name} @msArgs", new Dictionary<string, object> { ["msArgs"] = args });
        }

        private static SecureString Secure(string text)
        {
            var s = new SecureString();
            foreach (var c in text) s.AppendChar(c);
            s.MakeReadOnly();
            return s;
        }
    }
}
