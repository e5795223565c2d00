namespace TrustBot.Protocol.Connector;

// Taking app slots from the schedule every instance shares: the booking of a tenant's next slots, and the waits of
// the requests it serves.
public sealed partial class ConnectorRateLimiter
{
    private async Task<long?> WaitForBookingAsync(TenantPacing tenant, TaskCompletionSource<long> ticket, CancellationToken cancellationToken)
    {
        try
        {
            return await ticket.Task.WaitAsync(cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            lock (_gate)
            {
                // Handed an instant just before the cancellation won: the next request may use it.
                if (!tenant.Leave(ticket) && ticket.Task.Result != TenantPacing.AskAgain)
                {
                    tenant.GiveBack(ticket.Task.Result);
                }
            }

            throw;
        }
        finally
        {
            lock (_gate)
            {
                _pending--;
            }
        }
    }

    private async Task SleepAsync(Task sleep, CancellationToken cancellationToken)
    {
        try
        {
            await sleep.WaitAsync(cancellationToken);
        }
        finally
        {
            lock (_gate)
            {
                _pending--;
            }
        }
    }

    // Books shared slots for every request of the tenant waiting at the time (at most MaxChunk), unless this instance
    // already holds the next half second of the tenant's schedule; then it first waits until it holds less. Hands the
    // instants to the waiting requests in order, and books again while some still wait. Never throws: when the
    // schedule cannot be reached, the waiting requests are told to ask again and then find the local share.
    private async Task BookAsync(TenantPacing tenant)
    {
        // The caller holds the lock and has yet to store this task as the tenant's reservation.
        await Task.Yield();
        (long First, int Count)? grant = null;
        try
        {
            long wait;
            lock (_gate)
            {
                var until = tenant.BookedUntil;
                wait = until == long.MinValue ? 0 : until - _horizon - _timeProvider.GetTimestamp();
            }

            if (wait > 0)
            {
                await Task.Delay(ToTimeSpan(wait), _timeProvider);
            }

            int count;
            lock (_gate)
            {
                count = Math.Clamp(tenant.Waiting, 1, MaxChunk);
            }

            grant = await _shared!.ReserveAsync(tenant.TenantId, count, _spacing);
        }
        finally
        {
            lock (_gate)
            {
                if (grant is { } booked)
                {
                    tenant.Distribute(booked.First, booked.Count, _spacingTimestamp);
                }
                else
                {
                    tenant.Fail();
                }

                tenant.Reservation = tenant.Waiting > 0 ? BookAsync(tenant) : null;
            }
        }
    }
}
