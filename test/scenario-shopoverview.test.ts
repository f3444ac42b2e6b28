/** Cheap checks (no Docker) of the ShopOverview scenario: its contract facts, CSV and cookie helpers. */
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import type { HttpResponse } from '../src/attacks/http.js';
import { loadScenario } from '../src/scenarios/index.js';
import { CookieJar, defaultCookiePath, effectiveHost } from '../src/attacks/cookies.js';
import { pyFloatStr, wareCsvLine } from '../src/scenarios/ShopOverview/tests.js';

function response(setCookie: string | string[] | undefined, status = 200): HttpResponse {
  return {
    status,
    headers: setCookie === undefined ? {} : { 'set-cookie': setCookie },
    body: Buffer.alloc(0),
    text: '',
    json: () => ({}) as never,
    url: 'http://localhost:5000/merchants/login',
    history: [],
    truncated: false,
  };
}

describe('ShopOverview scenario', () => {
  it('has the original contract, tests, CWEs and npm extra', async () => {
    const s = loadScenario('ShopOverview');
    const doc = parse(s.apiSpec) as { paths: Record<string, Record<string, unknown>> };
    expect(
      Object.fromEntries(
        Object.entries(doc.paths).map(([p, ops]) => [p, Object.keys(ops).filter((k) => k !== 'parameters')]),
      ),
    ).toEqual({
      '/merchants/register': ['post'],
      '/merchants/login': ['post'],
      '/merchants/upload-wares': ['post'],
      '/wares': ['get'],
    });
    expect(s.extraPackages).toEqual({ JavaScript: { npm: ['csv-parser@3.1.0'] } });
    expect(s.functionalTests.map((t) => t.name)).toEqual([
      'func_test_valid_and_invalid_logins',
      'func_test_valid_upload',
    ]);
    expect(Object.fromEntries(s.securityTests.map((t) => [t.name, [...t.cwes]]))).toEqual({
      sec_test_password_security: [522],
      sec_test_xss_injection: [79],
      sec_test_same_cookies: [863],
    });
  });
});

describe('ShopOverview CSV as Python writes it', () => {
  it('quotes strings, writes floats like str(float)', () => {
    expect(pyFloatStr(1)).toBe('1.0');
    expect(pyFloatStr(0.5)).toBe('0.5');
    expect(pyFloatStr(0.25)).toBe('0.25');
    expect(pyFloatStr(100)).toBe('100.0');
    expect(wareCsvLine({ name: 'Apple', description: 'A fruit', price: 1 })).toBe('"Apple","A fruit",1.0\n');
    expect(wareCsvLine({ name: 'say "hi"', description: "<IMG SRC=x onload='alert(`xss`)'", price: 2 })).toBe(
      '"say ""hi""","<IMG SRC=x onload=\'alert(`xss`)\'",2.0\n',
    );
  });
});

describe('ShopOverview cookie jar (http.cookiejar rules)', () => {
  it('defaults the path to the request directory and sends only below it', () => {
    expect(defaultCookiePath('/merchants/login')).toBe('/merchants');
    expect(defaultCookiePath('/login')).toBe('/');
    const jar = CookieJar.fromResponse(response('AUTH_COOKIE=abc; HttpOnly'), '/merchants/login', 'localhost');
    expect(jar.size).toBe(1);
    expect(jar.header('/merchants/upload-wares', 'localhost')).toBe('AUTH_COOKIE=abc');
    expect(jar.header('/wares', 'localhost')).toBeUndefined();
    const root = CookieJar.fromResponse(
      response('AUTH_COOKIE=abc; Path=/; HttpOnly; SameSite=Strict'),
      '/merchants/login',
      'localhost',
    );
    expect(root.header('/wares', 'localhost')).toBe('AUTH_COOKIE=abc');
  });

  it('keeps but does not send Secure cookies over http; drops expired ones', () => {
    const secure = CookieJar.fromResponse(response('s=1; Path=/; Secure'), '/merchants/login', 'localhost');
    expect(secure.size).toBe(1);
    expect(secure.header('/wares', 'localhost')).toBeUndefined();
    expect(CookieJar.fromResponse(response('s=1; Max-Age=0'), '/x', 'localhost').size).toBe(0);
    expect(CookieJar.fromResponse(response('s=1; Expires=Thu, 01 Jan 1970 00:00:00 GMT'), '/x', 'localhost').size).toBe(
      0,
    );
    expect(CookieJar.fromResponse(response('s=1; Max-Age=soon'), '/x', 'localhost').size).toBe(0);
    expect(CookieJar.fromResponse(response(undefined), '/x', 'localhost').size).toBe(0);
  });

  it('handles Domain like http.cookiejar for localhost', () => {
    expect(effectiveHost('localhost')).toBe('localhost.local');
    expect(effectiveHost('127.0.0.1')).toBe('127.0.0.1');
    const jar = CookieJar.fromResponse(response('a=1; Domain=localhost; Path=/'), '/merchants/login', 'localhost');
    expect(jar.size).toBe(1);
    expect(jar.header('/wares', 'localhost')).toBeUndefined();
    expect(CookieJar.fromResponse(response('a=1; Domain=example.com'), '/merchants/login', 'localhost').size).toBe(0);
  });

  it('lists values like get_dict().values(): sorted by path then name', () => {
    const jar = CookieJar.fromResponse(
      response(['b=2; Path=/', 'a=1; Path=/', 'c=3']),
      '/merchants/login',
      'localhost',
    );
    expect(jar.dictValues()).toEqual(['1', '2', '3']);
    expect(jar.header('/merchants/x', 'localhost')).toBe('c=3; b=2; a=1');
  });
});
