using System;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Runspaces;
using System.Reflection;
using Xunit;
using Xunit.Abstractions;

namespace MetaStudio.PowerShell.Tests.Infrastructure
{
    public class Probe
    {
        private readonly ITestOutputHelper _out;
        public Probe(ITestOutputHelper o) => _out = o;

        [Fact]
        public void ImportAndConnect()
        {
            var manifest = typeof(Probe).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().First(a => a.Key == "ModuleManifest").Value;
            // touch the module type from the test side first
            _out.WriteLine(typeof(MetaStudio.PowerShell.MsSession).Assembly.Location);
            var iss = InitialSessionState.CreateDefault2();
            using var rs = RunspaceFactory.CreateRunspace(iss);
            rs.Open();
            using var ps = System.Management.Automation.PowerShell.Create();
            ps.Runspace = rs;
            ps.AddScript($"Import-Module '{manifest}'; $s = Connect-MsService -Region cn-north-4 -AccessKey AK1 -SecretKey 'sk' -ProjectId p1; $s; $s.GetType().Assembly.Location; (Get-Command | ForEach-Object Name) -join ' '");
            var res = ps.Invoke();
            foreach (var e in ps.Streams.Error) _out.WriteLine("ERR " + e);
            foreach (var r in res) _out.WriteLine(r?.ToString());
            Assert.False(ps.HadErrors);
        }
    }
}
