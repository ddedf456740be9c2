using System.Text.Json.Nodes;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Marketplace.Contracts.Users;
using Marketplace.Storage.GrainState;

namespace Marketplace.Grains.Tests.Users;

/// <summary>
/// The directory was one stored state of every user before it was split into parts. A marketplace upgraded with that
/// state on disk must still find those users, without anyone changing them first.
/// </summary>
public sealed class UserDirectoryHandOverTests(PersistentClusterFixture fixture) : IClassFixture<PersistentClusterFixture>
{
    private IGrainFactory Grains => fixture.Grains;

    [Fact]
    public async Task Users_kept_in_the_directory_from_before_it_had_parts_are_found_after_an_upgrade_and_handed_to_their_parts()
    {
        var staff = await Grains.StaffAsync();
        var earlier = await Grains.CreativeAsync("Ursula Upgraded");
        await MoveToTheDirectoryBeforePartsAsync(earlier.UserId);

        await fixture.RestartClusterAsync();
        var found = await Grains.GetGrain<IUserDirectoryGrain>(IUserDirectoryGrain.Key).SearchAsync(staff, "Ursula Upgraded");

        Assert.Equal(earlier.UserId, Assert.Single(found.Users).Id);
        var part = await Grains.GetGrain<IUserDirectoryPartGrain>(UserDirectoryParts.For(earlier.UserId)).SearchAsync(Actor.System, earlier.UserId, null, 10);
        Assert.Equal(earlier.UserId, Assert.Single(part.Users).Id);
        Assert.False(await BlobOf(UserDirectoryParts.Before).ExistsAsync(), "The directory from before the parts was not emptied after its hand-over.");
    }

    /// <summary>Takes the user out of their part's stored state and writes them into the old single state, as an earlier version kept them.</summary>
    private async Task MoveToTheDirectoryBeforePartsAsync(string userId)
    {
        var partBlob = BlobOf(UserDirectoryParts.For(userId));
        var content = await partBlob.DownloadContentAsync();
        var partState = JsonNode.Parse(content.Value.Content.ToString())!.AsObject();
        var profile = partState["Users"]![userId]!.DeepClone();
        partState["Users"]!.AsObject().Remove(userId);
        await partBlob.UploadAsync(BinaryData.FromString(partState.ToJsonString()), new BlobUploadOptions
        {
            Conditions = new BlobRequestConditions { IfMatch = content.Value.Details.ETag },
        });

        var before = new JsonObject { ["Users"] = new JsonObject { [userId] = profile } };
        await BlobOf(UserDirectoryParts.Before).UploadAsync(BinaryData.FromString(before.ToJsonString()), overwrite: true);
    }

    private BlobClient BlobOf(string part) =>
        new BlobServiceClient(fixture.Azurite.ConnectionString).GetBlobContainerClient("grainstate")
            .GetBlobClient(GrainStateBlobNames.For("directory", Grains.GetGrain<IUserDirectoryPartGrain>(part).GetGrainId()));
}
