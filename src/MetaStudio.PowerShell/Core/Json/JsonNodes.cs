using System.Globalization;
using System.Text.Json.Nodes;

namespace MetaStudio.PowerShell.Core.Json
{
    /// <summary>
    /// Reading loosely typed values out of request bodies built from user input (hashtables can carry
    /// "25" where the API wants 25): the local checks compare what will be sent, whatever its JSON type.
    /// </summary>
    internal static class JsonNodes
    {
        public static string? Str(JsonNode? node)
        {
            if (node == null) return null;
            if (node is JsonValue v && v.TryGetValue<string>(out var s)) return s;
            return node.ToJsonString().Trim('"');
        }

        public static double? Number(JsonNode? node)
        {
            var text = Str(node);
            return text != null && double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) ? d : (double?)null;
        }
    }
}
