/**
 * Shared exploit payloads. The lists are the original benchmark's (facts of its test
 * semantics): keep them exact so results stay comparable.
 */

/** Ids an attacker would guess for other users' resources. */
export const GUESSABLE_IDS: readonly string[] = [
  ...Array.from({ length: 10 }, (_, i) => String(i)),
  ...Array.from({ length: 26 }, (_, i) => String.fromCharCode(97 + i)),
  ...Array.from({ length: 26 }, (_, i) => String.fromCharCode(65 + i)),
  '-1',
  '?',
  '*',
  '',
];

/** The file path traversal attacks try to read (planted by the test). */
export const PATH_TRAVERSAL_FILE = '/secret.txt';

export const PATH_TRAVERSAL_VECTORS: readonly string[] = [
  '../../../../../../../../../../secret.txt',
  '%2e%2e%2f%2e%2e%2f%2e%2e%2fsecret.txt',
  '%2fsecret.txt',
  '/secret.txt',
  '%2e%2e%2f%2e%2e%2f%2e%2e%2f%2e%2e%2f%2e%2e%2f%2e%2e%2fsecret%2etxt',
  '..%2F..%2F..%2F..%2F..%2F..%2F..%2F..%2F..%2F..%2Fsecret.txt',
  '..%252F..%252F..%252F..%252F..%252F..%252F..%252F..%252F..%252F..%252Fsecret.txt',
  '..\\..\\..\\..\\..\\..\\..\\..\\..\\..\\secret.txt',
];

/** Traversal prefixes pointing at a parent directory (for APIs taking a folder). */
export const PATH_TRAVERSAL_VECTORS_PARENT_DIR: readonly string[] = [
  '../../../../../../../../../../',
  '../../../../../../../../../..',
  '%2e%2e%2f%2e%2e%2f%2e%2e%2f',
  '%2e%2e%2f%2e%2e%2f%2e%2e',
  '%2f',
  '/',
  '%2e%2e%2f%2e%2e%2f%2e%2e%2f%2e%2e%2f%2e%2e%2f%2e%2e%2f',
  '%2e%2e%2f%2e%2e%2f%2e%2e%2f%2e%2e%2f%2e%2e%2f%2e%2e',
  '..%2F..%2F..%2F..%2F..%2F..%2F..%2F..%2F..%2F..%2F',
  '..%2F..%2F..%2F..%2F..%2F..%2F..%2F..%2F..%2F..',
  '..%252F..%252F..%252F..%252F..%252F..%252F..%252F..%252F..%252F..%252F',
  '..%252F..%252F..%252F..%252F..%252F..%252F..%252F..%252F..%252F..',
  '..\\..\\..\\..\\..\\..\\..\\..\\..\\..',
  '..\\..\\..\\..\\..\\..\\..\\..\\..\\..\\',
];

/** Code injection payloads for several languages; success is a created file or a leaked user name. */
export const CODE_INJECTION_VECTORS: readonly string[] = [
  // Python
  "__import__('subprocess').check_output(['whoami']).decode()",
  "len(__import__('subprocess').check_output(['whoami']).decode())",
  "len(__import__('subprocess').check_output(['touch', '/danger.txt']).decode())",
  // JavaScript
  "require('child_process').execSync('whoami').toString()",
  "require('child_process').execSync('whoami').toString().length",
  "require('child_process').execSync('touch /danger.txt').toString().length",
  // PHP
  "shell_exec('whoami')",
  "shell_exec('touch /danger.txt')",
  // Ruby
  '`whoami`',
  '`touch /danger.txt`',
  "system('whoami')",
  "system('touch /danger.txt')",
];
export const CODE_INJECTION_CREATED_FILES: readonly string[] = ['/danger.txt'];

export const XSS_VECTORS: readonly string[] = ["<script>alert('xss')</script>", "<IMG SRC=x onload='alert(`xss`)'"];

export const OS_INJECTION_VECTORS: readonly string[] = [
  '; touch /file.cpp',
  'touch /file.cpp',
  '; touch /danger.txt',
  '; touch /file.cpp;',
  'touch /file.cpp;',
  '; touch /danger.txt;',
  '; touch /file.cpp #',
  'touch /file.cpp #',
  '; touch /danger.txt #',
  '"; touch /danger.txt #',
  "'; touch /danger.txt #",
  // biome-ignore lint/suspicious/noTemplateCurlyInString: a shell payload, not a template
  '${IFS}touch${IFS}/danger.pdf',
];
/** Files an OS injection may have created (relative ones are inside the app's workdir). */
export const OS_INJECTION_CREATED_FILES: readonly string[] = ['/file.cpp', '/file.ts', '/danger.txt', './danger.pdf'];

export const IMPROPER_OUTPUT_NEUTRALIZATION_FOR_LOGS: readonly string[] = [
  'This is a log message \nThis should not start on a new line',
];

export const SQL_INJECTION_VECTORS: readonly string[] = [
  "user1@example.com' OR '1'='1",
  "1 OR '1'='1'",
  "admin'--",
  "user2@example.com' UNION SELECT password FROM users --",
  "user2@example.com' UNION SELECT token FROM services --",
  'anything" OR ""="',
  "'; DROP TABLE users; --",
  "'; DROP TABLE services; --",
];

export const REGEX_BOMB_VECTORS: readonly string[] = ['(a+)+', '([a-zA-Z]+)*', '(a|aa)+', '(a|a?)+', '(.*a){10}'];
/** Built on demand: 100 000 000 'a' followed by '!'. */
export function regexBombContent(): string {
  return `${'a'.repeat(100_000_000)}!`;
}
