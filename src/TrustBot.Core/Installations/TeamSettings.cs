using TrustBot.Core.Questions;
using TrustBot.Core.Scheduling;

namespace TrustBot.Core.Installations;

/// <summary>What a team's leaders choose on the settings card; validated before it is stored.</summary>
/// <param name="ChannelId">The channel check-ins and prompts are posted into (its conversation id).</param>
/// <param name="Schedule">Cadence, weekday, local time, time zone and pause.</param>
/// <param name="QuestionSet">Which built-in statements check-ins ask.</param>
/// <param name="AnonymityThreshold">The team's k, 3–25.</param>
/// <param name="ShareNotesInChannel">Speak-up notes also go to the channel (not only to the leaders).</param>
public sealed record TeamSettings(
    string ChannelId,
    TeamSchedule Schedule,
    QuestionSet QuestionSet,
    int AnonymityThreshold,
    bool ShareNotesInChannel);
