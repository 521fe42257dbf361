using System;
using System.Globalization;

namespace MetaStudio.PowerShell.Core.Model
{
    /// <summary>Byte counts as people read them (70 B, 12.3 KB, 1.5 MB, 2.0 GB), for tables and progress.</summary>
    public static class ByteSize
    {
        private static readonly string[] Units = { "B", "KB", "MB", "GB", "TB" };

        /// <summary>Binary units (1 KB = 1024 bytes), one decimal from KB on; empty for null.</summary>
        public static string Format(long? bytes)
        {
            if (!bytes.HasValue) return "";
            double value = bytes.Value;
            var unit = 0;
            while (Math.Abs(value) >= 1024 && unit < Units.Length - 1)
            {
                value /= 1024;
                unit++;
            }
            return unit == 0
                ? bytes.Value.ToString(CultureInfo.InvariantCulture) + " B"
                : value.ToString("0.0", CultureInfo.InvariantCulture) + " " + Units[unit];
        }

        /// <summary>"done of total" for a progress status, e.g. "3.0 MB of 12.5 MB".</summary>
        internal static string Progress(long done, long? total)
            => total.HasValue ? $"{Format(done)} of {Format(total)}" : Format(done);
    }
}
