#nullable enable
namespace MetaStudio.PowerShell.Core.RateLimiting.Redis
{
    /// <summary>
    /// The store's reserve-and-wait, as one Lua script that Redis runs atomically: the arithmetic of
    /// <see cref="GcraSchedule.Reserve"/> on a key that holds the schedule's theoretical arrival time (TAT), clocked by the
    /// Redis server's TIME so the hosts' clocks never matter. Microseconds throughout, as whole numbers (Lua's numbers are
    /// doubles: exact to 2^53 µs, some 285 years).
    /// <code>
    /// KEYS[1]  the (tenant, region, API) key (RateLimitKey.StoreKey)
    /// ARGV[1]  the interval one call costs (1e6 / rate)
    /// ARGV[2]  the burst tolerance ((burst - 1) × 1e6 / rate)
    /// ARGV[3]  tests only: the time to use instead of TIME
    /// returns  { wait, TAT - now }: how long the caller waits for its slot, and how far the schedule now reaches
    /// </code>
    /// The key expires one second after its TAT: by then an absent key means exactly what it held (a full bucket), so
    /// keys of tenants and APIs no longer used disappear by themselves.
    /// </summary>
    internal static class GcraScript
    {
        public const string Text = @"
if redis.replicate_commands then pcall(redis.replicate_commands) end
local now
if ARGV[3] then
  now = tonumber(ARGV[3])
else
  local t = redis.call('TIME')
  now = tonumber(t[1]) * 1000000 + tonumber(t[2])
end
local interval = tonumber(ARGV[1])
local tolerance = tonumber(ARGV[2])
local tat = tonumber(redis.call('GET', KEYS[1])) or now
if tat < now then tat = now end
local wait = tat - tolerance - now
if wait < 0 then wait = 0 end
local next = tat + interval
redis.call('SET', KEYS[1], string.format('%.0f', next), 'PX', math.ceil((next - now) / 1000) + 1000)
return { wait, next - now }
";
    }
}
