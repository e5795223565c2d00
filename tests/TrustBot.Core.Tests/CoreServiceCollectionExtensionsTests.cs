using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using TrustBot.Core.CheckIns;
using TrustBot.Core.Commands;
using TrustBot.Core.Delivery;
using TrustBot.Core.Help;
using TrustBot.Core.Installations;
using TrustBot.Core.Retention;
using TrustBot.Core.Scheduling;
using TrustBot.Core.SpeakUp;

namespace TrustBot.Core.Tests;

public sealed class CoreServiceCollectionExtensionsTests
{
    [Fact]
    public void AddTrustBotCore_WithPorts_ResolvesHandlersAndHelpCommand()
    {
        using var provider = Services().BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true, ValidateOnBuild = true });
        using var scope = provider.CreateScope();

        Assert.NotNull(scope.ServiceProvider.GetRequiredService<InstallationHandler>());
        var messages = scope.ServiceProvider.GetRequiredService<MessageHandler>();
        Assert.Equal([HelpCommand.CommandName, "checkin", "speakup", "notes", "privacy", "leaders", "settings"], messages.Commands.Select(c => c.Name));
        Assert.NotNull(scope.ServiceProvider.GetRequiredService<CardActionRouter>());
        Assert.NotNull(provider.GetRequiredService<BallotFoldJob>());
        Assert.NotNull(provider.GetRequiredService<NoteReleasePlanner>());
        Assert.NotNull(provider.GetRequiredService<ServiceJobSeeder>());
        Assert.Contains(scope.ServiceProvider.GetServices<IScheduledJob>(), j => j is NoteReleaseJob && j.Kind == NoteReleases.JobKind);
        Assert.Contains(scope.ServiceProvider.GetServices<IOutboundHandler>(), h => h is NoteReleaseSender && h.Kind == NoteReleases.SendKind);
        Assert.Same(TimeProvider.System, provider.GetRequiredService<TimeProvider>());
        Assert.Same(provider.GetRequiredService<ServiceUrlCache>(), scope.ServiceProvider.GetRequiredService<ServiceUrlCache>());
    }

    [Fact]
    public void AddTrustBotCore_CalledTwiceAfterCustomClock_KeepsClockAndRegistersEachCommandOnce()
    {
        var clock = new FakeTimeProvider();
        var services = new ServiceCollection();
        services.AddSingleton<TimeProvider>(clock);
        AddPorts(services).AddTrustBotCore().AddTrustBotCore();

        using var provider = services.BuildServiceProvider();
        using var scope = provider.CreateScope();

        Assert.Same(clock, provider.GetRequiredService<TimeProvider>());
        Assert.Equal(7, scope.ServiceProvider.GetServices<ICommand>().Count());
        Assert.Equal(5, scope.ServiceProvider.GetServices<ICardActionHandler>().Count());
        var jobs = scope.ServiceProvider.GetServices<IScheduledJob>().Select(j => j.Kind).ToList();
        Assert.Equal(jobs.Distinct(StringComparer.Ordinal), jobs);
        Assert.Contains(JobNames.CheckIn, jobs);
        Assert.Contains(JobNames.SpeakUp, jobs);
        Assert.Contains(CheckInCloseJob.JobKind, jobs);
        Assert.Contains(SpeakUpCloseJob.JobKind, jobs);
        // Work that is not a team's: the engine seeds these, so each is one file and one registration line.
        var serviceJobs = scope.ServiceProvider.GetServices<IScheduledJob>().OfType<IServiceJob>().Select(j => j.Kind).Order(StringComparer.Ordinal);
        Assert.Equal([CheckInCloseSweepJob.JobKind, RetentionSweepJob.JobKind, SpeakUpSweepJob.JobKind], serviceJobs);
        var sends = scope.ServiceProvider.GetServices<IOutboundHandler>().Select(h => h.Kind).ToList();
        Assert.Equal(sends.Distinct(StringComparer.Ordinal), sends);
        Assert.Contains(OutboundKinds.CheckIn, sends);
        Assert.Contains(SharedCards.SendKind, sends);
        Assert.Contains(SpeakUpCardSender.SendKind, sends);
        Assert.Single(scope.ServiceProvider.GetServices<IInstallationObserver>(), o => o is TeamPlanner);
        Assert.Single(scope.ServiceProvider.GetServices<IMessageObserver>());
    }

    private static IServiceCollection Services() => AddPorts(new ServiceCollection()).AddTrustBotCore();

    private static IServiceCollection AddPorts(IServiceCollection services) => CorePorts.AddTo(services);
}
