namespace TrustBot.Protocol.Activities;

/// <summary>
/// Why an activity was refused: the field (a JSON path such as <c>channelData.team.name</c>) and the rule it broke.
/// Neither part ever contains the field's value, so both may be logged and returned to the caller.
/// </summary>
/// <param name="Field">The JSON path of the field, with array indexes.</param>
/// <param name="Problem">The broken rule, naming the limit.</param>
public sealed record ActivityViolation(string Field, string Problem)
{
    /// <summary>A sentence for the error response, for example <c>conversation.id is longer than 256 characters.</c></summary>
    public string Message => $"{Field} {Problem}.";
}
