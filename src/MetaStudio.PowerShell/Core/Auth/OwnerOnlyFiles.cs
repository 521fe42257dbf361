using System;
using System.Globalization;
using System.ComponentModel;
using System.IO;
using System.Reflection;
using System.Runtime.InteropServices;

namespace MetaStudio.PowerShell.Core.Auth
{
    /// <summary>
    /// Files only their owner may read: mode 600 (folders 700) on Linux and macOS, a protected ACL that grants the
    /// current user alone on Windows. netstandard2.0 has neither File.SetUnixFileMode (.NET 7+, used through
    /// reflection where the runtime has it, libc chmod otherwise) nor the ACL types (reached through advapi32).
    /// </summary>
    internal static class OwnerOnlyFiles
    {
        private const int OwnerReadWrite = 0x180;        // 0600
        private const int OwnerReadWriteSearch = 0x1C0;  // 0700
        private const int GroupOrOtherAccess = 0x3F;     // 0077

        private static bool IsWindows => RuntimeInformation.IsOSPlatform(OSPlatform.Windows);

        /// <summary>Restricts a file (or folder) to its owner.</summary>
        public static void Restrict(string path, bool directory = false)
        {
            if (IsWindows) RestrictWindows(path, directory);
            else SetUnixMode(path, directory ? OwnerReadWriteSearch : OwnerReadWrite);
        }

        /// <summary>
        /// The file's mode as octal text when its group or other users may access it; null when only the owner
        /// may, or when the runtime cannot tell (Windows ACLs are not inspected; .NET before 7 has no mode API).
        /// </summary>
        public static string? ModeIfOthersCanAccess(string path)
        {
            if (IsWindows) return null;
            var get = typeof(File).GetMethod("GetUnixFileMode", new[] { typeof(string) });
            if (get == null) return null;
            var mode = Convert.ToInt32(get.Invoke(null, new object[] { path }), CultureInfo.InvariantCulture);
            return (mode & GroupOrOtherAccess) != 0 ? Convert.ToString(mode & 0xFFF, 8).PadLeft(4, '0') : null;
        }

        /// <summary>The warning for a credentials file others may read, or null; a check that cannot run gives no warning.</summary>
        public static string? OthersCanReadWarning(string path)
        {
            string? mode;
            try
            {
                mode = ModeIfOthersCanAccess(path);
            }
            catch (Exception)
            {
                return null;  // a permission check that cannot run must not stop a connection
            }
            return mode == null ? null : $"The credentials file '{path}' can be read by other users (mode {mode}). Restrict it to yourself: chmod 600 '{path}'.";
        }

        private static void SetUnixMode(string path, int mode)
        {
            var modeType = typeof(File).Assembly.GetType("System.IO.UnixFileMode");
            var set = modeType == null ? null : typeof(File).GetMethod("SetUnixFileMode", new[] { typeof(string), modeType });
            if (set != null)
            {
                try
                {
                    set.Invoke(null, new[] { path, Enum.ToObject(modeType, mode) });
                }
                catch (TargetInvocationException ex) when (ex.InnerException != null)
                {
                    throw ex.InnerException;
                }
                return;
            }
            if (chmod(path, mode) != 0)
                throw new IOException($"Could not restrict '{path}' to its owner (chmod failed, errno {Marshal.GetLastWin32Error()}).");
        }

        [DllImport("libc", SetLastError = true, CharSet = CharSet.Ansi, BestFitMapping = false, ThrowOnUnmappableChar = true)]
        private static extern int chmod(string path, int mode);

        // Windows: "D:P(A;OICI;FA;;;<sid>)" is a protected DACL (nothing inherited) with one full-access entry for the
        // current user. The SID comes from WindowsIdentity, which both editions have (mscorlib on 5.1,
        // System.Security.Principal.Windows on 7) but netstandard2.0 does not expose.
        private static void RestrictWindows(string path, bool directory)
        {
            var sid = CurrentUserSid();
            var sddl = directory ? $"D:P(A;OICI;FA;;;{sid})" : $"D:P(A;;FA;;;{sid})";
            if (!ConvertStringSecurityDescriptorToSecurityDescriptorW(sddl, 1, out var descriptor, IntPtr.Zero))
                throw new Win32Exception(Marshal.GetLastWin32Error(), $"Could not build an owner-only ACL for '{path}'.");
            try
            {
                // SetNamedSecurityInfo with PROTECTED_DACL_SECURITY_INFORMATION is the documented way to stop inheritance.
                const int FileObject = 1;
                const int DaclSecurityInformation = 0x4;
                const int ProtectedDaclSecurityInformation = unchecked((int)0x80000000);
                if (!GetSecurityDescriptorDacl(descriptor, out _, out var dacl, out _))
                    throw new Win32Exception(Marshal.GetLastWin32Error(), $"Could not read the owner-only ACL for '{path}'.");
                var error = SetNamedSecurityInfoW(path, FileObject, DaclSecurityInformation | ProtectedDaclSecurityInformation,
                    IntPtr.Zero, IntPtr.Zero, dacl, IntPtr.Zero);
                if (error != 0) throw new Win32Exception(error, $"Could not restrict '{path}' to the current user.");
            }
            finally
            {
                LocalFree(descriptor);
            }
        }

        private static string CurrentUserSid()
        {
            var type = Type.GetType("System.Security.Principal.WindowsIdentity, System.Security.Principal.Windows", false)
                       ?? Type.GetType("System.Security.Principal.WindowsIdentity", false);
            var identity = type?.GetMethod("GetCurrent", Type.EmptyTypes)?.Invoke(null, null);
            var user = identity?.GetType().GetProperty("User")?.GetValue(identity);
            var value = user?.GetType().GetProperty("Value")?.GetValue(user) as string;
            (identity as IDisposable)?.Dispose();
            return value ?? throw new PlatformNotSupportedException("The current Windows user's SID is not available.");
        }

        [DllImport("advapi32.dll", CharSet = CharSet.Unicode, SetLastError = true)]
        private static extern bool ConvertStringSecurityDescriptorToSecurityDescriptorW(string sddl, int revision, out IntPtr descriptor, IntPtr size);

        [DllImport("advapi32.dll", SetLastError = true)]
        private static extern bool GetSecurityDescriptorDacl(IntPtr descriptor, out bool present, out IntPtr dacl, out bool defaulted);

        [DllImport("advapi32.dll", CharSet = CharSet.Unicode)]
        private static extern int SetNamedSecurityInfoW(string path, int objectType, int securityInformation,
            IntPtr owner, IntPtr group, IntPtr dacl, IntPtr sacl);

        [DllImport("kernel32.dll")]
        private static extern IntPtr LocalFree(IntPtr memory);
    }
}
