using System.Collections.Concurrent;
using Microsoft.IdentityModel.Protocols;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;

namespace Alleanza.Web.Platform.Auth.Oidc;

/// <summary>
/// Trust chains resolved and kept until the earliest expiry among their statements (at most a day), per provider; a failed
/// resolution is not kept, so the next sign-in tries again.
/// </summary>
public sealed class TrustChains(TrustChainResolver resolver, TimeProvider clock)
{
    readonly ConcurrentDictionary<string, TrustChain> chains = new();

    public async Task<TrustChain> GetAsync(string subject, CancellationToken cancel = default)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        if (chains.TryGetValue(subject, out var chain) && chain.Expires > now && chain.Expires - now < TimeSpan.FromDays(1) + TimeSpan.FromMinutes(5)) return chain;
        chain = await resolver.ResolveAsync(subject, cancel);
        var cap = now.AddDays(1);
        if (chain.Expires > cap) chain = chain with { Expires = cap };
        chains[subject] = chain;
        return chain;
    }

    public void Forget(string subject) => chains.TryRemove(subject, out _);
    public void ForgetAll() => chains.Clear();

    /// <summary>The OpenID Connect configuration the stock handler needs, from the provider's federation metadata.</summary>
    public static OpenIdConnectConfiguration ToConfiguration(TrustChain chain)
    {
        var m = chain.ProviderMetadata;
        var config = new OpenIdConnectConfiguration
        {
            Issuer = (string?)m["issuer"] ?? chain.Subject,
            AuthorizationEndpoint = (string?)m["authorization_endpoint"] ?? throw new FederationException(FederationFailure.Malformed, "manca authorization_endpoint"),
            TokenEndpoint = (string?)m["token_endpoint"] ?? throw new FederationException(FederationFailure.Malformed, "manca token_endpoint"),
            UserInfoEndpoint = (string?)m["userinfo_endpoint"] ?? throw new FederationException(FederationFailure.Malformed, "manca userinfo_endpoint"),
            EndSessionEndpoint = (string?)m["end_session_endpoint"],
        };
        foreach (var key in chain.ProviderKeys) config.SigningKeys.Add(key);
        return config;
    }
}

/// <summary>The stock handler's configuration source for a federation provider: its checked trust chain, never a plain discovery document.</summary>
public sealed class FederationConfigurationManager(TrustChains chains, string subject) : IConfigurationManager<OpenIdConnectConfiguration>
{
    public async Task<OpenIdConnectConfiguration> GetConfigurationAsync(CancellationToken cancel) =>
        TrustChains.ToConfiguration(await chains.GetAsync(subject, cancel));

    public void RequestRefresh() => chains.Forget(subject);
}
