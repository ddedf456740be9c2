using Marketplace.Contracts.Previews;

namespace Marketplace.Web.Uploads;

/// <summary>An upload the preview checks refused; the message says what to do. Nothing was stored.</summary>
public sealed class UploadRefusedException(UploadRefusal refusal) : Exception(refusal.Message)
{
    public UploadRefusal Refusal { get; } = refusal;

    public int Status => Refusal.Code == UploadRefusalCode.TooLarge ? StatusCodes.Status413PayloadTooLarge : StatusCodes.Status400BadRequest;
}
