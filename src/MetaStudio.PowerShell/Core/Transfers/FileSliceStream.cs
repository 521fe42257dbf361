using System;
using System.IO;
using System.Threading;
using System.Security.Cryptography;

namespace MetaStudio.PowerShell.Core.Transfers
{
    /// <summary>
    /// A read-only window [offset, offset+length) of a file, streamed from disk, that reports bytes
    /// read. Uploads use one per attempt, so a file or part is never held in memory.
    /// </summary>
    internal sealed class FileSliceStream : Stream
    {
        private readonly FileStream _file;
        private readonly long _offset;
        private readonly long _length;
        private readonly Action<int>? _onRead;
        private long _position;

        public FileSliceStream(string path, long offset, long length, Action<int>? onRead = null)
        {
            _file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 81920, useAsync: false);
            _file.Position = offset;
            _offset = offset;
            _length = length;
            _onRead = onRead;
        }

        public override bool CanRead => true;
        public override bool CanSeek => true;
        public override bool CanWrite => false;
        public override long Length => _length;

        public override long Position
        {
            get => _position;
            set => Seek(value, SeekOrigin.Begin);
        }

        public override int Read(byte[] buffer, int offset, int count)
        {
            var left = _length - _position;
            if (left <= 0) return 0;
            var read = _file.Read(buffer, offset, (int)Math.Min(count, left));
            // The end of the file before the end of the slice: the file shrank since its size was taken.
            if (read == 0 && count > 0) throw new LocalFileChangedException(_file.Name, $"it ended {left:N0} bytes early");
            _position += read;
            if (read > 0) _onRead?.Invoke(read);
            return read;
        }

        public override long Seek(long offset, SeekOrigin origin)
        {
            var target = origin == SeekOrigin.Begin ? offset : origin == SeekOrigin.Current ? _position + offset : _length + offset;
            if (target < 0 || target > _length) throw new ArgumentOutOfRangeException(nameof(offset));
            _file.Position = _offset + target;
            return _position = target;
        }

        public override void Flush() { }
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        protected override void Dispose(bool disposing)
        {
            if (disposing) _file.Dispose();
            base.Dispose(disposing);
        }

        /// <summary>MD5 of a slice; checks the token between reads, as a large slice takes a while to hash.</summary>
        public static string Md5Base64(string path, long offset, long length, CancellationToken token)
        {
            using (var md5 = MD5.Create())
            using (var slice = new FileSliceStream(path, offset, length))
            {
                var buffer = new byte[81920];
                int read;
                while ((read = slice.Read(buffer, 0, buffer.Length)) > 0)
                {
                    token.ThrowIfCancellationRequested();
                    md5.TransformBlock(buffer, 0, read, null, 0);
                }
                md5.TransformFinalBlock(buffer, 0, 0);
                return Convert.ToBase64String(md5.Hash);
            }
        }
    }
}
