using System.ComponentModel.DataAnnotations;

namespace TrustBot.Web.Hosting;

/// <summary><c>/readyz</c> settings (section <c>Readiness</c>).</summary>
public sealed class ReadinessOptions
{
    public const string SectionName = "Readiness";

    /// <summary>
    /// How long one probe of the dependencies answers every <c>/readyz</c> request, so that a load balancer (or anyone
    /// else) polling fast cannot turn readiness into storage load.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:05:00")]
    public TimeSpan ProbeCacheDuration { get; set; } = TimeSpan.FromSeconds(5);
}
