using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using System.Text.Json.Nodes;
using MetaStudio.PowerShell.Core.Catalog;
using MetaStudio.Emulator.Infrastructure;
using MetaStudio.Emulator.State;
using static MetaStudio.Emulator.Infrastructure.Wire;

namespace MetaStudio.Emulator.Handlers
{
    /// <summary>
    /// Live products (CreateProduct … SetProductAsset). UpdateProduct replaces every field but the state
    /// (kept when not sent); assets must exist in the caller's project (MSS.10001001) and be of the type
    /// declared; an unknown product is answered 404 MSS.00000003. Lists filter by name and tag (contains,
    /// case-insensitive), state and creation time, sorted by create_time ascending unless asked otherwise.
    /// </summary>
    internal sealed class ProductHandlers : IHandlerGroup
    {
        private static readonly string[] MediaTypes = { "IMAGE", "VIDEO", "AUDIO" };
        private static readonly string[] States = { "ACTIVED", "UNACTIVED", "BLOCK", "DELETED" };
        private static readonly string[] SortKeys = { "create_time", "update_time", "asset_order" };
        private EmulatorState? _state;
        // Register sets it, and only Register makes these handlers reachable.
        private EmulatorState State => _state ?? throw new InvalidOperationException("The handler group is not registered.");

        public void Register(EmulatorHost host)
        {
            _state = host.State;
            State.OnClear(() => State.Products.Clear());
            var h = host.Handlers;
            h.Add(OperationId.CreateProduct, Create);
            h.Add(OperationId.ListProducts, List);
            h.Add(OperationId.ShowProduct, r => EmuResponse.Ok(View(Find(r))));
            h.Add(OperationId.UpdateProduct, Update);
            h.Add(OperationId.DeleteProduct, r =>
            {
                State.Products.TryRemove(Find(r).ProductId, out _);
                return EmuResponse.NoContent();
            });
            h.Add(OperationId.SetProductAsset, SetAsset);
        }

        private EmuResponse Create(EmuRequest r)
        {
            var body = r.Json() ?? throw EmuError.Invalid("The request body is required.");
            var product = new ProductRecord { ProjectId = r.ProjectId };
            Apply(r, product, body);
            product.State = body["auto_active"] is JsonValue v && v.TryGetValue<bool>(out var active) && active ? "ACTIVED" : "UNACTIVED";
            State.Products[product.ProductId] = product;
            return EmuResponse.Ok(new JsonObject { ["product_id"] = product.ProductId });
        }

        private EmuResponse Update(EmuRequest r)
        {
            var product = Find(r);
            var body = r.Json() ?? throw EmuError.Invalid("The request body is required.");
            var state = Str(body["state"]);
            lock (product)
            {
                Apply(r, product, body);
                if (state != null) product.State = state;
                product.UpdateTime = DateTimeOffset.UtcNow;
            }
            return EmuResponse.NoContent();
        }

        private EmuResponse List(EmuRequest r)
        {
            var name = r.Query("name");
            var tag = r.Query("tag");
            var states = r.Query("state")?.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            if (states != null && states.Any(s => !States.Contains(s))) throw EmuError.Invalid($"state '{r.Query("state")}' has a value other than {string.Join(", ", States)}.");
            var since = r.QueryTime("create_since");
            var until = r.QueryTime("create_until");
            var sortKey = r.Query("sort_key") ?? "create_time";
            if (!SortKeys.Contains(sortKey)) throw EmuError.Invalid($"sort_key '{sortKey}' is not one of {string.Join(", ", SortKeys)}.");
            var sortDir = r.Query("sort_dir") ?? "asc";
            if (sortDir is not ("asc" or "desc")) throw EmuError.Invalid($"sort_dir '{sortDir}' must be asc or desc.");

            var matches = State.Products.Values
                .Where(p => p.ProjectId == r.ProjectId)
                .Where(p => name == null || p.Name?.Contains(name, StringComparison.OrdinalIgnoreCase) == true)
                .Where(p => tag == null || p.Tags.Any(t => t.Contains(tag, StringComparison.OrdinalIgnoreCase)))
                .Where(p => states == null || states.Contains(p.State))
                .Where(p => (since == null || p.CreateTime >= since) && (until == null || p.CreateTime <= until));
            // asset_order orders the service's own showcase; here it falls back to creation time.
            Func<ProductRecord, DateTimeOffset> key = sortKey == "update_time" ? p => p.UpdateTime : p => p.CreateTime;
            var sorted = (sortDir == "desc" ? matches.OrderByDescending(key) : matches.OrderBy(key)).ThenBy(p => p.ProductId, StringComparer.Ordinal).ToList();
            var (offset, limit) = r.Paging();
            var page = new JsonArray(sorted.Skip(offset).Take(limit).Select(View).ToArray<JsonNode>());
            return EmuResponse.Ok(new JsonObject { ["count"] = sorted.Count, ["products"] = page });
        }

        private EmuResponse SetAsset(EmuRequest r)
        {
            var product = Find(r);
            var body = r.Json() ?? throw EmuError.Invalid("The request body is required.");
            var action = Str(body["action"]);
            var assetItem = body["asset_item"] as JsonObject;
            var textItem = body["text_item"] as JsonObject;
            if (assetItem == null && textItem == null) throw EmuError.Invalid("Give asset_item or text_item.");
            var media = assetItem == null ? null : ReadMedia(r, assetItem);
            var text = textItem == null ? null : ReadText(textItem);
            lock (product)
            {
                if (action == "LINK")
                {
                    if (media != null)
                    {
                        product.Media.RemoveAll(m => m.AssetId == media.AssetId);
                        product.Media.Add(media);
                    }
                    if (text != null && !product.Texts.Contains(text)) product.Texts.Add(text);
                }
                else
                {
                    if (media != null && product.Media.RemoveAll(m => m.AssetId == media.AssetId) == 0)
                        throw EmuError.Invalid($"Asset '{media.AssetId}' is not linked to product '{product.ProductId}'.");
                    if (text != null && product.Texts.RemoveAll(t => t.Text == text.Text && (text.Title == null || t.Title == text.Title)) == 0)
                        throw EmuError.Invalid($"Product '{product.ProductId}' has no such text.");
                }
                product.UpdateTime = DateTimeOffset.UtcNow;
            }
            return EmuResponse.NoContent();
        }

        private ProductRecord Find(EmuRequest r)
        {
            var id = r.Path("product_id");
            if (id != null && State.Products.TryGetValue(id, out var p) && p.ProjectId == r.ProjectId) return p;
            throw EmuError.NotFound("MSS.00000003", $"The product '{id}' does not exist.");
        }

        /// <summary>Checks a create or update body whole, then sets every field it carries (absent ones become empty).</summary>
        private void Apply(EmuRequest r, ProductRecord product, JsonObject body)
        {
            var name = Str(body["name"]);
            if (string.IsNullOrWhiteSpace(name) || name.Length > 256) throw EmuError.Invalid("name is required (1 to 256 characters).");
            var tags = (body["tags"] as JsonArray)?.Select(t => Str(t) ?? throw EmuError.Invalid("tags must be strings.")).ToList() ?? new List<string>();
            if (tags.Count > 50) throw EmuError.Invalid("tags: at most 50 tags.");
            if (tags.Any(t => string.IsNullOrEmpty(t) || Encoding.UTF8.GetByteCount(t) > 16)) throw EmuError.Invalid("tags: each tag is 1 to 16 bytes.");
            var cover = Str(body["cover"]?["asset_id"]);
            if (cover != null) RequireAsset(r, cover);
            var texts = (body["text_list"] as JsonArray)?.OfType<JsonObject>().Select(ReadText).ToList() ?? new List<ProductText>();
            var media = (body["asset_list"] as JsonArray)?.OfType<JsonObject>().Select(m => ReadMedia(r, m)).ToList() ?? new List<ProductMedia>();

            product.Name = name;
            product.Description = Str(body["description"]);
            product.Tags = tags;
            product.CoverAssetId = cover;
            product.Texts = texts;
            product.Media = media;
        }

        private ProductMedia ReadMedia(EmuRequest r, JsonObject item)
        {
            var id = Str(item["asset_id"]);
            var type = Str(item["asset_type"]);
            if (type == null || !MediaTypes.Contains(type)) throw EmuError.Invalid($"asset_type '{type}' must be IMAGE, VIDEO or AUDIO.");
            var asset = RequireAsset(r, id);
            if (asset.AssetType != type) throw EmuError.Invalid($"Asset '{id}' is {asset.AssetType}, not {type}.");
            var order = Num(item["order"]) ?? 0;
            if (order < 0 || order != Math.Floor(order)) throw EmuError.Invalid("order must be a whole number of 0 or more.");
            return new ProductMedia(asset.AssetId, type, (int)order, State.NextProductMediaSequence());
        }

        private static ProductText ReadText(JsonObject item)
        {
            var text = Str(item["text"]);
            if (string.IsNullOrEmpty(text)) throw EmuError.Invalid("text_item.text is required.");
            return new ProductText(Str(item["title"]), text);
        }

        private AssetRecord RequireAsset(EmuRequest r, string? assetId)
            => State.FindAsset(r.ProjectId, assetId) ?? throw EmuError.BadRequest("MSS.10001001", $"Asset '{assetId}' does not exist.");

        private JsonObject View(ProductRecord p)
        {
            lock (p)
            {
                var media = p.Media.OrderBy(m => m.Order == 0 ? int.MaxValue : m.Order).ThenBy(m => m.Added).ToList();
                var coverId = p.CoverAssetId ?? media.FirstOrDefault(m => m.AssetType == "IMAGE")?.AssetId;
                return new JsonObject
                {
                    ["product_id"] = p.ProductId,
                    ["name"] = p.Name,
                    ["description"] = p.Description,
                    ["tags"] = new JsonArray(p.Tags.Select(t => (JsonNode)t).ToArray()),
                    ["cover"] = coverId == null ? null : new JsonObject { ["asset_id"] = coverId },
                    ["text_list"] = new JsonArray(p.Texts.Select(t => (JsonNode)new JsonObject { ["title"] = t.Title, ["text"] = t.Text }).ToArray()),
                    ["asset_list"] = new JsonArray(media.Select(m =>
                    {
                        var asset = State.FindAsset(p.ProjectId, m.AssetId);
                        return (JsonNode)new JsonObject
                        {
                            ["asset_id"] = m.AssetId, ["asset_type"] = m.AssetType, ["order"] = m.Order,
                            ["asset_name"] = asset?.AssetName, ["asset_state"] = asset?.AssetState ?? "DELETED",
                        };
                    }).ToArray()),
                    ["state"] = p.State,
                    ["create_time"] = Time(p.CreateTime),
                    ["update_time"] = Time(p.UpdateTime),
                };
            }
        }
    }
}
