using System;
using System.Globalization;
using System.Management.Automation;

namespace MetaStudio.PowerShell.Core.Jobs
{
    /// <summary>
    /// Lets a TimeSpan parameter take a plain number as seconds (-Timeout 30). PowerShell's own
    /// conversion would read a number as ticks, which silently turns 30 into 3 microseconds.
    /// </summary>
    internal sealed class TimeSpanSecondsAttribute : ArgumentTransformationAttribute
    {
        public override object Transform(EngineIntrinsics engineIntrinsics, object inputData)
        {
            if (inputData is PSObject pso) inputData = pso.BaseObject;
            switch (inputData)
            {
                case int i: return TimeSpan.FromSeconds(i);
                case long l: return TimeSpan.FromSeconds(l);
                case double d: return TimeSpan.FromSeconds(d);
                case decimal m: return TimeSpan.FromSeconds((double)m);
                case string s when double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out var secs): return TimeSpan.FromSeconds(secs);
                default: return inputData;
            }
        }
    }
}
