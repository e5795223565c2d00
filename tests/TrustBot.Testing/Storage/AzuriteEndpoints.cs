using System.Net;
using System.Net.Sockets;

namespace TrustBot.Testing.Storage;

/// <summary>The port and readiness helpers both Azurite hosts use: the in-memory fixture and the restartable one.</summary>
internal static class AzuriteEndpoints
{
    /// <summary>Any HTTP answer, even an error status, means the service is listening and parsing requests.</summary>
    public static async Task<bool> AnswersAsync(HttpClient http, Uri endpoint, CancellationToken cancellationToken)
    {
        try
        {
            using var response = await http.GetAsync(endpoint, cancellationToken);
            return true;
        }
        catch (HttpRequestException)
        {
            return false;
        }
        catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return false;
        }
    }

    /// <summary>
    /// Three distinct free loopback ports: holding all three listeners at once guarantees they differ; they are
    /// released just before Azurite binds them.
    /// </summary>
    public static (int Blob, int Queue, int Table) ReserveThreePorts()
    {
        var listeners = Enumerable.Range(0, 3).Select(_ => new TcpListener(IPAddress.Loopback, 0)).ToArray();
        try
        {
            foreach (var listener in listeners)
            {
                listener.Start();
            }

            var ports = listeners.Select(l => ((IPEndPoint)l.LocalEndpoint).Port).ToArray();
            return (ports[0], ports[1], ports[2]);
        }
        finally
        {
            foreach (var listener in listeners)
            {
                listener.Stop();
            }
        }
    }
}
