namespace Marketplace.Grains;

internal static class StateWrites
{
    /// <summary>
    /// Writes the state; if the write fails, the activation is dropped so the next call reloads what storage
    /// really holds instead of trusting in-memory changes that were never acknowledged.
    /// </summary>
    public static async Task SaveAsync<TState>(this IPersistentState<TState> state, IGrainBase grain)
    {
        try
        {
            await state.WriteStateAsync();
        }
        catch
        {
            grain.DeactivateOnIdle();
            throw;
        }
    }
}
