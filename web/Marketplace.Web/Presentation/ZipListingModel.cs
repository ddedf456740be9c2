using Marketplace.Contracts.Previews;

namespace Marketplace.Web.Presentation;

/// <summary>A zip final's contents for <c>_ZipListing</c>, and what the reader can do when they could not be read.</summary>
public sealed record ZipListingModel(ArchiveListing Archive, string? NextStep);
