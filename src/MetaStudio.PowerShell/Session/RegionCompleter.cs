using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Language;
using MetaStudio.PowerShell.Core.Catalog;

namespace MetaStudio.PowerShell.Session
{
    /// <summary>Tab completion of the regions MetaStudio serves.</summary>
    internal sealed class RegionCompleter : IArgumentCompleter
    {
        public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete,
            CommandAst commandAst, IDictionary fakeBoundParameters)
            => Regions.Known.Where(r => r.StartsWith(wordToComplete ?? "", System.StringComparison.OrdinalIgnoreCase))
                .Select(r => new CompletionResult(r));
    }
}
