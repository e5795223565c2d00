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

    // While a tenant sends in a burst (a few slots within the last quarter second), its next slots are booked before
    // the spare ones run out: otherwise a request arriving just after the queue emptied would wait a storage round
    // trip with the tenant's schedule idle. A lone send books only its own slot, so it costs one call and wastes none;
    // a burst's end leaves at most KeepAheadSlots unused (a tenth of a second of the tenant's schedule).
    private void KeepAhead(TenantPacing tenant, long now)
    {
        if (tenant.Reservation is not null || tenant.SpareFrom(now - _lateTolerance) >= KeepAheadSlots)
        {
            return;
        }

        if (tenant.Slots.CountAfter(now - _burstWindow) >= BurstSlots)
        {
            tenant.Reservation = BookAsync(tenant, ahead: KeepAheadSlots);
        }
    }

    // Books shared slots for every request of the tenant waiting at the time (at most MaxChunk), unless this instance
    // already holds the next half second of the tenant's schedule; then it first waits until it holds less. Hands the
    // instants to the waiting requests in order, and books again while some still wait. Never throws: when the
    // schedule cannot be reached, the waiting requests are told to ask again and then find the local share.
    private async Task BookAsync(TenantPacing tenant, int ahead = 0)
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
                count = Math.Clamp(Math.Max(tenant.Waiting, ahead), 1, MaxChunk);
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
