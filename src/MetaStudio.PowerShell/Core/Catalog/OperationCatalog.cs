using System;
using System.Collections.Generic;
using System.Linq;

namespace MetaStudio.PowerShell.Core.Catalog
{
    /// <summary>
    /// The one table of MetaStudio operations. The client, the rate limiter, the emulator and the
    /// coverage tests all read it; no path or limit is written anywhere else.
    /// Limits: requests per second for one tenant in cn-north-4, cn-east-3, ap-southeast-3.
    /// </summary>
    public static class OperationCatalog
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

        private const string P = "/v1/{project_id}";
        private const string VoiceBase = P + "/voice-training-manage/user";
        private const string ImageBase = P + "/digital-human-training-manage/user/jobs";
        private const string RoomJobs = P + "/smart-live-rooms/{room_id}/smart-live-jobs";

        private static Operation Op(string name, string method, string path, string category, string title,
            int cnNorth4, int cnEast3, int apSoutheast3, bool? idempotent = null)
            => new Operation(name, method, path, category, title, cnNorth4, cnEast3, apSoutheast3, idempotent);

        public static IReadOnlyList<Operation> All { get; } = new[]
        {
            Op("CreateDigitalAsset", "POST", P + "/digital-assets", Asset, "Creating an Asset", 10, 5, 5),
            Op("ListAssets", "GET", P + "/digital-assets", Asset, "Querying Assets", 20, 10, 10),
            Op("UpdateDigitalAsset", "PUT", P + "/digital-assets/{asset_id}", Asset, "Updating an Asset", 10, 5, 5),
            Op("DeleteAsset", "DELETE", P + "/digital-assets/{asset_id}", Asset, "Deleting an Asset", 10, 5, 5),
            Op("ShowAsset", "GET", P + "/digital-assets/{asset_id}", Asset, "Querying Asset Details", 20, 10, 10),
            Op("RestoreAsset", "POST", P + "/digital-assets/{asset_id}/restore", Asset, "Restoring a Deleted Asset", 10, 5, 5, idempotent: true),
            Op("BatchExecuteAssetAction", "POST", P + "/digital-assets/batch-action", Asset, "Batch Asset Operations", 1, 1, 1),
            Op("ListAssetSummary", "POST", P + "/digital-assets/summarys", Asset, "Querying Asset Summary", 20, 10, 10, idempotent: true),
            Op("ShowAssetReplicationInfo", "GET", P + "/digital-assets/{asset_id}/replication-info", Asset, "Querying Asset Copy Information", 20, 10, 10),
            Op("CreateAssetByReplicationInfo", "POST", P + "/digital-assets-by-replication-info", Asset, "Copying an Asset", 4, 3, 3),

            Op("CreateFile", "POST", P + "/files", File, "Creating a File and Obtaining the URL for File Upload", 10, 5, 5),
            Op("DeleteFile", "DELETE", P + "/files/{file_id}", File, "Deleting a File", 10, 5, 5),
            Op("ConfirmFileUpload", "POST", P + "/files/{file_id}/complete", File, "Confirming the Upload of a File", 10, 5, 5, idempotent: true),
            Op("CreateLargeFile", "POST", P + "/large-files", File, "Creating a Large File", 10, 5, 5),

            Op("CreateVideoScripts", "POST", P + "/digital-human-video-scripts", Script, "Creating a Video Script", 10, 5, 5),
            Op("ListVideoScripts", "GET", P + "/digital-human-video-scripts", Script, "Querying Video Scripts", 20, 10, 10),
            Op("ShowVideoScript", "GET", P + "/digital-human-video-scripts/{script_id}", Script, "Querying Video Script Details", 20, 10, 10),
            Op("UpdateVideoScript", "PUT", P + "/digital-human-video-scripts/{script_id}", Script, "Updating a Video Script", 10, 5, 5),
            Op("DeleteVideoScript", "DELETE", P + "/digital-human-video-scripts/{script_id}", Script, "Deleting a Video Script", 10, 5, 5),
            Op("CopyVideoScripts", "POST", P + "/digital-human-video-scripts/{script_id}/copy", Script, "Copying a Video Script", 10, 5, 5),

            Op("ListDigitalHumanVideo", "GET", P + "/digital-human-videos", VideoList, "Querying Video Production Tasks", 20, 10, 10),

            Op("Create2DDigitalHumanVideo", "POST", P + "/2d-digital-human-videos", Video2D, "Creating a Virtual Avatar Video Production Task", 5, 3, 3),
            Op("Show2DDigitalHumanVideo", "GET", P + "/2d-digital-human-videos/{job_id}", Video2D, "Querying Virtual Avatar Video Production Task Details", 20, 10, 10),
            Op("Cancel2DDigitalHumanVideo", "POST", P + "/2d-digital-human-videos/{job_id}/cancel", Video2D, "Canceling a Virtual Avatar Video Production Task in the Waiting Status", 5, 3, 3, idempotent: true),

            Op("CreateSmartLiveRoom", "POST", P + "/smart-live-rooms", Room, "Creating an Intelligent Live Room", 5, 3, 3),
            Op("ListSmartLiveRooms", "GET", P + "/smart-live-rooms", Room, "Querying Intelligent Live Rooms", 20, 10, 10),
            Op("ShowSmartLiveRoom", "GET", P + "/smart-live-rooms/{room_id}", Room, "Querying Intelligent Livestreaming Script Details", 20, 10, 10),
            Op("UpdateSmartLiveRoom", "PUT", P + "/smart-live-rooms/{room_id}", Room, "Updating Intelligent Live Room Information", 5, 3, 3),
            Op("DeleteSmartLiveRoom", "DELETE", P + "/smart-live-rooms/{room_id}", Room, "Deleting an Intelligent Live Room", 4, 3, 3),
            Op("CreateInteractionRuleGroup", "POST", P + "/smart-live-interaction-rule-groups", Room, "Creating an Interaction Rule Library for Live Rooms", 4, 3, 3),
            Op("ListInteractionRuleGroups", "GET", P + "/smart-live-interaction-rule-groups", Room, "Querying Interaction Rule Libraries for Live Rooms", 20, 10, 10),
            Op("UpdateInteractionRuleGroup", "PUT", P + "/smart-live-interaction-rule-groups/{group_id}", Room, "Updating an Interaction Rule Library for Live Rooms", 4, 3, 3),
            Op("DeleteInteractionRuleGroup", "DELETE", P + "/smart-live-interaction-rule-groups/{group_id}", Room, "Deleting an Interaction Rule Library for Live Rooms", 4, 3, 3),

            Op("StartSmartLive", "POST", RoomJobs, Live, "Starting a Virtual Avatar Intelligent Livestreaming Task", 4, 3, 3),
            Op("ListSmartLive", "GET", RoomJobs, Live, "Querying Livestreaming Tasks of a Live Room", 20, 10, 10),
            Op("ShowSmartLive", "GET", RoomJobs + "/{job_id}", Live, "Querying Virtual Avatar Intelligent Livestreaming Task Details", 20, 10, 10),
            Op("StopSmartLive", "POST", RoomJobs + "/{job_id}/stop", Live, "Ending a Virtual Avatar Intelligent Livestreaming Task", 4, 3, 3, idempotent: true),
            Op("ExecuteSmartLiveCommand", "POST", RoomJobs + "/{job_id}/command", Live, "Controlling Virtual Avatar Intelligent Livestreaming", 4, 3, 3),
            Op("ListSmartLiveJobs", "GET", P + "/smart-live-jobs", Live, "Querying All Virtual Avatar Livestreaming Tasks of a Tenant", 10, 5, 5),
            Op("LiveEventReport", "POST", RoomJobs + "/{job_id}/live-event-report", Live, "Reporting Livestreaming Events", 4, 3, 3),

            Op("CreateProduct", "POST", P + "/products", Product, "Creating a Product", 4, 3, 3),
            Op("ListProducts", "GET", P + "/products", Product, "Querying Products", 20, 10, 10),
            Op("UpdateProduct", "PUT", P + "/products/{product_id}", Product, "Updating a Product", 4, 3, 3),
            Op("ShowProduct", "GET", P + "/products/{product_id}", Product, "Querying Product Details", 20, 10, 10),
            Op("DeleteProduct", "DELETE", P + "/products/{product_id}", Product, "Deleting a Product", 4, 3, 3),
            Op("SetProductAsset", "POST", P + "/products/{product_id}/assets", Product, "Configuring a Product Asset Portfolio", 4, 3, 3),

            Op("Create2dModelTrainingJob", "POST", ImageBase, Image, "Creating a Virtual Avatar Model Training Task", 10, 3, 3),
            Op("List2dModelTrainingJob", "GET", ImageBase, Image, "Querying Virtual Avatar Model Training Tasks", 20, 10, 10),
            Op("Show2dModelTrainingJob", "GET", ImageBase + "/{job_id}", Image, "Querying Virtual Avatar Model Training Task Details", 20, 10, 10),
            Op("Delete2dModelTrainingJob", "DELETE", ImageBase + "/{job_id}", Image, "Deleting a Virtual Avatar Model Training Task", 10, 3, 3),
            Op("Update2dModelTrainingJob", "PUT", ImageBase + "/{job_id}", Image, "Updating a Virtual Avatar Model Training Task", 10, 3, 3),
            Op("Execute2dModelTrainingCommandByUser", "POST", ImageBase + "/{job_id}/command", Image, "Executing a Virtual Avatar Model Training Task as a Tenant", 10, 3, 3),

            Op("ShowTenantDurationCfg", "GET", VoiceBase + "/tenant-duration-cfg", Voice, "Querying Personalized Audio Duration", 20, 10, 10),
            Op("CreateTrainingBasicJob", "POST", VoiceBase + "/basic-jobs", Voice, "Creating a Voice Training Task (Basic Edition)", 10, 3, 3),
            Op("CreateTrainingMiddleJob", "POST", VoiceBase + "/middle-jobs", Voice, "Creating a Voice Training Task (Advanced Edition)", 10, 3, 3),
            Op("CreateTrainingAdvanceJob", "POST", VoiceBase + "/advance-jobs", Voice, "Creating a Voice Training Task (Premium Edition)", 10, 3, 3),
            Op("ListVoiceTrainingJob", "GET", VoiceBase + "/jobs", Voice, "Querying Voice Training Tasks", 20, 10, 10),
            Op("CommitVoiceTrainingJob", "POST", VoiceBase + "/jobs/{job_id}", Voice, "Submitting a Voice Training Task", 10, 3, 3),
            Op("ShowVoiceTrainingJob", "GET", VoiceBase + "/jobs/{job_id}", Voice, "Querying Voice Training Task Details", 20, 10, 10),
            Op("DeleteVoiceTrainingJob", "DELETE", VoiceBase + "/jobs/{job_id}", Voice, "Deleting a Voice Training Task", 10, 3, 3),
            Op("ListJobOperationLog", "GET", VoiceBase + "/jobs/{job_id}/op-logs", Voice, "Querying Task Operation Logs", 20, 10, 10),
            Op("ShowJobUploadingAddress", "GET", VoiceBase + "/jobs/{job_id}/uploading-address-url", Voice, "Obtaining the URL for Uploading a Voice File", 20, 10, 10),
            Op("ShowJobAuditResult", "GET", VoiceBase + "/jobs/{job_id}/audit-result", Voice, "Obtaining the Review Result of a Voice Training Task", 20, 10, 10),
            Op("SetJobBatchName", "PUT", VoiceBase + "/batch", Voice, "Setting the Task Batch", 10, 3, 3),
            Op("ConfirmTrainingSegment", "POST", VoiceBase + "/training-segment", Voice, "Confirming the Online Recording Result", 10, 3, 3, idempotent: true),
            Op("ShowTrainingSegmentInfo", "GET", VoiceBase + "/training-segment", Voice, "Obtaining the Confirmed Online Recording Result", 20, 10, 10),

            Op("CreateTtsAudition", "POST", P + "/ttsc/audition", Tts, "Creating a TTS Preview Task", 5, 3, 3),
            Op("ShowTtsAuditionFile", "GET", P + "/ttsc/audition-file/{job_id}", Tts, "Obtaining a TTS Preview File", 20, 10, 10),
        };

        private static readonly Dictionary<string, Operation> ByName = All.ToDictionary(o => o.Name, StringComparer.Ordinal);

        /// <summary>The operation with this SDK name; throws for an unknown name (a programming error).</summary>
        public static Operation Get(string name)
            => ByName.TryGetValue(name, out var op) ? op : throw new KeyNotFoundException($"No MetaStudio operation named '{name}'.");
    }
}
