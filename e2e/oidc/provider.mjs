// A local OpenID provider for Kompas's browser tests: the npm package oidc-provider (OpenID Certified),
// pinned in package-lock.json. Started by e2e/test_oidc_flow.py; listens on a free loopback port and prints
// one JSON line {"issuer": ...} when it is ready.
//
//   node e2e/oidc/provider.mjs '{"redirect_uris": [...], "post_logout_redirect_uris": [...]}'
//
// The provider itself is left as certified: authorization code with PKCE required, discovery, JWKS, userinfo,
// RP-initiated logout, and its development login form (any password). Test-only switches live under
// /__test__/ and change only what a real provider does on its own or can be configured to do:
//   POST /__test__/rotate            a new signing key; the old one leaves the JWKS at once
//   POST /__test__/set {...}         idTokenTtl (seconds), clockSkew (seconds the provider's clock runs behind),
//                                    idTokenAudience (see below); POST /__test__/reset undoes them
//   GET  /__test__/state             the current signing key id and the one the last id_token carried
// idTokenAudience is the one condition a correct provider never produces for our client: its token response then
// carries an id_token re-signed with the provider's own current key for another audience (the "intranet" client),
// as a misbehaving or confused provider would hand it over.

import { createHash, createSign, generateKeyPairSync, randomBytes } from 'node:crypto';
import { createServer } from 'node:http';

import Provider from 'oidc-provider';

const options = JSON.parse(process.argv[2] || '{}');
const realNow = Date.now.bind(Date);
const state = { idTokenTtl: 60 * 10, clockSkew: 0, idTokenAudience: '', lastIdTokenKid: '' };
Date.now = () => realNow() - state.clockSkew * 1000;

// Two profiles from the staff directory (a roles claim "groups") and one from a NemLog-in/MitID broker (no roles
// claim; the broker's own claim names, a CPR number that Kompas must drop, and an assurance level).
const ACCOUNTS = {
  leder: {
    sub: 'staff-7f3c2a',
    email: 'lene.leder@aarhus.example',
    email_verified: true,
    name: 'Lene Leder',
    given_name: 'Lene',
    family_name: 'Leder',
    groups: ['kompas-leder', 'alle-medarbejdere'],
  },
  udenrolle: {
    sub: 'staff-91d0b4',
    email: 'uffe.udenrolle@aarhus.example',
    email_verified: true,
    name: 'Uffe Udenrolle',
    given_name: 'Uffe',
    family_name: 'Udenrolle',
    groups: ['alle-medarbejdere'],
  },
  borger: {
    sub: 'c2a6d5f0-3b1e-4f7a-9c41-5e2d8b7a1f60',
    email: 'bodil.borger@post.example',
    email_verified: true,
    name: 'Bodil Borger',
    given_name: 'Bodil',
    family_name: 'Borger',
    'mitid.uuid': 'c2a6d5f0-3b1e-4f7a-9c41-5e2d8b7a1f60',
    'mitid.identity_name': 'Bodil Borger',
    'mitid.ial': 'SUBSTANTIAL',
    'mitid.loa': 'SUBSTANTIAL',
    'nemlogin.loa': 'https://data.gov.dk/concept/core/nsis/loa/Substantial',
    'dk.cpr': '0708614335',
    'https://data.gov.dk/model/core/eid/cprNumber': '0708614335',
  },
};
const PROFILE_CLAIMS = [...new Set(Object.values(ACCOUNTS).flatMap(Object.keys))].filter(
  (claim) => !['sub', 'email', 'email_verified'].includes(claim),
);

function newSigningKey() {
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const jwk = privateKey.export({ format: 'jwk' });
  const kid = createHash('sha256').update(jwk.n).digest('base64url').slice(0, 16);
  return { jwk: { ...jwk, kid, alg: 'RS256', use: 'sig' }, privateKey };
}

const cookieKeys = [randomBytes(32).toString('base64url')];
let signingKey = newSigningKey();
let provider;
let handle;

function buildProvider(issuer) {
  const built = new Provider(issuer, {
    clients: [
      {
        client_id: 'kompas',
        client_secret: 'kompas-test-secret',
        token_endpoint_auth_method: 'client_secret_post',
        grant_types: ['authorization_code'],
        response_types: ['code'],
        redirect_uris: options.redirect_uris || [],
        post_logout_redirect_uris: options.post_logout_redirect_uris || [],
      },
      {
        client_id: 'intranet',
        client_secret: 'intranet-test-secret',
        grant_types: ['authorization_code'],
        response_types: ['code'],
        redirect_uris: ['http://127.0.0.1/intranet/callback'],
      },
    ],
    jwks: { keys: [signingKey.jwk] },
    cookies: { keys: cookieKeys },
    pkce: { required: () => true },
    claims: { openid: ['sub'], email: ['email', 'email_verified'], profile: PROFILE_CLAIMS },
    ttl: { IdToken: () => state.idTokenTtl },
    // The development login form takes the subject as the login name (any password).
    async findAccount(ctx, id) {
      const account = Object.values(ACCOUNTS).find((candidate) => candidate.sub === id);
      if (!account) return undefined;
      return { accountId: account.sub, claims: async () => ({ ...account }) };
    },
    // Kompas is the municipality's own service: no consent screen (as with a first-party client).
    async loadExistingGrant(ctx) {
      const grantId = ctx.oidc.result?.consent?.grantId || ctx.oidc.session.grantIdFor(ctx.oidc.client.clientId);
      if (grantId) return ctx.oidc.provider.Grant.find(grantId);
      const grant = new ctx.oidc.provider.Grant({
        clientId: ctx.oidc.client.clientId,
        accountId: ctx.oidc.session.accountId,
      });
      grant.addOIDCScope([...ctx.oidc.requestParamScopes].join(' '));
      await grant.save();
      return grant;
    },
  });
  built.use(async (ctx, next) => {
    await next();
    if (ctx.path !== '/token' || !ctx.body || typeof ctx.body.id_token !== 'string') return;
    state.lastIdTokenKid = JSON.parse(Buffer.from(ctx.body.id_token.split('.')[0], 'base64url')).kid;
    if (state.idTokenAudience) ctx.body.id_token = resign(ctx.body.id_token, state.idTokenAudience);
  });
  return built;
}

function resign(token, audience) {
  const [header, payload] = token.split('.');
  const claims = JSON.parse(Buffer.from(payload, 'base64url'));
  const input = `${header}.${Buffer.from(JSON.stringify({ ...claims, aud: audience, azp: audience })).toString('base64url')}`;
  const signature = createSign('RSA-SHA256').update(input).sign(signingKey.privateKey).toString('base64url');
  return `${input}.${signature}`;
}

async function readJson(req) {
  let body = '';
  for await (const chunk of req) body += chunk;
  return body ? JSON.parse(body) : {};
}

function reply(res, value) {
  res.writeHead(200, { 'content-type': 'application/json' });
  res.end(JSON.stringify(value));
}

const server = createServer(async (req, res) => {
  try {
    if (req.url === '/__test__/state') return reply(res, { kid: signingKey.jwk.kid, lastIdTokenKid: state.lastIdTokenKid });
    if (req.url === '/__test__/rotate' && req.method === 'POST') {
      signingKey = newSigningKey();
      provider = buildProvider(provider.issuer);
      handle = provider.callback();
      return reply(res, { kid: signingKey.jwk.kid });
    }
    if (req.url === '/__test__/set' && req.method === 'POST') {
      Object.assign(state, await readJson(req));
      return reply(res, state);
    }
    if (req.url === '/__test__/reset' && req.method === 'POST') {
      Object.assign(state, { idTokenTtl: 60 * 10, clockSkew: 0, idTokenAudience: '' });
      return reply(res, state);
    }
    return handle(req, res);
  } catch (error) {
    res.writeHead(500);
    res.end(String(error));
  }
});

server.listen(0, '127.0.0.1', () => {
  const { port } = server.address();
  provider = buildProvider(`http://127.0.0.1:${port}`);
  handle = provider.callback();
  process.stdout.write(`${JSON.stringify({ issuer: provider.issuer })}\n`);
});

// The test process closes our stdin when it ends; never outlive it.
process.stdin.on('end', () => process.exit(0));
process.stdin.resume();
