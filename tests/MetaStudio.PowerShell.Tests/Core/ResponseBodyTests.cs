using System;
using System.IO;
using System.Linq;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using MetaStudio.PowerShell.Core.Http;
using Xunit;

namespace MetaStudio.PowerShell.Tests.Core
{
    /// <summary>Answers read whole: with an announced length into one array, chunked ones through pooled buffers.</summary>
    public class ResponseBodyTests
    {
        /// <summary>A stream that gives a few bytes at a time and cannot say its length (as a chunked answer).</summary>
        private sealed class Trickle : MemoryStream
        {
            public Trickle(byte[] data) : base(data) { }
            public override bool CanSeek => false;
            public override int Read(byte[] buffer, int offset, int count) => base.Read(buffer, offset, Math.Min(count, 777));
            public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken token) => Task.FromResult(Read(buffer, offset, count));
        }

        private static byte[] Data(int n) => Enumerable.Range(0, n).Select(i => (byte)(i * 7 + 3)).ToArray();

        [Theory]
        [InlineData(0)]
        [InlineData(1)]
        [InlineData(16 * 1024)]
        [InlineData(16 * 1024 + 1)]
        [InlineData(300_000)]
        public async Task Every_size_reads_back_exactly_with_and_without_a_length(int size)
        {
            var data = Data(size);
            using var known = new ByteArrayContent(data);
            Assert.Equal(size, known.Headers.ContentLength);
            Assert.Equal(data, await ResponseBody.ReadAsync(known, CancellationToken.None));

            using var chunked = new StreamContent(new Trickle(data));
            Assert.Null(chunked.Headers.ContentLength);
            Assert.Equal(data, await ResponseBody.ReadAsync(chunked, CancellationToken.None));
        }

        [Fact]
        public async Task An_answer_shorter_than_its_length_is_a_network_failure()
        {
            using var content = new StreamContent(new Trickle(Data(100)));
            content.Headers.ContentLength = 500;
            var ex = await Assert.ThrowsAsync<IOException>(() => ResponseBody.ReadAsync(content, CancellationToken.None));
            Assert.Contains("100 of its 500", ex.Message);
        }

        [Fact]
        public async Task No_content_is_an_empty_body()
        {
            Assert.Empty(await ResponseBody.ReadAsync(null, CancellationToken.None));
        }
    }
}
