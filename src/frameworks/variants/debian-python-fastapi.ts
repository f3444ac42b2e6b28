import { PYTHON_BASE_PACKAGES, PYTHON_ENV, PYTHON_TOOLCHAIN, debianNames, pythonAfter } from './python-shared.js';
import { deb, type FrameworkVariant, type PackageMapping, withTag } from './shared.js';

const packages: readonly PackageMapping[] = [
  { original: 'annotated-types==0.7.0', debian: deb('python3-annotated-types', '0.7.0') },
  { original: 'anyio==4.7.0', debian: deb('python3-anyio', '4.8.0') },
  { original: 'certifi==2024.12.14', debian: deb('python3-certifi', '2025.1.31') },
  { original: 'click==8.1.7', debian: deb('python3-click', '8.1.8') },
  { original: 'dnspython==2.7.0', debian: deb('python3-dnspython', '2.7.0') },
  { original: 'email_validator==2.2.0', debian: deb('python3-email-validator', '2.2.0') },
  { original: 'fastapi==0.115.6', debian: deb('python3-fastapi', '0.115.11') },
  // The `fastapi` command (fastapi run/dev); Debian has no package. The entrypoint is `python3 app.py`.
  { original: 'fastapi-cli==0.0.7', debian: null },
  { original: 'h11==0.14.0', debian: deb('python3-h11', '0.14.0') },
  { original: 'httpcore==1.0.7', debian: deb('python3-httpcore', '1.0.7') },
  {
    original: 'httptools==0.6.4',
    debian: deb('python3-httptools', '0.1.1 (the old http-parser based release; 0.6 parses with llhttp)'),
  },
  { original: 'httpx==0.28.1', debian: deb('python3-httpx', '0.28.1') },
  { original: 'idna==3.10', debian: deb('python3-idna', '3.10') },
  { original: 'Jinja2==3.1.4', debian: deb('python3-jinja2', '3.1.6') },
  // python-jose (JWTs via `from jose import jwt`): not packaged in Debian. pyjwt is.
  { original: 'python-jose==3.3.0', debian: null },
  { original: 'markdown-it-py==3.0.0', debian: deb('python3-markdown-it', '3.0.0') },
  { original: 'MarkupSafe==3.0.2', debian: deb('python3-markupsafe', '2.1.5') },
  { original: 'mdurl==0.1.2', debian: deb('python3-mdurl', '0.1.2') },
  { original: 'pydantic==2.10.3', debian: deb('python3-pydantic', '2.10.6') },
  { original: 'pydantic_core==2.27.1', debian: deb('python3-pydantic-core', '2.27.2') },
  { original: 'Pygments==2.18.0', debian: deb('python3-pygments', '2.18.0') },
  { original: 'python-dotenv==1.0.1', debian: deb('python3-dotenv', '1.0.1') },
  { original: 'python-multipart==0.0.20', debian: deb('python3-python-multipart', '0.0.20') },
  { original: 'PyYAML==6.0.2', debian: deb('python3-yaml', '6.0.2') },
  { original: 'rich==13.9.4', debian: deb('python3-rich', '13.9.4') },
  // Used only by fastapi-cli; not packaged in Debian.
  { original: 'rich-toolkit==0.12.0', debian: null },
  { original: 'shellingham==1.5.4', debian: deb('python3-shellingham', '1.5.4') },
  { original: 'sniffio==1.3.1', debian: deb('python3-sniffio', '1.3.1') },
  { original: 'starlette[full]==0.41.3', debian: deb('python3-starlette', '0.46.1') },
  { original: 'typer==0.15.1', debian: deb('python3-typer', '0.15.2') },
  { original: 'typing_extensions==4.12.2', debian: deb('python3-typing-extensions', '4.13.2') },
  { original: 'uvicorn==0.34.0', debian: deb('python3-uvicorn', '0.32.0') },
  { original: 'uvloop==0.21.0', debian: deb('python3-uvloop', '0.21.0') },
  { original: 'watchfiles==1.0.3', debian: deb('python3-watchfiles', '0.24.0') },
  { original: 'websockets==14.1', debian: deb('python3-websockets', '15.0.1') },
  { original: 'passlib==1.7.4', debian: deb('python3-passlib', '1.7.4') },
  { original: 'pyjwt==2.10.0', debian: deb('python3-jwt', '2.10.1') },
];

/**
 * Python-FastAPI from Debian trixie: FastAPI 0.115.11, Starlette 0.46.1, uvicorn 0.32.0 with
 * uvloop and httptools (so uvicorn picks the same loop and HTTP protocol classes as in the
 * original), Python 3.13.
 */
export const fastapiDebian: FrameworkVariant = {
  variant: 'debian',
  frameworkId: 'Python-FastAPI',
  summary:
    "FastAPI 0.115.11 (Starlette 0.46.1, uvicorn 0.32.0) on Python 3.13 from Debian trixie packages, not the original's pins (FastAPI 0.115.6, Starlette 0.41.3, uvicorn 0.34.0, Python 3.12)",
  base: withTag('debian', 'Python-FastAPI', {
    debianSuite: 'trixie',
    aptPackages: [...PYTHON_BASE_PACKAGES, ...debianNames(packages), 'python3-itsdangerous'],
    after: pythonAfter(
      [
        'fastapi',
        'starlette',
        'uvicorn',
        'uvloop',
        'httptools',
        'pydantic',
        'email_validator',
        'python_multipart',
        'jinja2',
        'yaml',
        'httpx',
        'itsdangerous',
        'dotenv',
        'watchfiles',
        'websockets',
        'typer',
        'rich',
        'passlib',
        'jwt',
      ],
      packages,
    ),
    env: PYTHON_ENV,
  }),
  steps: ['{{extra}}'],
  toolchain: PYTHON_TOOLCHAIN,
  packages,
  implied: [{ name: 'python3-itsdangerous', why: "starlette[full]'s extras: the original's pip install brings it in" }],
  notes: [
    'Python 3.13 (Debian trixie) instead of 3.12; no pip, no Node.js',
    'no python-jose (`from jose import jwt` fails to import; pyjwt is there), no fastapi-cli (the `fastapi` command) and no rich-toolkit: Debian has no packages for them',
    'httptools 0.1.1 (http-parser) instead of 0.6.4 (llhttp): uvicorn still picks its httptools protocol, but malformed requests may be parsed differently',
  ],
};
