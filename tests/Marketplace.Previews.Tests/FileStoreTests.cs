using System.Text;
using Azure.Storage.Blobs.Models;
using Marketplace.Contracts;
using Marketplace.Storage.Files;

namespace Marketplace.Previews.Tests;

[Collection(WorkerCollection.Name)]
public sealed class FileStoreTests(WorkerClusterFixture fixture)
{
    private IFileStore Files => fixture.Files;

    [Fact]
    public async Task A_written_file_reads_back_with_its_content_type_and_etag()
    {
        var name = Guid.NewGuid().ToString("N") + ".txt";
        var written = await Files.WriteAsync(StorageNames.Containers.Finals, name, new MemoryStream("brief"u8.ToArray()), "text/plain");

        await using var download = await Files.OpenReadAsync(StorageNames.Containers.Finals, name);

        Assert.Equal(("text/plain", 5L, written.ETag), (download!.Properties.ContentType, download.Properties.Bytes, download.Properties.ETag));
        Assert.StartsWith("\"", written.ETag);
        Assert.Equal("brief", await new StreamReader(download.Content, Encoding.UTF8).ReadToEndAsync());
    }

    [Fact]
    public async Task Writing_once_keeps_the_first_content_and_marks_it_in_use_again()
    {
        var name = Guid.NewGuid().ToString("N");
        var first = await Files.WriteOnceAsync(StorageNames.Containers.Previews, name, new MemoryStream([1, 2, 3]), "image/jpeg");

        var second = await Files.WriteOnceAsync(StorageNames.Containers.Previews, name, new MemoryStream([9]), "image/jpeg");

        Assert.Equal(3, second.Bytes);
        await using var download = await Files.OpenReadAsync(StorageNames.Containers.Previews, name);
        var content = new MemoryStream();
        await download!.Content.CopyToAsync(content);
        Assert.Equal([1, 2, 3], content.ToArray());
        // Renewed (a metadata stamp), so the sweep of unreferenced files starts its grace period again.
        Assert.NotEqual(first.ETag, second.ETag);
        Assert.Equal(second.ETag, download.Properties.ETag);
    }

    [Fact]
    public async Task Staging_over_the_limit_is_refused_and_leaves_no_blob()
    {
        var before = await fixture.BlobNamesAsync(StorageNames.Containers.Staging);

        var staged = await Files.StageAsync(new MemoryStream(new byte[10 * 1024 * 1024]), maxBytes: 5 * 1024 * 1024);

        Assert.False(staged.Accepted);
        Assert.Equal(UploadRefusalCode.TooLarge, staged.Refusal!.Code);
        Assert.Contains("5 MB", staged.Refusal.Message);
        Assert.Equal(before, await fixture.BlobNamesAsync(StorageNames.Containers.Staging));
    }

    [Fact]
    public async Task Staging_an_empty_upload_is_refused_and_leaves_no_blob()
    {
        var before = await fixture.BlobNamesAsync(StorageNames.Containers.Staging);

        var staged = await Files.StageAsync(new MemoryStream());

        Assert.Equal(UploadRefusalCode.Empty, staged.Refusal!.Code);
        Assert.Equal(before, await fixture.BlobNamesAsync(StorageNames.Containers.Staging));
    }

    [Fact]
    public async Task Missing_files_read_as_null_and_delete_says_whether_one_existed()
    {
        var name = Guid.NewGuid().ToString("N");
        Assert.Null(await Files.OpenReadAsync(StorageNames.Containers.Originals, name));
        Assert.Null(await Files.GetPropertiesAsync(StorageNames.Containers.Originals, name));
        Assert.False(await Files.DeleteAsync(StorageNames.Containers.Originals, name));

        await Files.WriteAsync(StorageNames.Containers.Originals, name, new MemoryStream([1]), "image/png");

        Assert.True(await Files.ExistsAsync(StorageNames.Containers.Originals, name));
        Assert.True(await Files.DeleteAsync(StorageNames.Containers.Originals, name));
        Assert.False(await Files.ExistsAsync(StorageNames.Containers.Originals, name));
    }

    [Fact]
    public async Task Every_file_container_is_private()
    {
        await Files.ExistsAsync(StorageNames.Containers.Originals, "x");

        foreach (var container in BlobFileStore.Containers)
        {
            var policy = await fixture.Blobs.GetBlobContainerClient(container).GetAccessPolicyAsync();
            Assert.Equal(PublicAccessType.None, policy.Value.BlobPublicAccess);
        }
    }
}
