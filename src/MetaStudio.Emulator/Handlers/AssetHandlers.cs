using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json.Nodes;
using MetaStudio.PowerShell.Core.Catalog;
using MetaStudio.Emulator.Infrastructure;
using MetaStudio.Emulator.State;
using static MetaStudio.Emulator.Infrastructure.Wire;

namespace MetaStudio.Emulator.Handlers
{
    /// <summary>Digital Asset Management: create, list, show, update, delete/restore, batch actions, summary.</summary>
    internal sealed class AssetHandlers : IHandlerGroup
    {
        private const int MaxBatchIds = 100;

        private static readonly IReadOnlyList<string> SummaryTypes =
            MetaStudio.PowerShell.Core.Spec.ApiSpec.Bundled.Models["DigitalAssetSummary"].Fields?["asset_type"].Enum
            ?? throw new InvalidOperationException("The spec lists no asset_type values for DigitalAssetSummary.");
        private EmulatorHost? _host;
        // Register sets it, and only Register makes these handlers reachable.
        private EmulatorHost Host => _host ?? throw new InvalidOperationException("The handler group is not registered.");

        public void Register(EmulatorHost host)
        {
            _host = host;
            var h = host.Handlers;
            h.Add(OperationId.CreateDigitalAsset, Create);
            h.Add(OperationId.ListAssets, List);
            h.Add(OperationId.ShowAsset, r => EmuResponse.Ok(View(Require(r, r.Path("asset_id")))));
            h.Add(OperationId.UpdateDigitalAsset, Update);
            h.Add(OperationId.DeleteAsset, Delete);
            h.Add(OperationId.RestoreAsset, Restore);
            h.Add(OperationId.BatchExecuteAssetAction, Batch);
            h.Add(OperationId.ListAssetSummary, Summary);
        }

        private EmulatorState State => Host.State;

        private AssetRecord Require(EmuRequest r, string assetId)
            => State.FindAsset(r.ProjectId, assetId) ?? throw EmuError.BadRequest("MSS.10001001", $"Asset '{assetId}' does not exist.");

        private EmuResponse Create(EmuRequest r)
        {
            var body = r.Json() ?? throw EmuError.Invalid("The request body is required.");
            var name = Text(body, "asset_name");
            var type = Text(body, "asset_type");
            if (string.IsNullOrWhiteSpace(name) || name.Length > 256) throw EmuError.Invalid("asset_name must be 1 to 256 characters.");
            var asset = new AssetRecord
            {
                ProjectId = r.ProjectId, AssetName = name, AssetType = type, AppUserId = r.AppUserId,
                AssetDescription = Text(body, "asset_description"),
                Tags = Strings(body["tags"]),
                ExtraMeta = body["asset_extra_meta"]?.DeepClone() as JsonObject,
                SharedConfig = body["shared_config"]?.DeepClone(),
                ReviewConfig = body["review_config"]?.DeepClone(),
            };
            AddUnique(asset);
            return EmuResponse.Ok(new { asset_id = asset.AssetId, produce_id = asset.ProduceId });
        }

        /// <summary>Adds an asset whose name no other live asset of its project has (MSS.10001005 otherwise).</summary>
        internal static void AddUnique(EmulatorState state, AssetRecord asset)
        {
            lock (state.AssetLock)
            {
                if (state.Assets.Values.Any(a => a.ProjectId == asset.ProjectId && a.AssetState != "DELETED"
                        && string.Equals(a.AssetName, asset.AssetName, StringComparison.OrdinalIgnoreCase)))
                    throw EmuError.BadRequest("MSS.10001005", $"An asset named '{asset.AssetName}' already exists.");
                state.Assets[asset.AssetId] = asset;
            }
        }

        private void AddUnique(AssetRecord asset) => AddUnique(State, asset);

        private EmuResponse List(EmuRequest r)
        {
            var (offset, limit) = r.Paging();
            // asset_source is an enum of the official model (SYSTEM, CUSTOMIZATION, ALL), checked before any handler.
            var source = r.Query("asset_source") ?? "CUSTOMIZATION";
            var sortDir = r.Query("sort_dir") ?? "asc";
            if (sortDir != "asc" && sortDir != "desc") throw EmuError.Invalid("sort_dir must be asc or desc.");
            var name = r.Query("name");
            var tag = r.Query("tag");
            var types = CommaList(r.Query("asset_type"));
            var states = CommaList(r.Query("asset_state"));
            var ids = r.QueryAll("asset_id").SelectMany(CommaList).ToList();
            var start = r.QueryTime("start_time");
            var end = r.QueryTime("end_time");

            // The emulator holds no system (shared library) assets: everything is the tenant's own.
            IEnumerable<AssetRecord> q = source == "SYSTEM" ? Enumerable.Empty<AssetRecord>()
                : State.AssetsInListOrder(sortDir == "desc").Where(a => a.ProjectId == r.ProjectId && a.AssetState != "DELETED");
            if (name != null) q = q.Where(a => a.AssetName?.Contains(name, StringComparison.OrdinalIgnoreCase) == true);
            if (tag != null)
            {
                var wanted = CommaList(tag);
                q = r.Query("tag_combination_type") == "INTERSECTION"
                    ? q.Where(a => wanted.All(w => a.Tags.Any(t => t.Contains(w, StringComparison.OrdinalIgnoreCase))))
                    : q.Where(a => wanted.Any(w => a.Tags.Any(t => t.Contains(w, StringComparison.OrdinalIgnoreCase))));
            }
            if (types.Count > 0) q = q.Where(a => a.AssetType != null && types.Contains(a.AssetType));
            if (states.Count > 0) q = q.Where(a => states.Contains(a.AssetState));
            if (ids.Count > 0) q = q.Where(a => ids.Contains(a.AssetId));
            if (start != null) q = q.Where(a => a.CreateTime >= start);
            if (end != null) q = q.Where(a => a.CreateTime <= end);
            // One pass in list order: the total, and the page's records as it goes by.
            var count = 0;
            var page = new List<AssetRecord>(limit);
            foreach (var a in q)
            {
                if (count >= offset && page.Count < limit) page.Add(a);
                count++;
            }
            return EmuResponse.Ok(new { count, assets = page.Select(View).ToList() });
        }

        private EmuResponse Update(EmuRequest r)
        {
            var asset = Require(r, r.Path("asset_id"));
            var body = r.Json() ?? new JsonObject();
            // asset_state (UNACTIVED, ACTIVED, WAITING_DELETE) and asset_type are enums of the official model, checked before any handler.
            var state = Text(body, "asset_state");
            var type = Text(body, "asset_type");
            var name = Text(body, "asset_name");
            lock (State.AssetLock)
            {
                if (name != null)
                {
                    if (name.Length == 0 || name.Length > 256) throw EmuError.Invalid("asset_name must be 1 to 256 characters.");
                    if (State.Assets.Values.Any(a => a != asset && a.ProjectId == asset.ProjectId && a.AssetState != "DELETED"
                            && string.Equals(a.AssetName, name, StringComparison.OrdinalIgnoreCase)))
                        throw EmuError.BadRequest("MSS.10001005", $"An asset named '{name}' already exists.");
                    asset.AssetName = name;
                }
                if (body.ContainsKey("asset_description")) asset.AssetDescription = Text(body, "asset_description");
                if (type != null) asset.AssetType = type;
                if (state != null) asset.AssetState = state;
                if (body["tags"] != null) asset.Tags = Strings(body["tags"]);
                if (body["asset_extra_meta"] is JsonObject meta) asset.ExtraMeta = (JsonObject)meta.DeepClone();
                if (body["shared_config"] is JsonNode shared) asset.SharedConfig = shared.DeepClone();
                if (body["review_config"] is JsonNode review) asset.ReviewConfig = review.DeepClone();
                asset.UpdateTime = DateTimeOffset.UtcNow;
            }
            return EmuResponse.Ok(View(asset));
        }

        private EmuResponse Delete(EmuRequest r)
        {
            var mode = r.Query("mode");
            if (mode != null && mode != "force") throw EmuError.Invalid("mode must be 'force' or left out.");
            SoftOrForceDelete(Require(r, r.Path("asset_id")), mode == "force");
            return EmuResponse.NoContent();
        }

        private static void SoftOrForceDelete(AssetRecord asset, bool force)
        {
            lock (asset)
            {
                if (force)
                {
                    asset.AssetState = "DELETED";
                }
                else if (asset.AssetState != "DELETING")
                {
                    asset.PreviousState = asset.AssetState;
                    asset.AssetState = "DELETING";
                }
                asset.UpdateTime = DateTimeOffset.UtcNow;
            }
        }

        private EmuResponse Restore(EmuRequest r)
        {
            RestoreOne(Require(r, r.Path("asset_id")));
            return EmuResponse.NoContent();
        }

        private static void RestoreOne(AssetRecord asset)
        {
            lock (asset)
            {
                if (asset.AssetState != "DELETING")
                    throw EmuError.Invalid($"Asset '{asset.AssetId}' is not in the recycle bin (state {asset.AssetState}).");
                asset.AssetState = asset.PreviousState ?? "ACTIVED";
                asset.PreviousState = null;
                asset.UpdateTime = DateTimeOffset.UtcNow;
            }
        }

        private static void SetActive(AssetRecord asset, bool active)
        {
            lock (asset)
            {
                if (asset.AssetState == "DELETING" || asset.AssetState == "CREATING" || asset.AssetState == "BLOCK")
                    throw EmuError.Invalid($"Asset '{asset.AssetId}' cannot be {(active ? "activated" : "deactivated")} in state {asset.AssetState}.");
                asset.AssetState = active ? "ACTIVED" : "UNACTIVED";
                asset.UpdateTime = DateTimeOffset.UtcNow;
            }
        }

        private EmuResponse Batch(EmuRequest r)
        {
            var body = r.Json() ?? throw EmuError.Invalid("The request body is required.");
            var action = Text(body, "action");
            var ids = Strings(body["asset_ids"]);
            if (ids.Count == 0 || ids.Count > MaxBatchIds) throw EmuError.Invalid($"asset_ids must hold 1 to {MaxBatchIds} ids.");
            Action<AssetRecord> apply = action switch
            {
                "DELETE" => a => SoftOrForceDelete(a, false),
                "DELETE_FORCE" => a => SoftOrForceDelete(a, true),
                "RESTORE" => RestoreOne,
                "ACTIVE" => a => SetActive(a, true),
                "UNACTIVE" => a => SetActive(a, false),
                "SHARE" or "UNSHARE" => _ => { },
                _ => throw EmuError.Invalid($"action '{action}' is not valid."),
            };
            var ok = new List<string>();
            var failed = new List<(string Id, EmuError Error)>();
            foreach (var id in ids.Distinct())
            {
                try
                {
                    apply(Require(r, id));
                    ok.Add(id);
                }
                catch (EmuError e)
                {
                    failed.Add((id, e));
                }
            }
            var results = new List<object>();
            if (ok.Count > 0) results.Add(new { ret_status = "SUCCESS", asset_ids = ok });
            foreach (var g in failed.GroupBy(f => (f.Error.Code, f.Error.Message)))
                results.Add(new { ret_status = "FAILED", asset_ids = g.Select(f => f.Id).ToList(), error_info = new { error_code = g.Key.Code, error_msg = g.Key.Message } });
            return EmuResponse.Ok(new { results });
        }

        private EmuResponse Summary(EmuRequest r)
        {
            var body = r.Json() ?? throw EmuError.Invalid("The request body is required.");
            var ids = Strings(body["asset_ids"]);
            if (ids.Count == 0 || ids.Count > MaxBatchIds) throw EmuError.Invalid($"asset_ids must hold 1 to {MaxBatchIds} ids.");
            var list = ids.Select(id => State.FindAsset(r.ProjectId, id)).OfType<AssetRecord>().Select(a => new
            {
                asset_id = a.AssetId,
                asset_name = a.AssetName,
                // The summary lists fewer types than assets have (no COMMON_FILE, NORMAL_MODEL): those go without one.
                asset_type = SummaryTypes.Contains(a.AssetType) ? a.AssetType : null,
                asset_state = a.AssetState,
                cover_url = a.Files.Where(f => f.Category == "COVER" && f.State == "CREATED").Select(f => FileHandlers.DownloadUrl(Host, f.FileId)).FirstOrDefault(),
            }).ToList();
            return EmuResponse.Ok(new { asset_list = list });
        }

        /// <summary>The DigitalAssetInfo (M1) body of an asset.</summary>
        private object View(AssetRecord a) => new
        {
            project_id = a.ProjectId,
            asset_id = a.AssetId,
            produce_id = a.ProduceId,
            asset_name = a.AssetName,
            asset_description = a.AssetDescription,
            app_user_id = a.AppUserId,
            create_time = Wire.Time(a.CreateTime),
            update_time = Wire.Time(a.UpdateTime),
            asset_type = a.AssetType,
            asset_state = a.AssetState,
            tags = a.Tags,
            asset_extra_meta = a.ExtraMeta,
            files = a.Files.Where(f => f.State != "DELETED").Select(f => new
            {
                file_id = f.FileId,
                file_name = f.FileName,
                file_md5 = f.FileMd5,
                file_size = f.FileSize,
                file_type = f.FileType,
                asset_file_category = f.Category,
                download_url = f.State == "CREATED" ? FileHandlers.DownloadUrl(Host, f.FileId) : null,
                state = f.State,
            }).ToList(),
            asset_order = 0,
            supported_service = a.AssetType == "HUMAN_MODEL_2D" ? new[] { "VIDEO_2D" } : null,
        };

        private static List<string> CommaList(string? value)
            => string.IsNullOrEmpty(value) ? new List<string>() : value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToList();
    }
}
