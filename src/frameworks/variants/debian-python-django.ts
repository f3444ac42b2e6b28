import { PYTHON_BASE_PACKAGES, PYTHON_ENV, PYTHON_TOOLCHAIN, debianNames, pythonAfter } from './python-shared.js';
import { deb, type FrameworkVariant, type PackageMapping, withTag } from './shared.js';

const DJANGO = 'python3-django';

const packages: readonly PackageMapping[] = [
  { original: 'asgiref==3.8.1', debian: deb('python3-asgiref', '3.8.1') },
  { original: 'Django==5.1.4', debian: deb(DJANGO, '5.2.19 (trixie-backports; trixie itself has 4.2 LTS)') },
  { original: 'sqlparse==0.5.3', debian: deb('python3-sqlparse', '0.5.3') },
  { original: 'pyjwt==2.10.0', debian: deb('python3-jwt', '2.10.1') },
];

/**
 * Python-Django from Debian: Django 5.2 LTS from trixie-backports (trixie's own 4.2 LTS lacks
 * much of what a sample written for 5.1 may use), the rest from trixie, Python 3.13. The
 * per-sample steps are the framework's own (makemigrations myapp, migrate, as the original's
 * Dockerfile runs them after copying the project), committed into the sample's image.
 */
export const djangoDebian: FrameworkVariant = {
  variant: 'debian',
  frameworkId: 'Python-Django',
  summary:
    "Django 5.2 LTS on Python 3.13 from Debian packages (trixie-backports), not the original's pins (Django 5.1.4, Python 3.12)",
  base: withTag('debian', 'Python-Django', {
    debianSuite: 'trixie',
    aptPackages: [...PYTHON_BASE_PACKAGES, ...debianNames(packages).filter((n) => n !== DJANGO)],
    backportPackages: [DJANGO],
    after: pythonAfter(['django', 'asgiref', 'sqlparse', 'jwt'], packages),
    env: PYTHON_ENV,
  }),
  steps: ['{{extra}}'],
  toolchain: PYTHON_TOOLCHAIN,
  packages,
  notes: [
    'Python 3.13 (Debian trixie) instead of 3.12; no pip, no Node.js',
    'Django 5.2 instead of 5.1: 5.2 adds (composite primary keys, automatic model imports in `manage.py shell`, BoundField customisation) and removes what 5.0/5.1 deprecated only in 6.0, so a project written for 5.1 runs unchanged; runserver and migrations behave the same',
  ],
};
