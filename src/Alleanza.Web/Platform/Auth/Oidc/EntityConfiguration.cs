using System.Text.Json.Nodes;

namespace Alleanza.Web.Platform.Auth.Oidc;

/// <summary>
/// The relying party's Entity Configuration (<c>/.well-known/openid-federation</c>): a JWT signed with the federation
/// key, typ entity-statement+jwt, with the federation keys, the authority hints, the trust marks and the
/// openid_relying_party metadata (redirect URIs, the OpenID Connect signing and encryption keys, private_key_jwt, the
/// UserInfo's signing and encryption algorithms).
/// </summary>
public static class EntityConfiguration
{
    public static async Task<string> BuildAsync(SpidOptions options, FederationKeys keys, DateTime now, CancellationToken cancel = default)
    {
        var all = await keys.AllAsync(cancel);
        var rp = options.RelyingParty;
        var entityId = rp.EntityId!;
        var hints = rp.AuthorityHints.Count > 0 ? rp.AuthorityHints : [options.TrustAnchor.EntityId ?? ""];
        var redirectUris = new JsonArray(options.Providers
            .Where(p => p.Kind != ProviderKind.Oidc).Select(p => (JsonNode?)JsonValue.Create(entityId + p.CallbackPath)).ToArray());
        var contacts = new JsonArray(rp.Contacts.Select(c => (JsonNode?)JsonValue.Create(c)).ToArray());
        var payload = new JsonObject
        {
            ["iss"] = entityId, ["sub"] = entityId,
            ["iat"] = Jose.Epoch(now), ["exp"] = Jose.Epoch(now.AddHours(Math.Clamp(rp.EntityConfigurationHours, 1, 24 * 7))),
            ["jwks"] = new JsonObject { ["keys"] = new JsonArray(all[FederationKeys.Federation].PublicJwk()) },
            ["authority_hints"] = new JsonArray(hints.Select(h => (JsonNode?)JsonValue.Create(h)).ToArray()),
            ["metadata"] = new JsonObject
            {
                ["federation_entity"] = new JsonObject
                {
                    ["organization_name"] = rp.OrganizationName, ["homepage_uri"] = entityId, ["policy_uri"] = entityId + "/privacy",
                    ["contacts"] = contacts.DeepClone(),
                },
                ["openid_relying_party"] = new JsonObject
                {
                    ["application_type"] = "web",
                    ["client_id"] = entityId,
                    ["client_registration_types"] = new JsonArray("automatic"),
                    ["client_name"] = rp.OrganizationName,
                    ["contacts"] = contacts.DeepClone(),
                    ["redirect_uris"] = redirectUris,
                    ["response_types"] = new JsonArray("code"),
                    ["grant_types"] = new JsonArray("authorization_code"),
                    ["token_endpoint_auth_method"] = "private_key_jwt",
                    ["id_token_signed_response_alg"] = "RS256",
                    ["userinfo_signed_response_alg"] = "RS256",
                    ["userinfo_encrypted_response_alg"] = "RSA-OAEP",
                    ["userinfo_encrypted_response_enc"] = "A256CBC-HS512",
                    ["jwks"] = new JsonObject { ["keys"] = new JsonArray(all[FederationKeys.Signing].PublicJwk(), all[FederationKeys.Encryption].PublicJwk()) },
                },
            },
        };
        if (rp.TrustMarks.Count > 0)
            payload["trust_marks"] = new JsonArray(rp.TrustMarks.Select(t => (JsonNode?)new JsonObject { ["id"] = t.Id, ["trust_mark"] = t.TrustMark }).ToArray());
        return Jose.Sign(payload, all[FederationKeys.Federation], Jose.EntityStatementType);
    }
}
