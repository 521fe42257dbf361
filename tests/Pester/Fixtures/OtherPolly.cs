// Another module's cmdlet, as a neighbour of MetaStudio would ship it: built against Polly.Core's net8.0
// build (TimeProvider from the .NET runtime, not Microsoft.Bcl.TimeProvider), its Polly.Core.dll next to it.
// Isolation.Tests.ps1 compiles it at test time; it is never part of the module.
using System;
using System.Management.Automation;
using Polly;

namespace OtherPolly
{
    [Cmdlet(VerbsLifecycle.Invoke, "OtherPolly")]
    public sealed class InvokeOtherPollyCommand : PSCmdlet
    {
        protected override void ProcessRecord()
        {
            // set_TimeProvider(System.TimeProvider) exists only in Polly's .NET 8 build: with another module's
            // netstandard2.0 Polly.Core in the shared context this line throws MissingMethodException.
            var pipeline = new ResiliencePipelineBuilder { TimeProvider = TimeProvider.System }
                .AddTimeout(TimeSpan.FromSeconds(30))
                .Build();
            var polly = typeof(ResiliencePipeline).Assembly;
            var result = new PSObject();
            result.Properties.Add(new PSNoteProperty("Answer", pipeline.Execute(() => 42)));
            result.Properties.Add(new PSNoteProperty("PollyLocation", polly.Location));
            WriteObject(result);
        }
    }
}
