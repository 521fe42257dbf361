using System;
using System.Collections;
using System.Collections.Generic;
using System.Management.Automation;
using MetaStudio.PowerShell.Core.Json;
using Xunit;

namespace MetaStudio.PowerShell.Tests.Core
{
    /// <summary>
    /// MsJson.FromPowerShell, the one walk of user-built configs: a loop or runaway nesting is an ArgumentException that
    /// names the parameter and where in it; a value shared by two branches (no loop) is fine.
    /// </summary>
    public class NestedConfigTests
    {
        [Fact]
        public void A_hashtable_that_contains_itself_names_the_parameter_and_the_place()
        {
            var inner = new Hashtable { ["codec"] = "H264" };
            var config = new Hashtable { ["video"] = inner };
            inner["back"] = config;
            var error = Assert.Throws<ArgumentException>(() => MsJson.FromPowerShell(config, "VideoConfig"));
            Assert.Contains("-VideoConfig at video.back contains itself", error.Message);
        }

        [Fact]
        public void A_list_or_object_that_contains_itself_is_refused_too()
        {
            var list = new ArrayList { 1 };
            list.Add(list);
            Assert.Contains("-Rule at [1] contains itself", Assert.Throws<ArgumentException>(() => MsJson.FromPowerShell(list, "-Rule")).Message);
            var custom = new PSObject();
            custom.Properties.Add(new PSNoteProperty("me", custom));
            Assert.Contains("-ExtraMeta at me contains itself", Assert.Throws<ArgumentException>(() => MsJson.FromPowerShell(custom, "ExtraMeta")).Message);
        }

        [Fact]
        public void Nesting_deeper_than_the_limit_is_refused_and_up_to_it_is_converted()
        {
            Hashtable Nest(int levels)
            {
                var root = new Hashtable();
                var at = root;
                for (var i = 1; i < levels; i++) at["n"] = at = new Hashtable();
                return root;
            }
            Assert.NotNull(MsJson.FromPowerShell(Nest(MsJson.MaxConfigDepth), "Body"));
            var error = Assert.Throws<ArgumentException>(() => MsJson.FromPowerShell(Nest(MsJson.MaxConfigDepth + 1), "Body"));
            Assert.Contains($"-Body nests deeper than {MsJson.MaxConfigDepth} levels", error.Message);
        }

        [Fact]
        public void A_value_shared_by_two_branches_is_no_loop()
        {
            var shared = new Hashtable { ["voice_asset_id"] = "abc123" };
            var converted = (IDictionary<string, object>)MsJson.FromPowerShell(new Hashtable { ["a"] = shared, ["b"] = new object[] { shared, shared } }, "SceneScript");
            Assert.Equal("abc123", ((IDictionary<string, object>)converted["a"])["voice_asset_id"]);
            Assert.Equal(2, ((List<object>)converted["b"]).Count);
        }
    }
}
