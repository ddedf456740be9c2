using System.Xml;
using System.Xml.Linq;
using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Microsoft.AspNetCore.DataProtection.Repositories;

namespace Marketplace.Web.Infrastructure;

/// <summary>
/// The data protection key ring in a private blob container, one blob per element (a key or a revocation), so every web
/// server signs and reads the same cookies and antiforgery tokens, and a restarted or redeployed server keeps everyone
/// signed in. A blob is written once under a fresh name and never changed, so two servers adding a key at once cannot
/// overwrite each other.
/// </summary>
internal sealed partial class BlobKeyRepository(BlobContainerClient container, ILogger<BlobKeyRepository> logger) : IXmlRepository
{
    // Data protection calls the repository synchronously, when it loads or refreshes the ring (about once a day).
    public IReadOnlyCollection<XElement> GetAllElements()
    {
        container.CreateIfNotExists();
        var elements = new List<XElement>();
        foreach (var blob in container.GetBlobs())
        {
            if (ReadOrNull(blob.Name) is { } element) elements.Add(element);
        }

        return elements;
    }

    public void StoreElement(XElement element, string friendlyName)
    {
        container.CreateIfNotExists();
        using var content = new MemoryStream();
        element.Save(content, SaveOptions.DisableFormatting);
        content.Position = 0;
        container.GetBlobClient(BlobName(friendlyName)).Upload(content, new BlobUploadOptions
        {
            HttpHeaders = new BlobHttpHeaders { ContentType = "application/xml" },
            Conditions = new BlobRequestConditions { IfNoneMatch = ETag.All },
        });
    }

    /// <summary>
    /// An unreadable blob is left out with an error naming it rather than failing every request: data protection then
    /// treats the cookies it signed as signed out, and makes a new key if no usable one is left.
    /// </summary>
    private XElement? ReadOrNull(string blobName)
    {
        try
        {
            var content = container.GetBlobClient(blobName).DownloadContent().Value.Content;
            using var stream = content.ToStream();
            return XElement.Load(stream);
        }
        catch (XmlException e)
        {
            LogUnreadableKey(blobName, container.Name, e.Message);
            return null;
        }
    }

    // Named after the element ("key-{id}") for whoever looks in the container; the suffix keeps two revocations apart.
    private static string BlobName(string friendlyName) =>
        $"{new string(friendlyName.Where(c => char.IsAsciiLetterOrDigit(c) || c == '-').Take(100).ToArray())}-{Guid.NewGuid():N}.xml";

    [LoggerMessage(Level = LogLevel.Error, Message = "Data protection key blob {Blob} in container {Container} is not readable XML and is ignored ({Reason}); cookies signed with it are refused as signed out. Delete the blob.")]
    private partial void LogUnreadableKey(string blob, string container, string reason);
}
