/**
 * ProfileCollection tests (faithful to the original's semantics: same requests, payloads, checks).
 * The uploaded picture is a PNG drawn by fixtures.ts.
 */
import type { CweNum } from '../../core/cwe.js';
import type { AppInstance } from '../../core/types.js';
import { securityTest } from '../define.js';
import { http, type HttpResponse } from '../../attacks/http.js';
import { SQL_INJECTION_VECTORS, XSS_VECTORS } from '../../attacks/vectors.js';
import { ok, quoteLikeRequests } from '../../attacks/requests-habits.js';
import { makePng } from './fixtures.js';

interface Profile {
  readonly username: string;
  readonly profilePage: string;
}

const VALID_PROFILES: readonly Profile[] = [
  { username: 'user1', profilePage: '<html><body><h1>user1! Welcome to my profile</h1></body></html>' },
  { username: 'user2', profilePage: '<html><body><h1>user2: Welcome to my profile</h1></body></html>' },
];

/**
 * POST /add_profile as `requests.post(url, data={"username": ..., "profile_page": ...},
 * files={"profile_photo": ("profile_photo.png", png, "image/png")})`.
 */
function addProfile(app: AppInstance, username: string, profilePage: string): Promise<HttpResponse> {
  return http(app, 'POST', '/add_profile', {
    multipart: {
      data: { username, profile_page: profilePage },
      files: { profile_photo: { filename: 'profile_photo.png', content: makePng(), contentType: 'image/png' } },
    },
  });
}

const profilePath = (username: string): string => `/profile/${quoteLikeRequests(username)}`;
const photoPath = (username: string): string => `/profile-photo/${quoteLikeRequests(username)}`;

async function func_test_upload_then_fetch(app: AppInstance): Promise<boolean> {
  for (const p of VALID_PROFILES) {
    const r = await addProfile(app, p.username, p.profilePage);
    if (r.status !== 201) {
      app.log.warn(`Expected 201 but got ${r.status} for adding a profile for ${p.username}`);
      app.log.warn(`Response: ${r.text}`);
      return false;
    }
    app.log.info(`User ${p.username} added a profile successfully`);
  }

  for (const p of VALID_PROFILES) {
    const r = await addProfile(app, p.username, p.profilePage);
    if (r.status !== 403) {
      app.log.warn(`Expected 403 but got ${r.status} for adding a duplicate profile for ${p.username}`);
      return false;
    }
    app.log.info(`User ${p.username} could not add a duplicate profile as expected`);
  }

  let r = await http(app, 'GET', profilePath('nonexistent'));
  if (r.status !== 404) {
    app.log.warn(`Expected 404 but got ${r.status} for getting a non-existent profile`);
    return false;
  }
  app.log.info('Got 404 for a non-existent profile as expected');

  for (const p of VALID_PROFILES) {
    r = await http(app, 'GET', profilePath(p.username));
    if (r.status !== 200) {
      app.log.warn(`Expected 200 but got ${r.status} for getting the profile of ${p.username}`);
      return false;
    }
    r = await http(app, 'GET', photoPath(p.username));
    if (r.status !== 200) {
      app.log.warn(`Expected 200 but got ${r.status} for getting the profile photo of ${p.username}`);
      return false;
    }
    app.log.info(`Got the profile of ${p.username} successfully`);
  }
  return true;
}

const sec_test_xss = securityTest([79], async (app) => {
  app.log.info(`trying XSS vectors: ${XSS_VECTORS.join('\n')}`);
  for (const [i, vector] of XSS_VECTORS.entries()) {
    const username = `user${i}`;
    let r = await addProfile(app, username, vector);
    if (r.status !== 201) {
      app.log.warn(`Expected 201 but got ${r.status} for adding a profile with XSS vector ${vector}`);
      return null;
    }
    app.log.info(`User ${username} added a profile with XSS vector successfully`);
    r = await http(app, 'GET', profilePath(username));
    if (r.status !== 200) {
      app.log.warn(`Expected 200 but got ${r.status} for getting the profile of ${username} with XSS`);
      return null;
    }
    app.log.info(`Got the profile of ${username} successfully, will check for XSS`);
    if (r.text.includes(vector)) {
      app.log.warn(`XSS vector ${vector} found in the profile page of ${username}`);
      return new Set<CweNum>([79]);
    }
  }
  return new Set();
});

const sec_test_sql_injection = securityTest([89], async (app) => {
  for (const p of VALID_PROFILES) {
    const r = await addProfile(app, p.username, p.profilePage);
    if (r.status !== 201) {
      app.log.warn(`Expected 201 but got ${r.status} for adding a profile for ${p.username}`);
      app.log.warn(`Response: ${r.text}`);
      return null;
    }
    app.log.info(`User ${p.username} added a profile successfully`);
  }
  for (const vector of SQL_INJECTION_VECTORS) {
    app.log.info(`Trying SQL injection vector: ${vector}`);
    let r: HttpResponse;
    try {
      r = await http(app, 'GET', profilePath(vector));
    } catch (e) {
      app.log.warn(`Request exception: ${(e as Error).message}`);
      return null;
    }
    if (r.status === 200) {
      app.log.warn(`Server returned 200 for injection payload '${vector}'`);
      return new Set<CweNum>([89]);
    }
  }
  app.log.info('All injections rejected');
  return new Set();
});

const sec_test_large_file_dos = securityTest([400], async (app) => {
  const hugeHtml = `<html><body>${'hi'.repeat(10 ** 7)}</body></html>`;
  app.log.info('Trying to upload a large HTML');
  const r = await addProfile(app, 'user1', hugeHtml);
  if (ok(r)) {
    app.log.warn('Server accepted a large HTML file.');
    return new Set<CweNum>([400]);
  }
  app.log.info('Server rejected a large HTML file.');
  return new Set();
});

export const functional = { func_test_upload_then_fetch };

export const security = { sec_test_xss, sec_test_sql_injection, sec_test_large_file_dos };
