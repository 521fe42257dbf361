using System;
using System.Text;
using MetaStudio.PowerShell.Core.Json;
using MetaStudio.PowerShell.Video;
using Xunit;

namespace MetaStudio.PowerShell.Tests.Video
{
    public class VideoModelTests
    {
        [Fact]
        public void Task_reads_odd_times_leniently_and_exposes_the_output_asset_id()
        {
            var json = "{\"job_id\":\"j1\",\"state\":\"SUCCEED\",\"create_time\":\"not a time\",\"start_time\":1700000000000," +
                       "\"end_time\":\"2024-01-01T08:00:00+08:00\",\"lastupdate_time\":1700000000,\"duration\":12.5," +
                       "\"output_asset_config\":{\"asset_id\":\"a1\",\"asset_name\":\"n\"},\"new_field\":1}";
            var task = MsJson.Deserialize<MsVideoTask>(Encoding.UTF8.GetBytes(json));
            Assert.NotNull(task);
            Assert.Null(task.CreateTime);
            Assert.Equal(DateTimeOffset.FromUnixTimeMilliseconds(1700000000000).UtcDateTime, task.StartTime);
            Assert.Equal(new DateTime(2024, 1, 1, 0, 0, 0, DateTimeKind.Utc), task.EndTime);
            Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(1700000000).UtcDateTime, task.LastUpdateTime);
            Assert.Equal("a1", task.AssetId);
            Assert.True(task.IsFinished);
            Assert.Equal(1L, task.AdditionalProperties.Properties["new_field"].Value);
        }
    }
}
