namespace TrustBot.Protocol.Tests.Authentication;

/// <summary>
/// One harness shared by the tests that neither change keys, clock or server state nor count requests or log lines,
/// so each of them does not pay for an RSA key and a Kestrel start.
/// </summary>
public sealed class ValidatorFixture : IAsyncLifetime
{
    private ValidatorHarness? _harness;

    internal ValidatorHarness Harness => _harness ?? throw new InvalidOperationException("Fixture not initialised.");

    public async Task InitializeAsync() => _harness = await ValidatorHarness.StartAsync();

    public async Task DisposeAsync()
    {
        if (_harness is not null)
        {
            await _harness.DisposeAsync();
        }
    }
}
