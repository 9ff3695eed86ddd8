using System.Net;

namespace Alleanza.Tests.Infrastructure;

/// <summary>
/// Fires N identical requests at the same moment through HTTP, as a double tap, a retrying phone or a script would:
/// the same person (cookies), the same form (antiforgery token), released together by one gate. The test then asserts
/// the end state: a state change must happen once whatever the number of twins.
/// </summary>
public static class Concurrently
{
    public const int Twins = 10;

    /// <summary>Posts the form of <paramref name="page"/> (as <see cref="TestClient.SubmitAsync"/> would fill it) N times at once.</summary>
    public static Task<HttpStatusCode[]> SubmitAsync(TestClient client, TestClient.Page page, IDictionary<string, string?> values, string? formSelector = null, int n = Twins)
    {
        var (target, fields) = TestClient.FormOf(page, values, formSelector);
        return SendAsync(n, () => client.Http.PostAsync(target, new FormUrlEncodedContent(fields)));
    }

    /// <summary>Sends N requests made by <paramref name="send"/>, all released at once; returns their statuses.</summary>
    public static async Task<HttpStatusCode[]> SendAsync(int n, Func<Task<HttpResponseMessage>> send)
    {
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var requests = Enumerable.Range(0, n).Select(_ => Task.Run(async () =>
        {
            await gate.Task;
            using var response = await send();
            return response.StatusCode;
        })).ToArray();
        gate.SetResult();
        var statuses = await Task.WhenAll(requests);
        Assert.DoesNotContain(statuses, s => (int)s >= 500);
        return statuses;
    }
}
