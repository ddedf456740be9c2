namespace Marketplace.Grains.Tests;

internal static class Refused
{
    /// <summary>Runs <paramref name="call"/>, expects a refusal of <paramref name="kind"/> and returns its message.</summary>
    public static async Task<string> WithAsync(ErrorKind kind, Func<Task> call)
    {
        var error = await Assert.ThrowsAsync<MarketplaceException>(call);
        Assert.Equal(kind, error.Kind);
        Assert.False(string.IsNullOrWhiteSpace(error.Message));
        return error.Message;
    }
}
