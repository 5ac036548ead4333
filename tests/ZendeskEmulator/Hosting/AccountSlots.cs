namespace Natero.Connectors.ZendeskEmulator.Hosting;

/// <summary>
/// The loopback ports the emulator listens on, one per account. Kestrel cannot add listeners once started, so
/// every port is opened at start and an account claims the next free one; a port without an account answers 404.
/// </summary>
internal sealed class AccountSlots(int count)
{
    private readonly Lock _gate = new();
    private readonly List<Slot> _slots = [];

    public int Count { get; } = count;

    public void Listen(Uri baseUrl)
    {
        lock (_gate)
        {
            _slots.Add(new Slot(baseUrl));
        }
    }

    public ZendeskAccount? Find(int localPort)
    {
        lock (_gate)
        {
            return _slots.Find(s => s.BaseUrl.Port == localPort)?.Account;
        }
    }

    public ZendeskAccount Claim(Func<Uri, ZendeskAccount> createAccount)
    {
        lock (_gate)
        {
            var slot = _slots.Find(s => s.Account is null)
                ?? throw new InvalidOperationException(
                    $"Every account port is taken: start the emulator with a larger {nameof(ZendeskEmulatorOptions)}."
                        + nameof(ZendeskEmulatorOptions.AccountPorts)
                        + "."
                );
            slot.Account = createAccount(slot.BaseUrl);
            return slot.Account;
        }
    }

    private sealed class Slot(Uri baseUrl)
    {
        public Uri BaseUrl { get; } = baseUrl;

        public ZendeskAccount? Account { get; set; }
    }
}
