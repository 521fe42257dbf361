using System;
using System.Collections.Generic;
using System.Linq;
using MetaStudio.PowerShell.Core.Spec;
using static MetaStudio.PowerShell.Core.Catalog.OperationId;

namespace MetaStudio.PowerShell.Core.Catalog
{
    /// <summary>
    /// The one table of what the API spec does not say about the operations the module calls: their group
    /// and title in the throttling table, their per-region rate (cn-north-4, cn-east-3, ap-southeast-3)
    /// and whether a POST is safe to repeat. Method, path and wire shapes come from the spec
    /// (<see cref="ApiSpec"/>); nothing here retypes them.
    /// </summary>
    internal static class OperationCatalog
    {
        private const string Asset = "Digital Asset Management";
        private const string File = "File Management";
        private const string Script = "Video Script Management";
        private const string VideoList = "Video Production Management";
        private const string Video2D = "Virtual Avatar Video Production Management";
        private const string Room = "Intelligent Live Room Management";
        private const string Live = "Livestreaming Task Management";
        private const string Product = "Live Product Management";
        private const string Image = "Image Modeling Management";
        private const string Voice = "Voice Modeling Task Management";
        private const string Tts = "TTS Management";

        /// <summary>The limit of an operation that is in no group of the throttling table.</summary>
        public const int DefaultRateLimit = 1;

        private sealed class Entry
        {
            public OperationId Id;
            public required string Category;
            public required string Title;
            public int[]? Limits;
            public bool? Idempotent;
            /// <summary>For an extra operation: the published operation whose limits it takes.</summary>
            public OperationId? LimitsOf;
        }

        private static Entry Op(OperationId id, string category, string title, int cnNorth4, int cnEast3, int apSoutheast3, bool? idempotent = null)
            => new Entry { Id = id, Category = category, Title = title, Limits = new[] { cnNorth4, cnEast3, apSoutheast3 }, Idempotent = idempotent };

        /// <summary>An operation outside the throttling table: it gets the limits of its list or show sibling.</summary>
        private static Entry Extra(OperationId id, string category, string title, OperationId limitsOf, bool? idempotent = null)
            => new Entry { Id = id, Category = category, Title = title, LimitsOf = limitsOf, Idempotent = idempotent };

        private static readonly Entry[] Entries =
        {
            Op(CreateDigitalAsset, Asset, "Creating an Asset", 10, 5, 5),
            Op(ListAssets, Asset, "Querying Assets", 20, 10, 10),
            Op(UpdateDigitalAsset, Asset, "Updating an Asset", 10, 5, 5),
            Op(DeleteAsset, Asset, "Deleting an Asset", 10, 5, 5),
            Op(ShowAsset, Asset, "Querying Asset Details", 20, 10, 10),
            Op(RestoreAsset, Asset, "Restoring a Deleted Asset", 10, 5, 5, idempotent: true),
            Op(BatchExecuteAssetAction, Asset, "Batch Asset Operations", 1, 1, 1),
            Op(ListAssetSummary, Asset, "Querying Asset Summary", 20, 10, 10, idempotent: true),
            Op(ShowAssetReplicationInfo, Asset, "Querying Asset Copy Information", 20, 10, 10),
            Op(CreateAssetByReplicationInfo, Asset, "Copying an Asset", 4, 3, 3),

            Op(CreateFile, File, "Creating a File and Obtaining the URL for File Upload", 10, 5, 5),
            Op(DeleteFile, File, "Deleting a File", 10, 5, 5),
            Op(ConfirmFileUpload, File, "Confirming the Upload of a File", 10, 5, 5, idempotent: true),
            Op(CreateLargeFile, File, "Creating a Large File", 10, 5, 5),

            Op(CreateVideoScripts, Script, "Creating a Video Script", 10, 5, 5),
            Op(ListVideoScripts, Script, "Querying Video Scripts", 20, 10, 10),
            Op(ShowVideoScript, Script, "Querying Video Script Details", 20, 10, 10),
            Op(UpdateVideoScript, Script, "Updating a Video Script", 10, 5, 5),
            Op(DeleteVideoScript, Script, "Deleting a Video Script", 10, 5, 5),
            Op(CopyVideoScripts, Script, "Copying a Video Script", 10, 5, 5),

            Op(ListDigitalHumanVideo, VideoList, "Querying Video Production Tasks", 20, 10, 10),

            Op(Create2DDigitalHumanVideo, Video2D, "Creating a Virtual Avatar Video Production Task", 5, 3, 3),
            Op(Show2DDigitalHumanVideo, Video2D, "Querying Virtual Avatar Video Production Task Details", 20, 10, 10),
            Op(Cancel2DDigitalHumanVideo, Video2D, "Canceling a Virtual Avatar Video Production Task in the Waiting Status", 5, 3, 3, idempotent: true),
            Extra(CreatePhotoDigitalHumanVideo, Video2D, "Creating a Photo-based Avatar Video Production Task", limitsOf: Create2DDigitalHumanVideo),
            Extra(ShowPhotoDigitalHumanVideo, Video2D, "Querying Photo-based Avatar Video Production Task Details", limitsOf: Show2DDigitalHumanVideo),
            Extra(CancelPhotoDigitalHumanVideo, Video2D, "Canceling a Photo-based Avatar Video Production Task in the Waiting Status", limitsOf: Cancel2DDigitalHumanVideo, idempotent: true),

            Op(CreateSmartLiveRoom, Room, "Creating an Intelligent Live Room", 5, 3, 3),
            Op(ListSmartLiveRooms, Room, "Querying Intelligent Live Rooms", 20, 10, 10),
            Op(ShowSmartLiveRoom, Room, "Querying Intelligent Livestreaming Script Details", 20, 10, 10),
            Op(UpdateSmartLiveRoom, Room, "Updating Intelligent Live Room Information", 5, 3, 3),
            Op(DeleteSmartLiveRoom, Room, "Deleting an Intelligent Live Room", 4, 3, 3),
            Op(CreateInteractionRuleGroup, Room, "Creating an Interaction Rule Library for Live Rooms", 4, 3, 3),
            Op(ListInteractionRuleGroups, Room, "Querying Interaction Rule Libraries for Live Rooms", 20, 10, 10),
            Extra(ShowInteractionRuleGroup, Room, "Querying an Interaction Rule Library for Live Rooms", limitsOf: ListInteractionRuleGroups),
            Op(UpdateInteractionRuleGroup, Room, "Updating an Interaction Rule Library for Live Rooms", 4, 3, 3),
            Op(DeleteInteractionRuleGroup, Room, "Deleting an Interaction Rule Library for Live Rooms", 4, 3, 3),

            Op(StartSmartLive, Live, "Starting a Virtual Avatar Intelligent Livestreaming Task", 4, 3, 3),
            Op(ListSmartLive, Live, "Querying Livestreaming Tasks of a Live Room", 20, 10, 10),
            Op(ShowSmartLive, Live, "Querying Virtual Avatar Intelligent Livestreaming Task Details", 20, 10, 10),
            Op(StopSmartLive, Live, "Ending a Virtual Avatar Intelligent Livestreaming Task", 4, 3, 3, idempotent: true),
            Op(ExecuteSmartLiveCommand, Live, "Controlling Virtual Avatar Intelligent Livestreaming", 4, 3, 3),
            Op(ListSmartLiveJobs, Live, "Querying All Virtual Avatar Livestreaming Tasks of a Tenant", 10, 5, 5),
            Op(LiveEventReport, Live, "Reporting Livestreaming Events", 4, 3, 3),

            Op(CreateProduct, Product, "Creating a Product", 4, 3, 3),
            Op(ListProducts, Product, "Querying Products", 20, 10, 10),
            Op(UpdateProduct, Product, "Updating a Product", 4, 3, 3),
            Op(ShowProduct, Product, "Querying Product Details", 20, 10, 10),
            Op(DeleteProduct, Product, "Deleting a Product", 4, 3, 3),
            Op(SetProductAsset, Product, "Configuring a Product Asset Portfolio", 4, 3, 3),

            Op(Create2dModelTrainingJob, Image, "Creating a Virtual Avatar Model Training Task", 10, 3, 3),
            Op(List2dModelTrainingJob, Image, "Querying Virtual Avatar Model Training Tasks", 20, 10, 10),
            Op(Show2dModelTrainingJob, Image, "Querying Virtual Avatar Model Training Task Details", 20, 10, 10),
            Op(Delete2dModelTrainingJob, Image, "Deleting a Virtual Avatar Model Training Task", 10, 3, 3),
            Op(Update2dModelTrainingJob, Image, "Updating a Virtual Avatar Model Training Task", 10, 3, 3),
            Op(Execute2dModelTrainingCommandByUser, Image, "Executing a Virtual Avatar Model Training Task as a Tenant", 10, 3, 3),

            Op(ShowTenantDurationCfg, Voice, "Querying Personalized Audio Duration", 20, 10, 10),
            Op(CreateTrainingBasicJob, Voice, "Creating a Voice Training Task (Basic Edition)", 10, 3, 3),
            Op(CreateTrainingMiddleJob, Voice, "Creating a Voice Training Task (Advanced Edition)", 10, 3, 3),
            Op(CreateTrainingAdvanceJob, Voice, "Creating a Voice Training Task (Premium Edition)", 10, 3, 3),
            Op(ListVoiceTrainingJob, Voice, "Querying Voice Training Tasks", 20, 10, 10),
            Op(CommitVoiceTrainingJob, Voice, "Submitting a Voice Training Task", 10, 3, 3),
            Op(ShowVoiceTrainingJob, Voice, "Querying Voice Training Task Details", 20, 10, 10),
            Op(DeleteVoiceTrainingJob, Voice, "Deleting a Voice Training Task", 10, 3, 3),
            Op(ListJobOperationLog, Voice, "Querying Task Operation Logs", 20, 10, 10),
            Op(ShowJobUploadingAddress, Voice, "Obtaining the URL for Uploading a Voice File", 20, 10, 10),
            Op(ShowJobAuditResult, Voice, "Obtaining the Review Result of a Voice Training Task", 20, 10, 10),
            Op(SetJobBatchName, Voice, "Setting the Task Batch", 10, 3, 3),
            Op(ConfirmTrainingSegment, Voice, "Confirming the Online Recording Result", 10, 3, 3, idempotent: true),
            Op(ShowTrainingSegmentInfo, Voice, "Obtaining the Confirmed Online Recording Result", 20, 10, 10),

            Op(CreateTtsAudition, Tts, "Creating a TTS Preview Task", 5, 3, 3),
            Op(ShowTtsAuditionFile, Tts, "Obtaining a TTS Preview File", 20, 10, 10),
        };

        private static readonly Lazy<Built> Table = new Lazy<Built>(Build);

        private sealed class Built
        {
            public required Operation[] All;
            public required Dictionary<OperationId, Operation> ById;
            public required Dictionary<string, Operation> ByName;
        }

        private static Built Build()
        {
            var spec = ApiSpec.Bundled;
            var byId = Entries.ToDictionary(e => e.Id);
            var all = Entries.Select(e =>
            {
                var name = e.Id.ToString();
                var route = spec.Operation(name);
                var limits = (e.LimitsOf.HasValue ? byId[e.LimitsOf.Value].Limits : e.Limits)
                    ?? throw new InvalidOperationException($"The catalog entry {name} has neither limits nor a sibling with limits.");
                return new Operation(e.Id, name, route.Method, route.Path, e.Category, e.Title, limits, e.Idempotent, route, e.LimitsOf?.ToString());
            }).ToArray();
            return new Built
            {
                All = all,
                ById = all.ToDictionary(o => o.Id ?? throw new InvalidOperationException($"The catalog operation {o.Name} has no id.")),
                ByName = all.ToDictionary(o => o.Name, StringComparer.Ordinal),
            };
        }

        /// <summary>The 68 operations of the throttling table and the extras the module needs.</summary>
        public static IReadOnlyList<Operation> All => Table.Value.All;

        public static Operation Get(OperationId id) => Table.Value.ById[id];

        /// <summary>A catalog operation's official trees; every catalog operation has them (Build reads each from the spec).</summary>
        internal static SpecOperation SpecOf(OperationId id)
            => Get(id).Spec ?? throw new InvalidOperationException($"The catalog operation {id} has no spec.");

        /// <summary>The catalog operation with this SDK name, or null.</summary>
        public static Operation? Find(string? name)
            => name != null && Table.Value.ByName.TryGetValue(name, out var op) ? op : null;

        /// <summary>
        /// An operation for any route of the official client (a name from the spec's all_ops, or a method and
        /// path template): the catalog's own operation when there is one; otherwise it gets the lowest published
        /// limit of the group whose operations share the longest leading part of its path, or
        /// <see cref="DefaultRateLimit"/> per second when no group does.
        /// </summary>
        public static Operation ForRoute(string? name, string method, string path)
        {
            method = method.ToUpperInvariant();
            var known = Find(name) ?? All.FirstOrDefault(o => o.Method == method && SameRoute(o.PathTemplate, path))
                // A concrete path (…/digital-assets/abc) is the operation whose placeholders it fills.
                ?? All.FirstOrDefault(o => o.Method == method && SameRoute(o.PathTemplate, path, placeholdersMatchValues: true));
            if (known != null) return known;
            ApiSpec.Bundled.Operations.TryGetValue(name ?? "", out var spec);
            var groups = GroupsOf(path);
            var published = All.Where(o => !o.IsExtra && groups.Contains(o.Category)).ToList();
            var limits = Regions.Known.Select(r => published.Count == 0 ? DefaultRateLimit : published.Min(o => o.RateLimit(r))).ToArray();
            var source = published.Count == 0
                ? $"no group of the throttling table; {DefaultRateLimit} per second"
                : "the lowest published limit of " + string.Join(" and ", groups);
            return new Operation(null, name ?? $"{method} {path}", method, path, groups.Count > 0 ? groups[0] : null, null, limits, null, spec, source);
        }

        /// <summary>The groups whose operations share the most leading path segments with this path (placeholders match placeholders).</summary>
        internal static IReadOnlyList<string> GroupsOf(string path)
        {
            var segments = Segments(path);
            var best = 0;
            var groups = new List<string>();
            foreach (var op in All)
            {
                var other = Segments(op.PathTemplate);
                var n = 0;
                while (n < segments.Length && n < other.Length && SameSegment(segments[n], other[n])) n++;
                if (n == 0 || n < best) continue;
                if (n > best)
                {
                    best = n;
                    groups.Clear();
                }
                if (op.Category != null && !groups.Contains(op.Category)) groups.Add(op.Category);
            }
            return groups;
        }

        private static bool SameRoute(string template, string path, bool placeholdersMatchValues = false)
        {
            var x = Segments(template);
            var y = Segments(path);
            return x.Length == y.Length && x.Zip(y, (a, b) => SameSegment(a, b) || (placeholdersMatchValues && a.StartsWith("{", StringComparison.Ordinal))).All(s => s);
        }

        // The part after /v1/{project_id}, which every MetaStudio path starts with.
        private static string[] Segments(string path)
        {
            var parts = (path ?? "").Trim('/').Split('/');
            var skip = parts.Length >= 2 && (parts[0] == "v1" || parts[0] == "v2") && parts[1].StartsWith("{", StringComparison.Ordinal) ? 2 : 0;
            return parts.Skip(skip).ToArray();
        }

        private static bool SameSegment(string a, string b)
            => a.StartsWith("{", StringComparison.Ordinal) ? b.StartsWith("{", StringComparison.Ordinal) : string.Equals(a, b, StringComparison.Ordinal);
    }
}
