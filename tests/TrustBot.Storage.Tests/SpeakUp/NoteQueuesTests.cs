using TrustBot.Storage.SpeakUp;

namespace TrustBot.Storage.Tests.SpeakUp;

public sealed class NoteQueuesTests
{
    [Theory]
    [InlineData("", "speakup-notes")]
    [InlineData("t1a2b3c4d", "t1a2b3c4dspeakup-notes")]
    [InlineData("TrustBotProd", "trustbotprodspeakup-notes")]
    public void QueueName_Prefix_IsPrependedInLowerCase(string prefix, string expected)
    {
        Assert.Equal(expected, NoteQueues.QueueName(prefix, NoteQueues.MainName));
    }

    [Fact]
    public void QueueName_LongestAllowedTablePrefix_StillMakesAValidPoisonQueueName()
    {
        var name = NoteQueues.QueueName(new string('A', 40), NoteQueues.PoisonName);

        Assert.Equal(60, name.Length);
        Assert.EndsWith("-poison", name, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("way-too-long-prefix-that-pushes-the-queue-name-past-63-chars")]
    [InlineData("bad_")]
    [InlineData("-")]
    public void QueueName_PrefixThatBreaksTheRules_ThrowsNamingTheSetting(string prefix)
    {
        var exception = Assert.Throws<ArgumentException>(() => NoteQueues.QueueName(prefix, NoteQueues.MainName));

        Assert.Contains("Storage:TablePrefix", exception.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(-5, 0)]
    [InlineData(0, 0)]
    [InlineData(90, 90)]
    [InlineData(7 * 24 * 3600, 7 * 24 * 3600 - 1)]
    [InlineData(30 * 24 * 3600, 7 * 24 * 3600 - 1)]
    public void Clamp_Delay_StaysWithinWhatTheQueueAccepts(int seconds, int expectedSeconds)
    {
        Assert.Equal(TimeSpan.FromSeconds(expectedSeconds), QueueNoteDispatcher.Clamp(TimeSpan.FromSeconds(seconds)));
    }
}
