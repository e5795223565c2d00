using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using TrustBot.Core.Scheduling;

namespace TrustBot.Storage.Scheduling;

internal static class SchedulingStorageRegistration
{
    /// <summary>Registers the Table Storage timetable; the table itself is created by the table initializer.</summary>
    public static IServiceCollection AddTimetableStorage(this IServiceCollection services)
    {
        services.TryAddSingleton<ITimetable, TableTimetable>();
        return services;
    }
}
