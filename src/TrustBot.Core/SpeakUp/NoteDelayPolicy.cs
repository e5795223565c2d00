using System.Buffers.Binary;
using System.Security.Cryptography;
using Microsoft.Extensions.Options;

namespace TrustBot.Core.SpeakUp;

/// <summary>
/// Draws how long a note waits before it reaches storage: uniform between <see cref="SpeakUpOptions.MinDelay"/> and
/// <see cref="SpeakUpOptions.MaxDelay"/>. The draw uses a cryptographic generator, because a predictable delay
/// would let someone subtract it from a storage time and match the note to a participation record.
/// </summary>
public sealed class NoteDelayPolicy
{
    private readonly TimeSpan _min;
    private readonly long _spanTicks;

    public NoteDelayPolicy(IOptions<SpeakUpOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var value = options.Value;
        // Checked here as well as at start, so the policy is never used with a window that was not validated.
        var result = new SpeakUpOptionsValidator().Validate(Options.DefaultName, value);
        if (result.Failed)
        {
            throw new OptionsValidationException(Options.DefaultName, typeof(SpeakUpOptions), result.Failures);
        }

        _min = value.MinDelay;
        _spanTicks = (value.MaxDelay - value.MinDelay).Ticks;
    }

    /// <summary>A fresh random delay in [MinDelay, MaxDelay], to the tick.</summary>
    public TimeSpan NextDelay() => _min + TimeSpan.FromTicks(UniformAtMost(_spanTicks));

    /// <summary>A uniform value in [0, max], by rejection so that no value is favoured by a modulo.</summary>
    private static long UniformAtMost(long max)
    {
        if (max == 0)
        {
            return 0;
        }

        var range = (ulong)max + 1;
        // The largest multiple of range that fits in 64 bits; draws at or above it would bias the low values.
        var limit = ulong.MaxValue - (ulong.MaxValue % range);
        Span<byte> bytes = stackalloc byte[sizeof(ulong)];
        while (true)
        {
            RandomNumberGenerator.Fill(bytes);
            var draw = BinaryPrimitives.ReadUInt64LittleEndian(bytes);
            if (draw < limit)
            {
                return (long)(draw % range);
            }
        }
    }
}
