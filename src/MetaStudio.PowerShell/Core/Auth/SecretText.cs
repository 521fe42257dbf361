using System;
using System.Diagnostics.CodeAnalysis;
using System.Runtime.InteropServices;
using System.Security;
using System.Text;

namespace MetaStudio.PowerShell.Core.Auth
{
    /// <summary>
    /// Moves secrets between SecureString and the byte arrays the signer needs, for as short a time
    /// as possible. Nothing here ever returns a secret as a string except Reveal, used only to put a
    /// token into a header or an IAM request body.
    /// </summary>
    internal static class SecretText
    {
        [return: NotNullIfNotNull(nameof(plain))]
        public static SecureString? ToSecureString(string? plain)
        {
            if (plain == null) return null;
            var s = new SecureString();
            foreach (var c in plain) s.AppendChar(c);
            s.MakeReadOnly();
            return s;
        }

        public static bool IsNullOrEmpty([NotNullWhen(false)] SecureString? s) => s == null || s.Length == 0;

        /// <summary>Runs <paramref name="use"/> with the UTF-8 bytes of the secret, then zeroes them.</summary>
        public static T WithUtf8Bytes<T>(SecureString secret, Func<byte[], T> use)
        {
            var ptr = IntPtr.Zero;
            char[]? chars = null;
            byte[]? bytes = null;
            try
            {
                ptr = Marshal.SecureStringToGlobalAllocUnicode(secret);
                chars = new char[secret.Length];
                Marshal.Copy(ptr, chars, 0, chars.Length);
                bytes = Encoding.UTF8.GetBytes(chars);
                return use(bytes);
            }
            finally
            {
                if (ptr != IntPtr.Zero) Marshal.ZeroFreeGlobalAllocUnicode(ptr);
                if (chars != null) Array.Clear(chars, 0, chars.Length);
                if (bytes != null) Array.Clear(bytes, 0, bytes.Length);
            }
        }

        /// <summary>
        /// Writes the UTF-8 bytes of the secret into <paramref name="bytes"/> (grown if too small) and returns their
        /// count, for a caller that reuses its buffers and clears them when done; <paramref name="chars"/> is cleared here.
        /// </summary>
        public static int CopyUtf8(SecureString secret, ref char[] chars, ref byte[] bytes)
        {
            var ptr = IntPtr.Zero;
            var length = secret.Length;
            try
            {
                ptr = Marshal.SecureStringToGlobalAllocUnicode(secret);
                if (chars.Length < length) chars = new char[length];
                Marshal.Copy(ptr, chars, 0, length);
                var max = Encoding.UTF8.GetMaxByteCount(length);
                if (bytes.Length < max)
                {
                    Array.Clear(bytes, 0, bytes.Length);
                    bytes = new byte[max];
                }
                return Encoding.UTF8.GetBytes(chars, 0, length, bytes, 0);
            }
            finally
            {
                if (ptr != IntPtr.Zero) Marshal.ZeroFreeGlobalAllocUnicode(ptr);
                Array.Clear(chars, 0, Math.Min(length, chars.Length));
            }
        }

        /// <summary>The plain text of a secret, for a header or a request body that must carry it.</summary>
        public static string? Reveal(SecureString? secret)
        {
            if (secret == null) return null;
            var ptr = IntPtr.Zero;
            try
            {
                ptr = Marshal.SecureStringToGlobalAllocUnicode(secret);
                return Marshal.PtrToStringUni(ptr, secret.Length);
            }
            finally
            {
                if (ptr != IntPtr.Zero) Marshal.ZeroFreeGlobalAllocUnicode(ptr);
            }
        }
    }
}
