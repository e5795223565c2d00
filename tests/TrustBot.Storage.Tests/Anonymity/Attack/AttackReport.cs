namespace TrustBot.Storage.Tests.Anonymity.Attack;

/// <summary>How well one strategy guessed every voter's answers from one dump, next to guessing from the published aggregate.</summary>
internal sealed record AttackReport(string Moment, string Strategy, double Success, double Baseline, int Exact, int Guesses)
{
    public override string ToString() =>
        $"{Moment,-14} {Strategy,-22} success {Success,6:P1}  baseline {Baseline,6:P1}  exact attributions {Exact,3} of {Guesses}";
}
