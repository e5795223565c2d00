using Microsoft.Extensions.DependencyInjection;
using TrustBot.Core.Commands;
using TrustBot.Core.Settings;

namespace TrustBot.Core.Tests.Settings;

public sealed class SettingsRegistrationTests
{
    [Fact]
    public void AddTrustBotCore_WithPorts_RegistersTheSettingsCommandAndCardActionsOnce()
    {
        var services = CorePorts.AddTo(new ServiceCollection()).AddTrustBotCore().AddTrustBotCore();
        using var provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true, ValidateOnBuild = true });
        using var scope = provider.CreateScope();

        var command = Assert.Single(scope.ServiceProvider.GetServices<ICommand>().OfType<SettingsCommand>());
        Assert.True(command.LeadersOnly);
        var handler = Assert.Single(scope.ServiceProvider.GetServices<ICardActionHandler>().OfType<SettingsActionHandler>());
        Assert.Equal([SettingsVerbs.Save, SettingsVerbs.Open], handler.Verbs);
        Assert.Contains(scope.ServiceProvider.GetRequiredService<MessageHandler>().Commands, c => c.Name == SettingsCommand.CommandName);
    }
}
