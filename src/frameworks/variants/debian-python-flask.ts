import { PYTHON_BASE_PACKAGES, PYTHON_ENV, PYTHON_TOOLCHAIN, debianNames, pythonAfter } from './python-shared.js';
import { deb, type FrameworkVariant, type PackageMapping, SMALL_ALTERNATIVES, withTag } from './shared.js';

const packages: readonly PackageMapping[] = [
  { original: 'itsdangerous==2.2.0', debian: deb('python3-itsdangerous', '2.2.0') },
  { original: 'blinker==1.9.0', debian: deb('python3-blinker', '1.9.0') },
  { original: 'click==8.1.7', debian: deb('python3-click', '8.1.8') },
  { original: 'Flask==3.1.0', debian: deb('python3-flask', '3.1.1') },
  { original: 'Jinja2==3.1.4', debian: deb('python3-jinja2', '3.1.6') },
  { original: 'MarkupSafe==3.0.2', debian: deb('python3-markupsafe', '2.1.5') },
  { original: 'Werkzeug==3.1.3', debian: deb('python3-werkzeug', '3.1.3') },
  { original: 'passlib==1.7.4', debian: deb('python3-passlib', '1.7.4') },
  {
    original: 'fpdf==1.7.2',
    debian: deb('python3-fpdf', '2.8.3 (fpdf2, the successor of fpdf 1.7: mostly the same API)'),
  },
  { original: 'pyjwt==2.10.1', debian: deb('python3-jwt', '2.10.1') },
];

/** Python-Flask from Debian trixie: python3 3.13 and python3-flask 3.1.1. */
export const flaskDebian: FrameworkVariant = {
  variant: 'debian',
  frameworkId: 'Python-Flask',
  summary: "Flask 3.1.1 on Python 3.13 from Debian trixie packages, not the original's pins (Flask 3.1.0, Python 3.12)",
  base: withTag('debian', 'Python-Flask', {
    debianSuite: 'trixie',
    aptPackages: [
      ...PYTHON_BASE_PACKAGES,
      ...debianNames(packages),
      // fpdf2 needs fonttools, which depends on `python3-scipy | python3-munkres` and
      // `python3-unicodedata2 | unicode-data`: name the small alternatives (no scipy/numpy/LAPACK).
      ...SMALL_ALTERNATIVES,
    ],
    after: pythonAfter(
      ['flask', 'werkzeug', 'jinja2', 'markupsafe', 'itsdangerous', 'click', 'blinker', 'passlib', 'jwt', 'fpdf'],
      packages,
    ),
    env: PYTHON_ENV,
  }),
  // The packages are in the base; requirements.txt is still copied (same layout), not installed.
  steps: ['{{extra}}'],
  toolchain: PYTHON_TOOLCHAIN,
  packages,
  notes: [
    'Python 3.13 (Debian trixie) instead of 3.12; no pip, no Node.js (the original base image has both; Flask apps use neither)',
    'only the allowed packages, their Debian dependencies and the everyday tools of buildpack-deps are installed (no bcrypt: the original has none either)',
  ],
};
