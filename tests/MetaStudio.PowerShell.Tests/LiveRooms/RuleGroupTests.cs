using System;
using System.Linq;
using MetaStudio.Emulator;
using MetaStudio.PowerShell.LiveRooms;
using MetaStudio.PowerShell.Tests.Infrastructure;
using Xunit;

namespace MetaStudio.PowerShell.Tests.LiveRooms
{
    public class RuleGroupTests : IClassFixture<EmulatorFixture>
    {
        private readonly EmulatorHost _emu;
        public RuleGroupTests(EmulatorFixture f) => _emu = f.Emulator;

        private static string Code(System.Management.Automation.ErrorRecord e) => e.FullyQualifiedErrorId.Split(',')[0];

        private const string PriceRule = "@{ rule_name = 'price'; event_type = 1; hit_condition = @{ relation = 'AND'; priority = 5; tags = @(@{ tag = 'content'; match = 'REGEX'; value = 'price' }) }; " +
                                         "trigger = @{ time_window = 60; reply_mode = 'SYSTEM_REPLY'; reply_texts = @('It is on the card', 'See the link'); reply_order = 'RANDOM' } }";

        [Fact]
        public void New_creates_a_library_and_outputs_it_with_its_rules()
        {
            using var ps = new PsSession(_emu);
            var g = ps.Run($"New-MsInteractionRuleGroup -Name 'rg-shop' -Rule {PriceRule}, @{{ rule_name = 'hello'; event_type = 2; trigger = @{{ reply_texts = @('Welcome') }} }}")
                .AssertNoErrors().Single<MsInteractionRuleGroup>();
            Assert.Equal("rg-shop", g.GroupName);
            Assert.NotNull(g.InteractionRules);
            Assert.NotNull(g.CreateTime);                      // read back with ShowInteractionRuleGroup
            Assert.Equal(new[] { "price", "hello" }, g.InteractionRules.Select(x => x.RuleName));
            Assert.Equal(new[] { "It is on the card", "See the link" }, g.InteractionRules[0].Trigger?.ReplyTexts);
            Assert.Equal("REGEX", g.InteractionRules[0].HitCondition?.Tags?[0].Match);
            Assert.NotNull(g.GroupId);
            Assert.Equal(2, _emu.State.RuleGroups[g.GroupId].Rules.Count);
            Assert.Contains(_emu.Log.All, e => e.Operation == "ShowInteractionRuleGroup" && e.Path.EndsWith("/" + g.GroupId, StringComparison.Ordinal));
        }

        [Fact]
        public void Libraries_are_read_with_ShowInteractionRuleGroup_never_looked_up_in_the_list()
        {
            // The list is where a just-created library can be missing (it used to be reported as an error, and a
            // retrying script created duplicates). Reads by id go to ShowInteractionRuleGroup; the list is never asked.
            using var ps = new PsSession(_emu);
            _emu.Faults.Operation = "ListInteractionRuleGroups";
            _emu.Faults.FailNext = 100;
            try
            {
                var g = ps.Run($"New-MsInteractionRuleGroup -Name 'rg-show-only' -Rule {PriceRule}").AssertNoErrors().Single<MsInteractionRuleGroup>();
                Assert.NotNull(g.InteractionRules);
                Assert.Equal("price", Assert.Single(g.InteractionRules).RuleName);
                var byId = ps.Run($"Get-MsInteractionRuleGroup -GroupId {g.GroupId}").AssertNoErrors().Single<MsInteractionRuleGroup>();
                Assert.NotNull(byId.InteractionRules);
                Assert.Equal(("rg-show-only", "price"), (byId.GroupName, Assert.Single(byId.InteractionRules).RuleName));
                var rerules = ps.Run($"Set-MsInteractionRuleGroup -GroupId {g.GroupId} -Rule @{{ rule_name = 'likes'; event_type = 3; trigger = @{{ reply_texts = @('Thanks!') }} }}")
                    .AssertNoErrors().Single<MsInteractionRuleGroup>();
                Assert.Equal("rg-show-only", rerules.GroupName);
                Assert.Equal(1, _emu.State.RuleGroups.Values.Count(x => x.GroupName == "rg-show-only"));
                Assert.Equal(100, _emu.Faults.FailNext);   // no list request was made
                Assert.Equal(3, _emu.Log.All.Count(e => e.Operation == "ShowInteractionRuleGroup" && e.Path.EndsWith("/" + g.GroupId, StringComparison.Ordinal)));
            }
            finally
            {
                _emu.Faults.Reset();
            }
        }

        [Fact]
        public void List_filters_pages_and_pipes_into_set_and_remove()
        {
            using var ps = new PsSession(_emu);
            ps.Run($"1..3 | ForEach-Object {{ New-MsInteractionRuleGroup -Name \"rg-pipe-$_\" -Rule {PriceRule} }} | Out-Null").AssertNoErrors();
            var listed = ps.Run("Get-MsInteractionRuleGroup -Name 'rg-pipe-' -First 2").AssertNoErrors().All<MsInteractionRuleGroup>().ToList();
            Assert.Equal(new[] { "rg-pipe-1", "rg-pipe-2" }, listed.Select(x => x.GroupName));
            Assert.Single(ps.Run("Get-MsInteractionRuleGroup -Name 'rg-pipe-' -Skip 2").AssertNoErrors().Output);
            Assert.Equal(3, ps.Run("Get-MsInteractionRuleGroup -Name 'rg-pipe-' -StartTime ([datetime]::UtcNow.AddMinutes(-5)) -EndTime ([datetime]::UtcNow.AddMinutes(5))").AssertNoErrors().Output.Count);
            Assert.Empty(ps.Run("Get-MsInteractionRuleGroup -Name 'rg-pipe-' -StartTime ([datetime]::UtcNow.AddMinutes(5))").AssertNoErrors().Output);
            Assert.Contains("create_since=", _emu.Log.All.Last(e => e.Operation == "ListInteractionRuleGroups").Query);

            // -GroupId reads one library with its rules (ShowInteractionRuleGroup); the list leaves rules out.
            var byId = ps.Run($"Get-MsInteractionRuleGroup -GroupId {listed[1].GroupId}").AssertNoErrors().Single<MsInteractionRuleGroup>();
            Assert.Equal("rg-pipe-2", byId.GroupName);
            Assert.NotNull(byId.InteractionRules);
            Assert.Equal("price", Assert.Single(byId.InteractionRules).RuleName);

            var table = ps.Run("Get-MsInteractionRuleGroup -Name 'rg-pipe-' | Out-Host").AssertNoErrors().HostText;
            Assert.Contains("GroupName", table);
            Assert.Contains("rg-pipe-3", table);

            // Renaming alone keeps the rules; the answer carries them.
            var renamed = ps.Run("Get-MsInteractionRuleGroup -Name 'rg-pipe-1' | Set-MsInteractionRuleGroup -Name 'rg-renamed'").AssertNoErrors().Single<MsInteractionRuleGroup>();
            Assert.Equal("rg-renamed", renamed.GroupName);
            Assert.NotNull(renamed.InteractionRules);
            Assert.Equal("price", Assert.Single(renamed.InteractionRules).RuleName);
            Assert.Equal("1", renamed.InteractionRules[0].RuleIndex);

            // New rules alone keep the name (read with ShowInteractionRuleGroup, as the body needs it).
            var rerules = ps.Run("Get-MsInteractionRuleGroup -Name 'rg-renamed' | Set-MsInteractionRuleGroup -Rule @{ rule_name = 'likes'; event_type = 3; trigger = @{ reply_texts = @('Thanks!') } }")
                .AssertNoErrors().Single<MsInteractionRuleGroup>();
            Assert.Equal("rg-renamed", rerules.GroupName);
            Assert.NotNull(rerules.InteractionRules);
            Assert.Equal("likes", Assert.Single(rerules.InteractionRules).RuleName);
            Assert.Contains("Thanks!", ps.Run("$x = Get-MsInteractionRuleGroup -Name 'rg-renamed' | Set-MsInteractionRuleGroup -Name 'rg-renamed'; $x.InteractionRules | Out-Host").AssertNoErrors().HostText);

            ps.Run("Get-MsInteractionRuleGroup -Name 'rg-pipe-' | Remove-MsInteractionRuleGroup -Force").AssertNoErrors();
            Assert.Equal(new[] { "rg-renamed" }, ps.Run("Get-MsInteractionRuleGroup -Name 'rg-'").All<MsInteractionRuleGroup>().Select(x => x.GroupName));
        }

        [Fact]
        public void Unknown_library_id_is_a_clear_not_found_error()
        {
            using var ps = new PsSession(_emu);
            const string id = "0123456789abcdef0123456789abcdef";
            var r = ps.Run($"Get-MsInteractionRuleGroup -GroupId {id}; Set-MsInteractionRuleGroup -GroupId {id} -Name n; Set-MsInteractionRuleGroup -GroupId {id} -Rule @{{ rule_name = 'a' }}; Remove-MsInteractionRuleGroup {id} -Force; 'after'");
            var errors = r.AllErrors.ToList();
            Assert.Equal(4, errors.Count);
            Assert.All(errors, e =>
            {
                Assert.Equal(id, e.TargetObject);
                Assert.Equal(System.Management.Automation.ErrorCategory.ObjectNotFound, e.CategoryInfo.Category);
                Assert.Contains("does not exist", e.ToString());
            });
            Assert.All(errors, e => Assert.Equal("MSS.00000003", Code(e)));               // answered by the service, Show included
            Assert.Equal("after", r.Output.Single().BaseObject);
        }

        [Fact]
        public void WhatIf_sends_nothing()
        {
            using var ps = new PsSession(_emu);
            var id = ps.Run("(New-MsInteractionRuleGroup -Name 'rg-whatif').GroupId").AssertNoErrors().Output.Single().ToString();
            var before = _emu.Log.All.Count;
            var r = ps.Run($"New-MsInteractionRuleGroup -Name x -WhatIf; Set-MsInteractionRuleGroup -GroupId {id} -Name y -WhatIf; Remove-MsInteractionRuleGroup -GroupId {id} -WhatIf -Force; " +
                           $"Get-MsInteractionRuleGroup -GroupId {id} | Remove-MsInteractionRuleGroup -WhatIf")
                .AssertNoErrors();
            Assert.Empty(r.Output);
            Assert.Contains("What if:", r.HostText);
            Assert.DoesNotContain(_emu.Log.All.Skip(before), e => e.Method != "GET");
            Assert.True(_emu.State.RuleGroups.ContainsKey(id));

            // $WhatIfPreference wins over -Force too.
            var pref = ps.Run($"$WhatIfPreference = $true; Remove-MsInteractionRuleGroup -GroupId {id} -Force");
            Assert.Contains("What if:", pref.HostText);
            Assert.DoesNotContain(_emu.Log.All.Skip(before), e => e.Method != "GET");
            Assert.True(_emu.State.RuleGroups.ContainsKey(id));
        }

        [Theory]
        [InlineData("@{ event_type = 5 }", "event_type")]
        [InlineData("@{ hit_condition = @{ priority = 1000 } }", "999")]
        [InlineData("@{ hit_condition = @{ relation = 'XOR' } }", "$.interaction_rules[0].hit_condition.relation: 'XOR' is not a value of 'relation'. Allowed: AND, OR, RESERVED.", "MetaStudio.SpecViolation")]
        [InlineData("@{ trigger = @{ reply_texts = @('1','2','3','4','5','6') } }", "at most 5")]
        [InlineData("@{ trigger = @{ reply_texts = @(('a' * 1025)) } }", "1024")]
        [InlineData("@{ trigger = @{ reply_mode = 'SHOUT' } }", "$.interaction_rules[0].trigger.reply_mode: 'SHOUT' is not a value of 'reply_mode'", "MetaStudio.SpecViolation")]
        [InlineData("@{ trigger = @{ reply_mode = 'INTELLIGENT_REPLY' } }", "robot_id")]
        [InlineData("@{ trigger = @{ reply_order = 'SHUFFLE' } }", "Allowed: RANDOM, ORDER.", "MetaStudio.SpecViolation")]
        [InlineData("@{ rule_name = ('r' * 257) }", "rule_name")]
        [InlineData("@{ rule_name = 'r'; group_id = 'g' }", "$.interaction_rules[0].group_id: InteractionRuleInfo has no field 'group_id'", "MetaStudio.SpecViolation")]
        [InlineData("'not json'", "-Rule")]
        public void Invalid_rules_are_rejected_before_any_request(string rule, string expected, string code = "MetaStudio.InvalidInput")
        {
            using var ps = new PsSession(_emu);
            var before = _emu.Log.All.Count;
            foreach (var script in new[] { $"New-MsInteractionRuleGroup -Name x -Rule {rule}", $"Set-MsInteractionRuleGroup -GroupId abc -Rule {rule}" })
            {
                var error = Assert.Single(ps.Run(script).AllErrors);
                Assert.Equal(code, Code(error));
                Assert.Contains(expected, error.Exception.Message);
            }
            Assert.Equal(before, _emu.Log.All.Count);
        }

        [Fact]
        public void Set_without_changes_and_bad_names_send_nothing()
        {
            using var ps = new PsSession(_emu);
            var before = _emu.Log.All.Count;
            Assert.Equal("MetaStudio.InvalidInput", Code(Assert.Single(ps.Run("Set-MsInteractionRuleGroup -GroupId abc").AllErrors)));
            Assert.Contains(ps.Run("New-MsInteractionRuleGroup -Name ('n' * 257)").AllErrors, e => e.FullyQualifiedErrorId.StartsWith("ParameterArgumentValidationError", StringComparison.Ordinal));
            Assert.Contains(ps.Run("Remove-MsInteractionRuleGroup -GroupId 'a/b' -Force").AllErrors, e => e.FullyQualifiedErrorId.StartsWith("ParameterArgumentValidationError", StringComparison.Ordinal));
            Assert.Equal(before, _emu.Log.All.Count);
        }
    }
}
