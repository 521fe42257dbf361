#nullable enable
using System;
using System.Collections.Generic;
using System.Security.Cryptography;
using System.Text;

namespace MetaStudio.PowerShell.Core.Auth
{
    /// <summary>
    /// The buffers and the SHA-256 hasher one signature needs, kept per thread and reused by every signature that
    /// thread computes: signing is synchronous (no await between taking and returning them), so one set per thread
    /// is never shared. A nested or failed signature takes a fresh set; a failed one is not returned, so a hasher
    /// left half-way is never reused. Secret bytes (the key and the HMAC pads) are cleared before a set is returned.
    /// </summary>
    internal sealed class SigningScratch
    {
        private const int KeepChars = 16 * 1024;
        public const int BlockSize = 64;

        [ThreadStatic] private static SigningScratch? _cached;

        public readonly StringBuilder Text = new StringBuilder(1024);
        public readonly StringBuilder Result = new StringBuilder(256);
        public readonly List<KeyValuePair<string, string>> Headers = new List<KeyValuePair<string, string>>(8);
        public readonly List<KeyValuePair<string, string>> Query = new List<KeyValuePair<string, string>>(4);
        public readonly IncrementalHash Sha256 = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        public readonly byte[] Pad = new byte[BlockSize];
        public char[] Chars = new char[1024];
        public byte[] Bytes = new byte[1024];
        /// <summary>The secret key's UTF-8 bytes while a credential signs (cleared after each signature).</summary>
        public char[] KeyChars = new char[64];
        public byte[] KeyBytes = new byte[128];

        public static SigningScratch Rent()
        {
            var s = _cached;
            if (s == null) return new SigningScratch();
            _cached = null;
            return s;
        }

        /// <summary>Gives the set back to this thread, cleared; only after a signature that completed.</summary>
        public static void Return(SigningScratch s)
        {
            s.ClearSecrets();
            s.Headers.Clear();
            s.Query.Clear();
            if (s.Text.Capacity > KeepChars || s.Chars.Length > KeepChars) return;   // an outsized request: let it go
            s.Text.Clear();
            s.Result.Clear();
            _cached = s;
        }

        /// <summary>Zeroes the key and the pads (also when a failed signature's set is dropped).</summary>
        public void ClearSecrets()
        {
            Array.Clear(Pad, 0, Pad.Length);
            Array.Clear(KeyChars, 0, KeyChars.Length);
            Array.Clear(KeyBytes, 0, KeyBytes.Length);
        }

        /// <summary>The UTF-8 bytes of <see cref="Text"/> in <see cref="Bytes"/>; returns their count.</summary>
        public int TextToUtf8()
        {
            var length = Text.Length;
            if (Chars.Length < length) Chars = new char[Math.Max(length, Chars.Length * 2)];
            Text.CopyTo(0, Chars, 0, length);
            var max = Encoding.UTF8.GetMaxByteCount(length);
            if (Bytes.Length < max) Bytes = new byte[max];
            return Encoding.UTF8.GetBytes(Chars, 0, length, Bytes, 0);
        }

        /// <summary>SHA-256 of <paramref name="data"/>[0..length), with the reused hasher.</summary>
        public byte[] Hash(byte[] data, int length)
        {
            Sha256.AppendData(data, 0, length);
            return Sha256.GetHashAndReset();
        }

        /// <summary>
        /// HMAC-SHA256 (RFC 2104) of data[0..length) under key[0..keyLength), computed with the reused hasher and pad:
        /// no HMAC object per call, and no copy of the key kept once it returns.
        /// </summary>
        public byte[] Hmac(byte[] key, int keyLength, byte[] data, int length)
        {
            byte[]? hashedKey = null;
            try
            {
                if (keyLength > BlockSize)
                {
                    hashedKey = Hash(key, keyLength);
                    key = hashedKey;
                    keyLength = hashedKey.Length;
                }
                for (var i = 0; i < BlockSize; i++) Pad[i] = (byte)((i < keyLength ? key[i] : 0) ^ 0x36);
                Sha256.AppendData(Pad);
                Sha256.AppendData(data, 0, length);
                var inner = Sha256.GetHashAndReset();
                for (var i = 0; i < BlockSize; i++) Pad[i] = (byte)((i < keyLength ? key[i] : 0) ^ 0x5c);
                Sha256.AppendData(Pad);
                Sha256.AppendData(inner);
                return Sha256.GetHashAndReset();
            }
            finally
            {
                Array.Clear(Pad, 0, Pad.Length);
                if (hashedKey != null) Array.Clear(hashedKey, 0, hashedKey.Length);
            }
        }
    }
}
