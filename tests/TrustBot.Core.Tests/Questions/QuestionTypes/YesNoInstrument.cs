using TrustBot.Core.Questions;

namespace TrustBot.Core.Tests.Questions.QuestionTypes;

/// <summary>
/// A question type that exists only in tests: a yes/no scale, added as instrument data alone (a <c>"scales"</c> entry and
/// a statement naming it). Nothing in src knows "yes-no"; the card, the vote handler, storage and scoring all follow
/// the statement's scale. The instrument data is the only thing a new kind of question needs.
/// </summary>
internal static class YesNoInstrument
{
    public const string AgreementId = "t-asking";
    public const string YesNoId = "t-retro";

    public const string Json = """
        {
          "scale": { "points": 7, "labels": { "1": "Strongly disagree", "2": "Disagree", "3": "Somewhat disagree",
            "4": "Neither agree nor disagree", "5": "Somewhat agree", "6": "Agree", "7": "Strongly agree" } },
          "scales": { "yes-no": { "points": 2, "labels": { "1": "No", "2": "Yes" } } },
          "statements": [
            { "id": "t-asking", "index": "psychological-safety", "dimension": "asking-help", "reverse": true,
              "label": "Hard to ask for help", "text": "It is difficult to ask others on this team for help." },
            { "id": "t-retro", "index": "team", "dimension": "retro", "scale": "yes-no",
              "label": "Retro this sprint", "text": "We held a retrospective this sprint." }
          ]
        }
        """;

    public static Instrument Instrument { get; } = Instrument.Parse(Json);

    public static Statement Agreement => Instrument.Find(AgreementId)!;

    public static Statement YesNo => Instrument.Find(YesNoId)!;
}
