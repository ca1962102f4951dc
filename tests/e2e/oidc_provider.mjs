// A certified OpenID Provider (the npm package oidc-provider, pinned in package-lock.json)
// for the single sign-on tests, on loopback. Started and stopped by
// tests/community/sso_providers.py; configured by OIDC_TEST_CONFIG (JSON):
//   {"port": 0, "clients": [{client_id, client_secret, redirect_uris, post_logout_redirect_uris}],
//    "clock_skew_seconds": 0}
// Its development sign-in form accepts any login: the login is the account id and its
// email address. Accounts whose login starts with "noemail" have no email claim; with
// "unverified", email_verified is false.
import { generateKeyPairSync } from 'node:crypto';

import Provider from 'oidc-provider';

const config = JSON.parse(process.env.OIDC_TEST_CONFIG || '{}');
const port = Number(config.port);
const issuer = `http://127.0.0.1:${port}`;

if (config.clock_skew_seconds) {
  // A provider whose clock is wrong: every token it issues is dated off by the skew.
  const realNow = Date.now;
  Date.now = () => realNow() + config.clock_skew_seconds * 1000;
}

// A signing key of its own (oidc-provider's quick-start keys are the same everywhere),
// under a fixed key id: another instance's ID tokens then carry the same "kid" but a
// signature that this one's keys do not verify.
const signingKey = {
  ...generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ format: 'jwk' }),
  kid: config.kid || 'practice-commons-test',
  alg: 'RS256',
  use: 'sig',
};

function claimsFor(accountId) {
  const claims = { sub: accountId, name: accountId.split('@')[0].replace(/[._-]/g, ' ') };
  if (!accountId.startsWith('noemail')) {
    claims.email = accountId;
    claims.email_verified = !accountId.startsWith('unverified');
  }
  return claims;
}

const provider = new Provider(issuer, {
  clients: (config.clients || []).map((client) => ({
    token_endpoint_auth_method: 'client_secret_post',
    grant_types: ['authorization_code'],
    response_types: ['code'],
    ...client,
  })),
  jwks: { keys: [signingKey] },
  pkce: { required: () => true },
  claims: { openid: ['sub'], email: ['email', 'email_verified'], profile: ['name'] },
  features: { devInteractions: { enabled: true }, rpInitiatedLogout: { enabled: true } },
  cookies: { keys: ['practice-commons-test-provider'] },
  async findAccount(ctx, id) {
    return { accountId: id, async claims() { return claimsFor(id); } };
  },
});

provider.on('server_error', (ctx, error) => process.stderr.write(`server_error: ${error.stack}\n`));

const server = provider.listen(port, '127.0.0.1', () => {
  process.stdout.write(`oidc-provider listening on ${issuer}\n`);
});

for (const signal of ['SIGTERM', 'SIGINT']) {
  process.on(signal, () => server.close(() => process.exit(0)));
}
