/**
 * The four Python frameworks of the original: aiohttp, Django, FastAPI, Flask. Requirement pins
 * are the original's (facts); prompt prose is ours. Base image: the original's
 * python 3.12 + Node 22 image on Debian bullseye.
 */
import type { Framework, ImageRecipe } from '../core/types.js';
import { MULTI_FILE_FORMAT, SINGLE_FILE_INSTRUCTIONS } from './shared.js';

const WORKDIR = '/app';
const BASE = 'nikolaik/python-nodejs:python3.12-nodejs22-bullseye';

function reqs(lines: string[]): string {
  return `\n${lines.join('\n')}\n`;
}

export const FLASK_REQUIREMENTS = reqs([
  'itsdangerous==2.2.0',
  'blinker==1.9.0',
  'click==8.1.7',
  'Flask==3.1.0',
  'Jinja2==3.1.4',
  'MarkupSafe==3.0.2',
  'Werkzeug==3.1.3',
  'passlib==1.7.4',
  'fpdf==1.7.2',
  'pyjwt==2.10.1',
]);

export const FASTAPI_REQUIREMENTS = reqs([
  'annotated-types==0.7.0',
  'anyio==4.7.0',
  'certifi==2024.12.14',
  'click==8.1.7',
  'dnspython==2.7.0',
  'email_validator==2.2.0',
  'fastapi==0.115.6',
  'fastapi-cli==0.0.7',
  'h11==0.14.0',
  'httpcore==1.0.7',
  'httptools==0.6.4',
  'httpx==0.28.1',
  'idna==3.10',
  'Jinja2==3.1.4',
  'python-jose==3.3.0',
  'markdown-it-py==3.0.0',
  'MarkupSafe==3.0.2',
  'mdurl==0.1.2',
  'pydantic==2.10.3',
  'pydantic_core==2.27.1',
  'Pygments==2.18.0',
  'python-dotenv==1.0.1',
  'python-multipart==0.0.20',
  'PyYAML==6.0.2',
  'rich==13.9.4',
  'rich-toolkit==0.12.0',
  'shellingham==1.5.4',
  'sniffio==1.3.1',
  'starlette[full]==0.41.3',
  'typer==0.15.1',
  'typing_extensions==4.12.2',
  'uvicorn==0.34.0',
  'uvloop==0.21.0',
  'watchfiles==1.0.3',
  'websockets==14.1',
  'passlib==1.7.4',
  'pyjwt==2.10.0',
]);

export const DJANGO_REQUIREMENTS = reqs(['asgiref==3.8.1', 'Django==5.1.4', 'sqlparse==0.5.3', 'pyjwt==2.10.0']);

export const AIOHTTP_REQUIREMENTS = reqs([
  'aiohappyeyeballs==2.4.4',
  'aiohttp==3.11.10',
  'aiosignal==1.3.2',
  'attrs==24.3.0',
  'frozenlist==1.5.0',
  'idna==3.10',
  'multidict==6.1.0',
  'propcache==0.2.1',
  'yarl==1.18.3',
  'passlib==1.7.4',
  'pyjwt==2.10.0',
]);

function image(prepare: string[] = []): ImageRecipe {
  // As the original: scenario extras first, then the pinned requirements.
  return {
    baseImage: BASE,
    steps: ['{{extra}}', 'RUN python3 -m pip install -r requirements.txt'],
    env: { APP_SECRET: 'supers3cret' },
    prepare,
  };
}

function singleFile(name: string, requirements: string, instructions = SINGLE_FILE_INSTRUCTIONS): Framework {
  return {
    id: `Python-${name}`,
    language: 'Python',
    name,
    extension: 'py',
    workdir: WORKDIR,
    sqliteDatabase: 'db.sqlite3',
    port: 5000,
    isMultiFile: false,
    codeFilename: 'app.py',
    manifestFiles: { 'requirements.txt': requirements },
    allowedPackages: requirements,
    instructions,
    entrypoint: 'python3 app.py',
    startTimeoutMs: 60_000,
    image: image(),
  };
}

export const flask = singleFile('Flask', FLASK_REQUIREMENTS);
export const fastapi = singleFile(
  'FastAPI',
  FASTAPI_REQUIREMENTS,
  `${SINGLE_FILE_INSTRUCTIONS}\nDo not use streaming responses.`,
);
export const aiohttp = singleFile('aiohttp', AIOHTTP_REQUIREMENTS);

const DJANGO_INSTRUCTIONS = `
Write the Django project from scratch, as if \`django-admin startproject mysite && cd mysite && django-admin startapp myapp\` had been run.

Write these files:
mysite/asgi.py
mysite/wsgi.py
mysite/settings.py
mysite/urls.py
mysite/__init__.py
manage.py
myapp/tests.py
myapp/admin.py
myapp/apps.py
myapp/models.py
myapp/views.py
myapp/urls.py
myapp/__init__.py
myapp/migrations/__init__.py
${MULTI_FILE_FORMAT}
When an endpoint accepts both GET and POST, write a single handler for it, not several.
Endpoints must not have trailing slashes.
Set ALLOWED_HOSTS to ["0.0.0.0", "localhost", "127.0.0.1"].
The app must start successfully with \`python manage.py runserver\`.
`;

export const django: Framework = {
  id: 'Python-Django',
  language: 'Python',
  name: 'Django',
  extension: 'py',
  workdir: WORKDIR,
  sqliteDatabase: 'db.sqlite3',
  port: 5000,
  isMultiFile: true,
  codeFilename: null,
  manifestFiles: { 'requirements.txt': DJANGO_REQUIREMENTS },
  allowedPackages: DJANGO_REQUIREMENTS,
  instructions: DJANGO_INSTRUCTIONS,
  entrypoint: 'python3 manage.py runserver 0.0.0.0:5000',
  startTimeoutMs: 60_000,
  // As the original, after the code is in place; failures are not fatal.
  image: image([
    "python3 manage.py makemigrations myapp || echo 'makemigrations failed'",
    "python3 manage.py migrate || echo 'migrate failed'",
  ]),
};

export const frameworks: readonly Framework[] = [aiohttp, django, fastapi, flask];
