using TrustBot.Core.Questions;

namespace TrustBot.Core.Tests.Questions;

public sealed class QuestionSetTests
{
    private static readonly Statement TeamOwn = new("custom-focus", "team", "focus", false, "Focus", "We know what matters most this week.");
    private static readonly Statement ExtraCare = new("custom-care-2", Instrument.TrustIndex, "care", false, "Care, again", "Our lead notices when someone struggles.");

    [Fact]
    public void ForQuestionSet_Everything_KeepsTheWholeCatalog()
    {
        var catalog = StatementCatalog.Default.WithCustom([TeamOwn]);

        Assert.Same(catalog, catalog.ForQuestionSet(QuestionSet.Everything));
    }

    [Fact]
    public void ForQuestionSet_PsychologicalSafety_KeepsTheSevenAndTheTeamsOwnIndex()
    {
        var catalog = StatementCatalog.Default.WithCustom([TeamOwn, ExtraCare]).ForQuestionSet(QuestionSet.PsychologicalSafety);

        Assert.Equal(8, catalog.Statements.Count);
        Assert.Equal(7, catalog.Statements.Count(s => s.Index == Instrument.PsychologicalSafetyIndex));
        Assert.NotNull(catalog.Find(TeamOwn.Id));
        Assert.Null(catalog.Find(ExtraCare.Id));
        Assert.Null(catalog.Find("trust-care"));
    }

    [Fact]
    public void ForQuestionSet_Trust_KeepsTheFourWithTrustCustomStatements()
    {
        var catalog = StatementCatalog.Default.WithCustom([TeamOwn, ExtraCare]).ForQuestionSet(QuestionSet.Trust);

        Assert.Equal(["trust-care", "trust-sincerity", "trust-reliability", "trust-competence", TeamOwn.Id, ExtraCare.Id], catalog.Statements.Select(s => s.Id));
    }

    [Fact]
    public void QuestionCatalog_TrustTeam_PicksOnlyFromTrustWhileCatalogStillResolvesEverything()
    {
        var team = TestTeams.InstalledAt(DateTimeOffset.UnixEpoch) with { QuestionSet = QuestionSet.Trust };

        for (var number = 0; number < 6; number++)
        {
            var picked = StatementRotation.Pick(team.QuestionCatalog(), team.Key, number);
            Assert.All(picked, id => Assert.StartsWith("trust-", id, StringComparison.Ordinal));
        }

        Assert.NotNull(team.Catalog().Find("ps-risk"));
    }
}
